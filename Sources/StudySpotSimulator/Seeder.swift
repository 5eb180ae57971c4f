import Foundation
import StudySpotCore
import StudySpotDevStack
import StudySpotSchema
import StudySpotWire

/// What one seeding run wrote, per table and shard (tests compare it with the database).
public struct SeedReport: Sendable {
    public var rowsByShard: [String: [String: Int]] = [:]
    public var seconds = 0.0
    public var skipped = false
    public var totalRows: Int { rowsByShard.values.reduce(0) { $0 + $1.values.reduce(0, +) } }
}

/// Bulk-loads a seeded platform through COPY: the catalog first, then every
/// users shard and the archive in parallel, one connection and thread each.
public struct Seeder: Sendable {
    public var topology: Topology
    public var plan: SeedPlan
    public var ownerPassword: String?
    public var now: Double = Date().timeIntervalSince1970

    public init(topology: Topology, plan: SeedPlan, ownerPassword: String?) {
        self.topology = topology
        self.plan = plan
        self.ownerPassword = ownerPassword
    }

    /// Whether the catalog already holds libraries (seed once unless forced).
    public func alreadySeeded() throws -> Int {
        guard let catalog = topology.catalogShard else { throw SimulatorError("no catalog shard in the configuration") }
        let c = try PGConnection(dsn: catalog.dsn)
        return Int(try c.query("SELECT count(*) AS n FROM libraries").first?.int("n") ?? 0)
    }

    public func seed(force: Bool, progress: SeedProgress? = nil) throws -> SeedReport {
        var report = SeedReport()
        let existing = try alreadySeeded()
        if existing > 0 && !force {
            report.skipped = true
            return report
        }
        guard let catalog = topology.catalogShard else { throw SimulatorError("no catalog shard in the configuration") }
        let router = ShardRouter(shards: topology.shards)
        let usersShards = router.shards
        let started = Date()
        if force { try truncateAll() }

        // Catalog.
        let cat = try PGConnection(dsn: catalog.dsn, options: Self.loaderOptions)
        try Self.disableTriggers(cat)
        try cat.transaction {
            let o = try cat.copyIn("COPY owners (id, display_name, db_role) FROM STDIN",
                                   rows: plan.owners.map { [String($0.id), $0.name, $0.role] })
            let l = try cat.copyIn("COPY libraries (id, name, city, owner_id) FROM STDIN",
                                   rows: plan.libraries.map { [String($0.id), $0.name, $0.city, String($0.ownerId)] })
            let s = try cat.copyIn("COPY seats (id, library_id, label, zone, row_no, col_no, state) FROM STDIN",
                                   rows: plan.libraries.lazy.flatMap { lib in lib.seats.lazy.map { seat in
                                       [String(seat.id), String(lib.id), seat.label, seat.zone, String(seat.row), String(seat.col), seat.state]
                                   } })
            report.rowsByShard[catalog.name] = ["owners": o, "libraries": l, "seats": s]
            progress?.add(o + l + s)
        }
        try cat.query("ANALYZE owners, libraries, seats")

        // Users shards and the archive, in parallel.
        let archive = topology.archiveShard
        let cutoff = now - Double(SeedPlan.archiveAfterDays) * 86_400
        let results = ResultBox()
        let group = DispatchGroup()
        for shard in usersShards {
            group.enter()
            Thread.detachNewThread { [plan, now] in
                defer { group.leave() }
                do {
                    guard let ids = plan.userIds(in: shard.users!) else { results.set(shard.name, ["users": 0, "bookings": 0]); return }
                    let c = try PGConnection(dsn: shard.dsn, options: Self.loaderOptions)
                    try Self.disableTriggers(c)
                    var counts: [String: Int] = [:]
                    try c.transaction {
                        let indexes = try Self.dropSecondaryIndexes(c, table: "bookings")
                        counts["users"] = try c.copyIn("COPY users (id, display_name, email, phone, created_at) FROM STDIN",
                            rows: ids.lazy.map { u -> [String?] in
                                progress?.add(1)
                                return [String(u), plan.userName(u), u % 7 == 0 ? nil : "user\(u)@example.in",
                                        u % 3 == 0 ? nil : "+9198\(String(format: "%08d", u))",
                                        PGTimestamp.format(Date(timeIntervalSince1970: now - Double(SeedPlan.historyDays + 30) * 86_400))]
                            })
                        counts["bookings"] = try c.copyIn(
                            "COPY bookings (id, user_id, library_id, owner_id, seat_id, starts_at, ends_at, status, amount_paise, created_at, updated_at) FROM STDIN",
                            rows: ids.lazy.flatMap { u in plan.bookings(forUser: u, now: now).lazy.filter { $0.startsAt >= cutoff || archive == nil } }
                                .map { b -> [String?] in progress?.add(1); return Self.row(b, plan) })
                        try Self.recreate(indexes, c)
                    }
                    try c.query("ANALYZE users, bookings")
                    results.set(shard.name, counts)
                } catch {
                    results.fail(shard.name, error)
                }
            }
        }
        if let archive {
            group.enter()
            Thread.detachNewThread { [plan, now] in
                defer { group.leave() }
                do {
                    let c = try PGConnection(dsn: archive.dsn, options: Self.loaderOptions)
                    try Self.disableTriggers(c)
                    var n = 0
                    try c.transaction {
                    let indexes = try Self.dropSecondaryIndexes(c, table: "archived_bookings")
                    n = try c.copyIn(
                        "COPY archived_bookings (id, user_id, library_id, owner_id, seat_id, starts_at, ends_at, status, amount_paise, created_at, updated_at, archived_at) FROM STDIN",
                        rows: usersShards.lazy.compactMap { plan.userIds(in: $0.users!) }.joined().lazy.flatMap { u in plan.bookings(forUser: u, now: now).lazy.filter { $0.startsAt < cutoff } }
                            .map { b -> [String?] in
                                progress?.add(1)
                                return Self.row(b, plan) + [PGTimestamp.format(Date(timeIntervalSince1970: b.startsAt + Double(SeedPlan.archiveAfterDays) * 86_400))]
                            })
                    try Self.recreate(indexes, c)
                    }
                    try c.query("ANALYZE archived_bookings")
                    results.set(archive.name, ["archived_bookings": n])
                } catch {
                    results.fail(archive.name, error)
                }
            }
        }
        group.wait()
        if let failure = results.firstFailure { throw failure }
        report.rowsByShard.merge(results.counts) { $1 }

        // Owners can log in once their roles exist on every shard.
        _ = try SchemaApplier(topology: topology, ownerPassword: ownerPassword).syncOwnerRoles()
        report.seconds = Date().timeIntervalSince(started)
        return report
    }

