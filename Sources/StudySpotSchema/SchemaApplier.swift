import Foundation
import StudySpotCore
import StudySpotWire

/// Ends a shard's transaction without changing anything.
struct SchemaNotChanged: Error {}

/// What `schema apply` did (or, in a dry run, would do) on one shard.
public struct SchemaShardReport: Sendable {
    public var shard: String
    /// component → (from, to) for each component that moved.
    public var applied: [(component: String, from: Int, to: Int)] = []
    public var upToDate: [(component: String, version: Int)] = []
    /// Tables the platform already had, adopted as they are.
    public var adopted: [String] = []
    /// Columns the console needs that existing tables lack: the shard was left unchanged.
    public var missingColumns: [MissingColumn] = []
    /// The statements run (or, in a dry run, that would run), in order.
    public var statements: [String] = []
    public var dryRun = false
    public var skipped: String?
    public var error: String?

    public var line: String {
        if let skipped { return "\(shard): skipped: \(skipped)" }
        if !missingColumns.isEmpty {
            let byTable = Dictionary(grouping: missingColumns, by: \.table)
            let lacks = byTable.keys.sorted().map { "\($0) lacks \(byTable[$0]!.map(\.column).joined(separator: ", "))" }
            return "\(shard): not changed: \(lacks.joined(separator: "; ")) — add the column(s) the console needs (CONTRACT §3), then run `schema apply` again"
        }
        if let error { return "\(shard): failed: \(error)" }
        let moved = applied.map { "\($0.component) \($0.from) → \($0.to)" }
        let same = upToDate.map { "\($0.component) v\($0.version)" }
        let kept = adopted.isEmpty ? "" : " (adopted existing \(adopted.joined(separator: ", ")))"
        if dryRun {
            if statements.isEmpty { return "\(shard): up to date (\(same.joined(separator: ", "))); nothing would run" }
            return "\(shard): would apply \(moved.joined(separator: ", "))\(kept), \(statements.count) statement(s) below"
        }
        if moved.isEmpty { return "\(shard): up to date (\(same.joined(separator: ", ")))" }
        return "\(shard): applied \(moved.joined(separator: ", "))\(kept)" + (same.isEmpty ? "" : "; up to date: \(same.joined(separator: ", "))")
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

/// Gives every shard, by its role, what `ConsoleSchema` says the console
/// needs — creating only what is missing, adopting what exists — then makes
/// sure every owner with a `db_role` can log in and is confined by the policies.
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

    public func applyAll(dryRun: Bool = false) -> (shards: [SchemaShardReport], owners: OwnerRoleReport?) {
        var reports: [SchemaShardReport] = []
        // A shard on Turso's HTTP API is not PostgreSQL: its tables are the platform's to create.
        for shard in topology.shards where !shard.overHTTP {
            reports.append(apply(to: shard, dryRun: dryRun))
        }
        guard !dryRun, reports.allSatisfy({ $0.error == nil && $0.missingColumns.isEmpty }) else { return (reports, nil) }
        return (reports, try? syncOwnerRoles())
    }

    /// One transaction per shard: it inspects what exists, creates only what is
    /// missing and records the versions, or — when an existing table lacks a
    /// column the console needs, or anything fails — changes nothing at all.
    /// A dry run inspects in a read-only transaction and reports the SQL.
    public func apply(to shard: ShardConfig, dryRun: Bool = false) -> SchemaShardReport {
        var report = SchemaShardReport(shard: shard.name)
        report.dryRun = dryRun
        if ["libsql://", "http://", "https://"].contains(where: { shard.dsn.lowercased().hasPrefix($0) }) {
            report.skipped = "reached over HTTP (Turso's SQLite); `schema apply` speaks PostgreSQL"
            return report
        }
        let components = ConsoleSchema.components(for: shard, in: topology)
        do {
            let conn = try PGConnection(dsn: shard.dsn, options: options)
            defer { conn.close() }
            try conn.transaction {
                if dryRun { try conn.query("SET TRANSACTION READ ONLY") }
                // Two consoles applying at once take turns instead of racing.
                try conn.query("SELECT pg_advisory_xact_lock(hashtext('studyspot-schema'))")
                let plan = try SchemaInspector.plan(conn, components: components)
                // Adopted: tables found by a component's first run (later runs find the console's own).
                report.adopted = components.filter { plan.recorded[$0.name] == nil }.flatMap { plan.adopted[$0.name] ?? [] }
                report.missingColumns = plan.missingColumns
                report.statements = plan.steps.map(\.sql)
                for component in components {
                    let from = plan.recorded[component.name] ?? 0
                    if from == component.version && !plan.steps.contains(where: { $0.component == component.name }) {
                        report.upToDate.append((component.name, from))
                    } else {
                        report.applied.append((component.name, from, component.version))
                    }
                }
                guard plan.missingColumns.isEmpty else { throw SchemaNotChanged() }
                guard !dryRun else { throw SchemaNotChanged() }
                try SchemaAdoption.run(plan, on: conn)
                // `adopted` is what the first run found; a later run finds the
                // tables the console made itself, so it leaves the column alone.
                for component in components where report.applied.contains(where: { $0.component == component.name }) {
                    try conn.query("""
                        INSERT INTO studyspot_schema_version (component, version, adopted) VALUES ($1, $2, $3)
                        ON CONFLICT (component) DO UPDATE SET version = EXCLUDED.version, applied_at = now()
                        """, [component.name, component.version, PGArray(strings: plan.adopted[component.name] ?? [])])
                }
            }
        } catch is SchemaNotChanged {
            // Rolled back on purpose: a dry run, or a table the console cannot use as it is.
        } catch let error as PGError where error.sqlstate == "42501" {
            // Triggers, row-level security and policies need the table's owner.
            report.error = "\(error) — nothing was changed; run `schema apply` with a DSN whose user owns the platform's tables"
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
