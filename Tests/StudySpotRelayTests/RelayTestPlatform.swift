import Foundation
import StudySpotCore
import StudySpotMonitors
import StudySpotSchema
import StudySpotTestSupport
import StudySpotWire
@testable import StudySpotRelay

/// A platform of the test's own for the relay: fresh databases on every
/// server of the stack (`isolatedTopology`), two owners (1 with library 11,
/// 2 with library 21), a user per users shard, and the state cache pointed
/// at `stateURL` (the stack's, in a database number of its own, emptied first).
final class RelayTestPlatform: @unchecked Sendable {
    static let relayDatabase = 5
    let topology: Topology
    /// Reopened by a test whose state cache it restarts.
    var redis: RedisConnection
    private let catalog: PGConnection
    private var writers: [String: PGConnection] = [:]
    private var nextId: Int64 = 1_000
    var shards: [ShardConfig] { topology.shards.filter { $0.role == .users } }

    convenience init(_ name: String, stateURL: String? = nil) throws {
        let url = try stateURL ?? Self.inDatabase(TestEnvironment.redisURL(), Self.relayDatabase)
        try self.init(topology: TestEnvironment.isolatedTopology("relay_" + name), stateURL: url, flush: stateURL == nil)
    }

    /// On a topology of the test's own (a stack it started), the state cache at `stateURL`.
    init(topology given: Topology, stateURL url: String, flush: Bool) throws {
        var topo = given
        for i in topo.caches.indices where topo.caches[i].role == .state { topo.caches[i].url = url }
        topology = topo
        _ = SchemaApplier(topology: topo).applyAll()
        redis = try RedisConnection(url: url)
        if flush { _ = try redis.command(["FLUSHDB"]) }
        catalog = try PGConnection(dsn: topo.shards.first { $0.role == .catalog }!.dsn)
        try catalog.query("INSERT INTO owners (id, display_name) VALUES (1, 'First'), (2, 'Second')")
        try catalog.query("INSERT INTO libraries (id, name, city, owner_id) VALUES (11, 'Gyan Kendra', 'Pune', 1), (21, 'Other Hall', 'Kota', 2)")
        for (lib, count) in [(Int64(11), 6), (Int64(21), 3)] {
            for n in 1...count {
                try catalog.query("INSERT INTO seats (id, library_id, label, row_no, col_no) VALUES ($1, $2, $3, 1, $4)",
                                  [lib * 100 + Int64(n), lib, "A\(n)", n])
            }
        }
        for s in shards {
            let c = try Self.durable(s)
            writers[s.name] = c
            try c.query("INSERT INTO users (id, display_name) VALUES ($1, 'Relay Tester')", [s.users!.lower])
        }
    }

    /// A writer whose commits are on disk when they return. The stack runs with
    /// synchronous_commit off, so a shard killed with SIGKILL lost the schema and
    /// the rows committed just before (a flaky "relation bookings does not exist");
    /// a durable commit also flushes everything committed before it.
    static func durable(_ s: ShardConfig) throws -> PGConnection {
        let c = try PGConnection(dsn: s.dsn)
        try c.query("SET synchronous_commit = on")
        return c
    }

    /// The URL with its database number replaced.
    static func inDatabase(_ url: String, _ db: Int) -> String {
        guard let slash = url.lastIndex(of: "/"), url[url.index(after: slash)...].allSatisfy(\.isNumber) else { return url + "/\(db)" }
        return String(url[..<slash]) + "/\(db)"
    }

    /// The shard's connection, opened again after the shard was restarted.
    func writer(_ s: ShardConfig) throws -> PGConnection {
        if let c = writers[s.name], c.isAlive { return c }
        let c = try Self.durable(s)
        writers[s.name] = c
        return c
    }

    /// Drops the shard's connection (its server was killed): the next write opens another.
    func reconnect(_ s: ShardConfig) { writers[s.name] = nil }

    /// Books seat `n` of the owner's library (11 or 21) on `shard`, starting a minute ago; returns the id.
    @discardableResult
    func book(_ s: ShardConfig, owner: Int64, seat n: Int = 1, status: String = "reserved") throws -> Int64 {
        nextId += 1
        let lib = owner == 1 ? Int64(11) : 21
        try writer(s).query("""
            INSERT INTO bookings (id, user_id, library_id, owner_id, seat_id, starts_at, ends_at, status, amount_paise)
            VALUES ($1, $2, $3, $4, $5, now() - interval '1 minute', now() + interval '2 hours', $6, 5000)
            """, [nextId, s.users!.lower, lib, owner, lib * 100 + Int64(n), status])
        return nextId
    }

    func setStatus(_ s: ShardConfig, _ id: Int64, _ status: String) throws {
        try writer(s).query("UPDATE bookings SET status = $2 WHERE id = $1", [id, status])
    }

    /// A stream's entries as records, oldest first.
    func records(_ key: String) throws -> [BookingRecord] {
        RelayStreamReader.entries(try redis.command(["XRANGE", key, "-", "+"])).compactMap { try? RelayEntry.record($0.fields).get() }
    }

    func length(_ key: String) throws -> Int { Int(try redis.command(["XLEN", key]).integer ?? -1) }

    /// The (shard, id, status) of each entry: a change appears once, so these are unique.
    func changes(_ key: String) throws -> [String] { try records(key).map { "\($0.shard)/\($0.id)/\($0.status.rawValue)" } }
}

/// A relay running on a thread of its own, as `studyspot relay` runs it.
final class RunningRelay: @unchecked Sendable {
    let relay: Relay
    private let stop = StopSignal()
    private let done = TestSignal()
    private let lock = NSLock()
    private var finished = false
    let logged = TestInbox<String>()

    init(_ topology: Topology, settings: Relay.Settings = Relay.Settings()) throws {
        let inbox = logged
        relay = try Relay(topology: topology, quotas: [], settings: settings) { _, line in inbox.post(line) }
        Thread.detachNewThread { [self] in
            relay.run(until: stop)
            lock.withLock { finished = true }
            done.signal()
        }
    }

    /// Stops it and waits until its loop has returned (what it read is appended first).
    func shutDown() -> Bool {
        stop.stop()
        return TestEnvironment.waitUntil(timeout: 20, wakingOn: done) { lock.withLock { finished } }
    }
}