    /// Rows a full seed writes (for the progress bar's total), estimated from the plan's means.
    public func estimatedRows() -> Int {
        plan.owners.count + plan.libraries.count + plan.seatCount + plan.scale.users * (1 + plan.scale.bookingsPerUser)
    }

    static var loaderOptions: PGConnectOptions {
        var o = PGConnectOptions()
        o.applicationName = "studyspot-seed"
        o.statementTimeoutMs = 0
        o.callTimeoutSeconds = 3_600
        return o
    }

    /// Building an index once after a bulk load is several times faster than
    /// maintaining it row by row, so a seed drops the table's secondary indexes
    /// inside its transaction and recreates them from their own definitions.
    static func dropSecondaryIndexes(_ c: PGConnection, table: String) throws -> [String] {
        let rows = try c.query("""
            SELECT n.nspname AS schema, x.relname AS name, pg_get_indexdef(i.indexrelid) AS def
            FROM pg_index i JOIN pg_class x ON x.oid = i.indexrelid JOIN pg_namespace n ON n.oid = x.relnamespace
            WHERE i.indrelid = $1::regclass AND NOT i.indisprimary
            """, [table]).rows
        for r in rows {
            try c.query("DROP INDEX \(try c.quoteIdentifier(try r.string("schema"))).\(try c.quoteIdentifier(try r.string("name")))")
        }
        try c.query("SET maintenance_work_mem = '256MB'")
        return try rows.map { try $0.string("def") }
    }

    static func recreate(_ definitions: [String], _ c: PGConnection) throws {
        for d in definitions { try c.query(d) }
    }

    /// Bulk loads skip the notify trigger: nobody needs 5,000,000 notifications.
    static func disableTriggers(_ c: PGConnection) throws {
        _ = try? c.query("SET session_replication_role = replica")
    }

    static func row(_ b: SeedPlan.Booking, _ plan: SeedPlan) -> [String?] {
        let lib = plan.libraries[b.library]
        func ts(_ t: Double) -> String { PGTimestamp.format(Date(timeIntervalSince1970: t)) }
        return [String(b.id), String(b.userId), String(lib.id), String(lib.ownerId), String(b.seat), ts(b.startsAt), ts(b.endsAt),
                b.status, String(b.amountPaise), ts(b.createdAt), ts(b.updatedAt)]
    }

    private func truncateAll() throws {
        for shard in topology.shards {
            let c = try PGConnection(dsn: shard.dsn, options: Self.loaderOptions)
            switch shard.role {
            case .catalog: try c.query("TRUNCATE owners, libraries, seats CASCADE")
            case .users: try c.query("TRUNCATE users, bookings CASCADE")
            case .archive: try c.query("TRUNCATE archived_bookings")
            }
        }
    }
}

/// Collects per-shard results from loader threads.
final class ResultBox: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var counts: [String: [String: Int]] = [:]
    private var failures: [(String, Error)] = []
    func set(_ shard: String, _ c: [String: Int]) { lock.withLock { counts[shard] = c } }
    func fail(_ shard: String, _ e: Error) { lock.withLock { failures.append((shard, e)) } }
    var firstFailure: Error? {
        lock.withLock { failures.first.map { SimulatorError("seeding \($0.0) failed: \($0.1)") } }
    }
}
