import Foundation
import StudySpotCore
import StudySpotWire

/// What `schema apply` did on one shard.
public struct SchemaShardReport: Sendable {
    public var shard: String
    /// component → (from, to) for each component that moved.
    public var applied: [(component: String, from: Int, to: Int)] = []
    public var upToDate: [(component: String, version: Int)] = []
    public var error: String?

    public var line: String {
        if let error { return "\(shard): failed: \(error)" }
        let moved = applied.map { "\($0.component) \($0.from) → \($0.to)" }
        let same = upToDate.map { "\($0.component) v\($0.version)" }
        if moved.isEmpty { return "\(shard): up to date (\(same.joined(separator: ", ")))" }
        return "\(shard): applied \(moved.joined(separator: ", "))" + (same.isEmpty ? "" : "; up to date: \(same.joined(separator: ", "))")
    }
}

public struct OwnerRoleReport: Sendable {
    public var created: [String] = []
    public var passwordsSet: [String] = []
    public var mapped = 0
    public var skipped: [String] = []
    public var total = 0
    public var line: String {
        var parts: [String] = []
        if !created.isEmpty { parts.append("\(created.count) role(s) created") }
        if !passwordsSet.isEmpty { parts.append("\(passwordsSet.count) password(s) set") }
        if mapped > 0 { parts.append("\(mapped) mapping(s) written") }
        if parts.isEmpty { parts.append("up to date (\(total) owner role(s))") }
        var s = "owner roles: " + parts.joined(separator: ", ")
        for skip in skipped { s += "\n  skipped: \(skip)" }
        return s
    }
}

/// Applies the versioned schema to every shard by its role, then makes sure
/// every owner with a `db_role` can log in and is confined by the policies.
public struct SchemaApplier: Sendable {
    public var topology: Topology
    public var options: PGConnectOptions
    /// Password given to owner login roles when they are created (never changed afterwards).
    public var ownerPassword: String?

    public init(topology: Topology, options: PGConnectOptions = PGConnectOptions(), ownerPassword: String? = nil) {
        self.topology = topology
        self.options = options
        self.ownerPassword = ownerPassword
    }

    public func applyAll() -> (shards: [SchemaShardReport], owners: OwnerRoleReport?) {
        var reports: [SchemaShardReport] = []
        // A shard on Turso's HTTP API is not PostgreSQL: its tables are the platform's to create.
        for shard in topology.shards where !shard.overHTTP {
            reports.append(apply(to: shard))
        }
        guard reports.allSatisfy({ $0.error == nil }) else { return (reports, nil) }
        return (reports, try? syncOwnerRoles())
    }

    public func apply(to shard: ShardConfig) -> SchemaShardReport {
        var report = SchemaShardReport(shard: shard.name)
        do {
            let conn = try PGConnection(dsn: shard.dsn, options: options)
            defer { conn.close() }
            try conn.execute(script: """
                CREATE TABLE IF NOT EXISTS studyspot_schema_version (
                  component text PRIMARY KEY,
                  version int NOT NULL,
                  applied_at timestamptz NOT NULL DEFAULT now()
                )
                """)
            for component in SchemaMigrations.components(for: shard, in: topology) {
                try conn.transaction {
                    // Two consoles applying at once take turns instead of racing.
                    try conn.query("SELECT pg_advisory_xact_lock(hashtext('studyspot-schema'))")
                    let current = try conn.query("SELECT version FROM studyspot_schema_version WHERE component = $1", [component])
                        .first.map { try $0.int("version") } ?? 0
                    let pending = SchemaMigrations.migrations(for: component).filter { $0.version > current }
                    guard let last = pending.last else {
                        report.upToDate.append((component, Int(current)))
                        return
                    }
                    for m in pending { try conn.execute(script: m.sql) }
                    try conn.query("""
                        INSERT INTO studyspot_schema_version (component, version) VALUES ($1, $2)
                        ON CONFLICT (component) DO UPDATE SET version = EXCLUDED.version, applied_at = now()
                        """, [component, last.version])
                    report.applied.append((component, Int(current), last.version))
                }
            }
        } catch {
            report.error = "\(error)"
        }
        return report
    }

    /// Creates missing owner login roles on every shard's server and maps them
    /// to their owner ids on users and archive shards. Roles that exist but are
    /// not owner roles (a superuser named in `db_role`, say) are left alone.
    public func syncOwnerRoles() throws -> OwnerRoleReport {
        var report = OwnerRoleReport()
        guard let catalog = topology.catalogShard, !catalog.overHTTP else { return report }
        let cat = try PGConnection(dsn: catalog.dsn, options: options)
        defer { cat.close() }
        let owners = try cat.query("SELECT id, db_role FROM owners WHERE db_role IS NOT NULL AND db_role <> '' ORDER BY id")
            .rows.map { (id: try $0.int("id"), role: try $0.string("db_role")) }
        report.total = owners.count
        var created = Set<String>()
        var skipped = Set<String>()
        var passworded = Set<String>()
        for shard in topology.shards where !shard.overHTTP {
            let conn = try PGConnection(dsn: shard.dsn, options: options)
            defer { conn.close() }
            for owner in owners {
                // A db_role PostgreSQL would truncate (over 63 bytes) makes a role
                // whose name matches no mapping, and one with control characters
                // would reach the terminal in this report. Neither is anyone's
                // login: skipped, without echoing it.
                if owner.role.utf8.count > 63 || owner.role.unicodeScalars.contains(where: { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }) {
                    skipped.insert("owner \(owner.id): db_role is not a usable login role name (\(owner.role.utf8.count) bytes)")
                    continue
                }
                let existing = try conn.query("""
                    SELECT r.rolsuper, pg_has_role(r.oid, 'studyspot_owner', 'MEMBER') AS member,
                           (SELECT a.rolpassword IS NOT NULL FROM pg_authid a WHERE a.oid = r.oid) AS has_password
                    FROM pg_roles r WHERE r.rolname = $1
                    """, [owner.role]).first
                if let existing {
                    if try existing.bool("rolsuper") || !existing.bool("member") {
                        skipped.insert("\(owner.role) (owner \(owner.id)) exists and is not an owner role")
                        continue
                    }
                    // A role made before a password was configured gets one now; never replaced after.
                    if let ownerPassword, existing["has_password"] == "f" {
                        try conn.query("ALTER ROLE \(try conn.quoteIdentifier(owner.role)) PASSWORD \(try conn.quoteLiteral(ownerPassword))")
                        passworded.insert(owner.role)
                    }
                } else {
                    var sql = "CREATE ROLE \(try conn.quoteIdentifier(owner.role)) LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE IN ROLE studyspot_owner"
                    if let ownerPassword { sql += " PASSWORD \(try conn.quoteLiteral(ownerPassword))" }
                    try conn.query(sql)
                    created.insert(owner.role)
                }
                if shard.role != .catalog {
                    let r = try conn.query("""
                        INSERT INTO studyspot_owner_roles (db_role, owner_id) VALUES ($1, $2)
                        ON CONFLICT (db_role) DO UPDATE SET owner_id = EXCLUDED.owner_id
                        WHERE studyspot_owner_roles.owner_id IS DISTINCT FROM EXCLUDED.owner_id
                        """, [owner.role, owner.id])
                    report.mapped += r.affected
                }
            }
        }
        report.created = created.sorted()
        report.skipped = skipped.sorted()
        report.passwordsSet = passworded.sorted()
        return report
    }
}
