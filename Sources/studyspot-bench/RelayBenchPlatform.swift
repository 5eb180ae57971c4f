import ArgumentParser
import Foundation
import StudySpotCommandLine
import StudySpotCore
import StudySpotWire

/// The platform side of `studyspot-bench relay`: the granted owners' roles
/// and a seat of theirs from the catalog, each shard's connections from
/// pg_stat_activity, and the writer that commits bookings as the platform
/// would (one INSERT per transaction, spread over every users shard).
final class RelayBenchPlatform: @unchecked Sendable {
    struct Seat { var owner: Int64; var role: String; var library: Int64; var seat: Int64 }

    private let shards: [ShardConfig]
    private let users: [ShardConfig]
    private let seats: [Seat]
    /// One session per shard for pg_stat_activity, opened before any console (it is not counted).
    private let watchers: [(ShardConfig, PGConnection)]
    private var written: [(ShardConfig, [Int64])] = []

    init(topology: Topology, owners: [Int64]) throws {
        shards = topology.shards
        users = topology.shards.filter { $0.role == .users }
        guard let catShard = topology.shards.first(where: { $0.role == .catalog }) else { throw ValidationError("no catalog shard") }
        let cat = try PGConnection(dsn: catShard.dsn)
        defer { cat.close() }
        let rows = try cat.query("""
            SELECT o.id, o.db_role, l.id AS library, (SELECT min(s.id) FROM seats s WHERE s.library_id = l.id) AS seat
            FROM owners o JOIN LATERAL (SELECT id FROM libraries WHERE owner_id = o.id ORDER BY id LIMIT 1) l ON true
            WHERE o.id = ANY($1::bigint[]) AND o.db_role IS NOT NULL ORDER BY o.id
            """, [PGArray(owners)])
        seats = try rows.rows.compactMap { r in
            guard let seat = r.optionalString("seat").flatMap(Int64.init) else { return nil }
            return Seat(owner: try r.int("id"), role: try r.string("db_role"), library: try r.int("library"), seat: seat)
        }
        let missing = Set(owners).subtracting(seats.map(\.owner))
        guard missing.isEmpty else {
            throw ValidationError("owners \(missing.sorted().map(String.init).joined(separator: ", ")) have no db_role or no library with seats")
        }
        watchers = try shards.map { ($0, try PGConnection(dsn: $0.dsn)) }
    }

    func role(_ owner: Int64) throws -> String {
        guard let s = seats.first(where: { $0.owner == owner }) else { throw ValidationError("owner \(owner) was not read") }
        return s.role
    }

    /// "neon 3 (studyspot-console 3), …": client sessions on each shard's database but the asking one, by application name.
    func connections() throws -> String {
        try watchers.map { s, c in
            let rows = try c.query("""
                SELECT coalesce(nullif(application_name, ''), '(none)') AS app, count(*) AS n FROM pg_stat_activity
                WHERE backend_type = 'client backend' AND datname = current_database() AND pid <> pg_backend_pid()
                GROUP BY 1 ORDER BY 1
                """)
            let parts = try rows.rows.map { "\(try $0.string("app")) \(try $0.int("n"))" }
            let total = try rows.rows.reduce(Int64(0)) { $0 + (try $1.int("n")) }
            return "\(s.name) \(total) (\(parts.joined(separator: ", ")))"
        }.joined(separator: "; ")
    }

    /// Writes `rate` bookings a second for `seconds`, owners in turn; `sent` is told each one just before its INSERT.
    func write(rate: Int, seconds: Double, sent: @escaping @Sendable (Int64, Int64, Double) -> Void) throws -> (count: Int, elapsed: Double) {
        var writers: [(ShardConfig, PGConnection, Int64)] = []
        for s in users {
            let c = try PGConnection(dsn: s.dsn)
            guard let u = try c.query("SELECT id FROM users ORDER BY id LIMIT 1").first else { throw ValidationError("no users on \(s.name): seed first") }
            writers.append((s, c, try u.int("id")))
        }
        let base = Int64(Date().timeIntervalSince1970 * 1000) * 1000 + 8_000_000_000_000_000
        let perShard = Double(rate) / Double(writers.count)
        let start = Date().addingTimeInterval(0.2)
        let group = DispatchGroup()
        let ids = WrittenIds(count: writers.count)
        let seats = seats, shardCount = writers.count
        for (wi, wr) in writers.enumerated() {
            nonisolated(unsafe) let w = wr
            group.enter()
            Thread.detachNewThread {
                defer { group.leave() }
                var mine: [Int64] = []
                var i = 0
                while true {
                    let due = start.addingTimeInterval(Double(i) / perShard)
                    if due.timeIntervalSince(start) >= seconds { break }
                    let wait = due.timeIntervalSinceNow
                    if wait > 0 { Thread.sleep(forTimeInterval: wait) }
                    let id = base + Int64(wi) * 100_000_000 + Int64(i)
                    // Owners in turn across the shards: each shard's writer starts at a different one.
                    let s = seats[(i * shardCount + wi) % seats.count]
                    sent(id, s.owner, Date().timeIntervalSince1970)
                    do {
                        try w.1.query("""
                            INSERT INTO bookings (id, user_id, library_id, owner_id, seat_id, starts_at, ends_at, status, amount_paise)
                            VALUES ($1, $2, $3, $4, $5, now(), now() + interval '1 hour', 'reserved', 4000)
                            """, [id, w.2, s.library, s.owner, s.seat])
                        mine.append(id)
                    } catch {
                        printError("write on \(w.0.name): \(SecretMasking.masked("\(error)"))")
                    }
                    i += 1
                }
                ids.set(wi, mine)
            }
        }
        group.wait()
        let elapsed = Date().timeIntervalSince(start)
        written = writers.enumerated().map { ($0.element.0, ids.get($0.offset)) }
        for w in writers { w.1.close() }
        return (written.reduce(0) { $0 + $1.1.count }, elapsed)
    }

    /// Deletes what `write` committed.
    func cleanUp() throws {
        for (s, ids) in written where !ids.isEmpty {
            let c = try PGConnection(dsn: s.dsn)
            try c.query("DELETE FROM bookings WHERE id = ANY($1::bigint[])", [PGArray(ids)])
            c.close()
        }
        for (_, c) in watchers { c.close() }
    }
}

/// Each writer thread's committed ids.
private final class WrittenIds: @unchecked Sendable {
    private let lock = NSLock()
    private var ids: [[Int64]]
    init(count: Int) { ids = Array(repeating: [], count: count) }
    func set(_ i: Int, _ v: [Int64]) { lock.withLock { ids[i] = v } }
    func get(_ i: Int) -> [Int64] { lock.withLock { ids[i] } }
}
