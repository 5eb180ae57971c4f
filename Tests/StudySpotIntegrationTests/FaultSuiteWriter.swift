import Foundation
import StudySpotCore
import StudySpotWire

/// Acts as the platform during the fault suite: writes booking changes (new
/// bookings, and cancellations of bookings written a few seconds before) round
/// the users shards from a thread of its own, and remembers every committed
/// change as (shard, id, updated_at) — what the feed must show exactly once.
/// A shard under a fault is excluded first, so no write's outcome is unknown.
final class FaultWriter: @unchecked Sendable {
    private let shards: [ShardConfig]
    private let cond = NSCondition()
    /// Held for every write: the connections are not shared between threads.
    private let io = NSLock()
    private var excluded: Set<String> = []
    private var stopped = false
    private var connections: [String: PGConnection] = [:]
    private var nextId: Int64 = 1_000_000
    private var _library: Int64 = 1
    private var log: [(key: BookingChangeKey, at: Date)] = []
    /// Bookings written as new, cancelled once the feed has shown them: the feed
    /// re-reads rows by id, so a version replaced before it was read is never
    /// shown (by design), and "lost" must not count those.
    private var cancellable: [(key: BookingChangeKey, at: Date)] = []
    private let delivered: DeliveredLog
    /// Writes that failed with an unknown outcome: looked up in the database at the end.
    private var unknown: [(shard: String, id: Int64)] = []
    private(set) var errors: [String] = []

    init(shards: [ShardConfig], delivered: DeliveredLog) { self.shards = shards; self.delivered = delivered }

    /// The library new bookings are for (a library the feed has not seen makes
    /// it ask the catalog for names).
    var library: Int64 {
        get { cond.withLock { _library } }
        set { cond.withLock { _library = newValue } }
    }

    /// Every committed change so far, with when it committed.
    var written: [(key: BookingChangeKey, at: Date)] { cond.withLock { log } }

    func start() { Thread.detachNewThread { [self] in run() } }
    func stop() { cond.withLock { stopped = true; cond.broadcast() } }

    /// No more writes to `shard`; returns once a write in flight has finished.
    func exclude(_ shard: String) { cond.withLock { _ = excluded.insert(shard) }; io.lock(); io.unlock() }
    func include(_ shard: String) { cond.withLock { _ = excluded.remove(shard) } }

    private func run() {
        var turn = 0
        while true {
            let next: ShardConfig? = cond.withLock {
                if stopped { return nil }
                let open = shards.filter { !excluded.contains($0.name) }
                return open.isEmpty ? nil : open[turn % open.count]
            }
            if cond.withLock({ stopped }) { return }
            turn += 1
            if let s = next, cond.withLock({ !excluded.contains(s.name) }) { _ = try? write(s) }
            // The platform's pace, about 25 changes a second: the suite's clock, not a synchronisation.
            cond.withLock { _ = cond.wait(until: Date().addingTimeInterval(0.04)) }
        }
    }

    /// One change on `shard` now: every third, a cancellation of a booking whose
    /// insert the feed has shown, when there is one; else a new booking.
    @discardableResult
    func write(_ s: ShardConfig) throws -> BookingChangeKey {
        io.lock(); defer { io.unlock() }
        let old: (key: BookingChangeKey, at: Date)? = cond.withLock {
            nextId += 1
            guard nextId % 3 == 0, let i = cancellable.firstIndex(where: { $0.key.shard == s.name && delivered.contains($0.key) }) else { return nil }
            return cancellable.remove(at: i)
        }
        let id = old?.key.id ?? cond.withLock { nextId += 1; return nextId }
        do {
            let c = try connection(s)
            let r: PGResult
            if let old {
                r = try c.query("UPDATE bookings SET status = 'cancelled' WHERE id = $1 RETURNING id, updated_at", [old.key.id])
            } else {
                r = try c.query("""
                    INSERT INTO bookings (id, user_id, library_id, owner_id, seat_id, starts_at, ends_at, status, amount_paise)
                    VALUES ($1, $2, $4, 1, $3, now() + interval '1 hour', now() + interval '2 hours', 'reserved', 5000)
                    RETURNING id, updated_at
                    """, [id, FaultStack.user(s), id % 20 + 1, library])
            }
            guard let row = r.first else { throw FaultSetupError("no row returned") }
            let key = BookingChangeKey(shard: s.name, id: try row.int("id"), updatedAt: try row.date("updated_at"))
            let now = Date()
            cond.withLock {
                log.append((key, now))
                if old == nil { cancellable.append((key, now)) }
            }
            return key
        } catch {
            connections[s.name] = nil
            cond.withLock {
                errors.append("\(s.name): \(error)")
                unknown.append((s.name, id))
            }
            throw error
        }
    }

    /// Writes whose commit was not confirmed but which the database holds
    /// (looked up once everything is back): they count as written.
    func resolveUnknown() {
        let pending = cond.withLock { unknown }
        for (shardName, id) in pending {
            guard let s = shards.first(where: { $0.name == shardName }),
                  let row = try? PGConnection(dsn: s.dsn).query("SELECT id, updated_at FROM bookings WHERE id = $1", [id]).first,
                  let at = try? row.date("updated_at") else { continue }
            let key = BookingChangeKey(shard: shardName, id: id, updatedAt: at)
            cond.withLock { if !log.contains(where: { $0.key == key }) { log.append((key, Date())) } }
        }
    }

    private func connection(_ s: ShardConfig) throws -> PGConnection {
        if let c = connections[s.name], c.isAlive { return c }
        var o = PGConnectOptions()
        o.applicationName = "studyspot-fault-writer"
        let c = try PGConnection(dsn: s.dsn, options: o)
        // The stack runs with synchronous_commit off: a change confirmed here must
        // survive a kill -9 right after, or "lost" would measure the server, not the console.
        try c.query("SET synchronous_commit = on")
        connections[s.name] = c
        return c
    }
}

extension FaultWriter {
    func shard(_ name: String) -> ShardConfig? { shards.first { $0.name == name } }
}

/// Every change the feed handed to the console, kept as it posts (from the
/// feed's thread), so the writer knows what was shown.
final class DeliveredLog: @unchecked Sendable {
    private let lock = NSLock()
    private var keys: Set<BookingChangeKey> = []
    func add(_ batch: BookingFeedBatch) { lock.withLock { for c in batch.changes { keys.insert(c.changeKey) } } }
    func contains(_ key: BookingChangeKey) -> Bool { lock.withLock { keys.contains(key) } }
}
