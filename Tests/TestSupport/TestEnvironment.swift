import Foundation
import StudySpotCore
import StudySpotConfig
import StudySpotDevStack
import StudySpotWire

/// The real servers integration tests talk to: the local stack that
/// `make test` starts. Tests fail (not skip) when it is missing, naming the fix.
public enum TestEnvironment {
    static let env = ProcessInfo.processInfo.environment

    /// Owner login roles are server-wide, so every test that creates them uses
    /// this one password (a role made by one test is reused by the next).
    public static let ownerPassword = "studyspot-test-owner"

    /// The stack's configuration, as `make test` wrote it.
    public static func config() throws -> ConsoleConfig {
        guard let path = env["STUDYSPOT_TEST_CONFIG"] else { throw TestSetupError() }
        return try ConfigLoader.load(explicitPath: path, environment: env)
    }

    public static func topology() throws -> Topology {
        if env["STUDYSPOT_TEST_CONFIG"] != nil { return try config().topology }
        if let base = env["STUDYSPOT_DEV_PG"], let redis = env["STUDYSPOT_DEV_REDIS"] {
            // A single development server with one database per shard.
            func shard(_ n: String, _ role: ShardRole, _ r: UserRange?) -> ShardConfig {
                ShardConfig(name: n, provider: n, role: role, users: r, dsn: "\(base) dbname=dev_\(n)")
            }
            return Topology(
                shards: [shard("catalog", .catalog, nil), shard("neon", .users, UserRange(lower: 1, upper: 7500)),
                         shard("supabase", .users, UserRange(lower: 7501, upper: 10000)),
                         shard("planetscale", .users, UserRange(lower: 10001, upper: nil)), shard("xata", .archive, nil)],
                caches: [CacheConfig(name: "railway-redis", provider: "railway", role: .state, url: redis)],
                instances: [])
        }
        throw TestSetupError()
    }

    public static func shard(_ name: String) throws -> ShardConfig {
        guard let s = try topology().shards.first(where: { $0.name == name }) else { throw TestSetupError() }
        return s
    }

    public static func redisURL() throws -> String {
        guard let c = try topology().stateCache else { throw TestSetupError() }
        return c.url
    }

    /// The stack's topology with every shard pointed at a fresh database of
    /// its own (`name` on each server), so a test that truncates or seeds
    /// cannot disturb the tests running beside it.
    public static func isolatedTopology(_ name: String) throws -> Topology {
        var topo = try topology()
        for i in topo.shards.indices {
            let admin = try PGConnection(dsn: topo.shards[i].dsn)
            let db = "\(name)_\(topo.shards[i].name)".replacingOccurrences(of: "-", with: "_")
            let quoted = try admin.quoteIdentifier(db)
            try admin.query("DROP DATABASE IF EXISTS \(quoted) WITH (FORCE)")
            try admin.query("CREATE DATABASE \(quoted)")
            topo.shards[i].dsn += " dbname=\(db)"
        }
        return topo
    }

    /// Waits until `condition` holds, or `timeout` seconds pass; true when it
    /// held. The one way tests wait: the condition is checked at once, then
    /// again whenever `signal` is signalled (a monitor posted, a server
    /// answered) or, with no signal, after a pause that grows from 2 to 50 ms.
    /// Never a spin: on a loaded 2-core machine the CPU a spinning waiter
    /// takes is the CPU the awaited thread or server needs. The deadline is
    /// only where a test gives up, never what it waits for.
    public static func waitUntil(timeout: Double, wakingOn signal: TestSignal? = nil,
                                 _ condition: () throws -> Bool) rethrows -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        var pause = 0.002
        while true {
            let seen = signal?.generation
            if try condition() { return true }
            let now = Date()
            if now >= deadline { return false }
            if let signal, let seen {
                signal.wait(after: seen, until: deadline)
            } else {
                Thread.sleep(forTimeInterval: min(pause, deadline.timeIntervalSince(now)))
                pause = min(pause * 2, 0.05)
            }
        }
    }

    /// Waits until a server a test started answers a real request (`answers`:
    /// a TLS handshake, a PING, a GET), giving up early when its process
    /// dies (`alive`). An accepted connection is not an answer: polling
    /// `connect` on a port nothing listens on yet can connect the socket to
    /// itself (TCP simultaneous open, once the kernel hands out the port
    /// itself as the local one), which both looks like a listener and then
    /// holds the port in TIME_WAIT so the real server cannot bind it.
    public static func waitUntilServing(timeout: Double, alive: () -> Bool, answers: () -> Bool) -> Bool {
        var died = false
        let served = waitUntil(timeout: timeout) {
            if answers() { return true }
            died = !alive()
            return died
        }
        return served && !died
    }

    /// A base port for a test's own `LocalStack` (N…N+24, see `serverPorts`)
    /// whose servers' ports are all free now, where `free` checks them.
    public static func freeStackBase(_ free: (Int) -> Bool) -> Int {
        let ports = serverPorts.stacks
        let bases = stride(from: 0, to: ports.count - 24, by: 25).map { ports[$0] }.filter { ports.contains($0 + 24) }
        let first = Int.random(in: 0..<bases.count)
        for step in 0..<bases.count where free(bases[(first + step) % bases.count]) { return bases[(first + step) % bases.count] }
        return bases[first]
    }

    /// Whether the kernel shows a socket listening on 127.0.0.1:`port` (or
    /// on every address), read from /proc/net/tcp: a look that, unlike a
    /// connection, cannot disturb the port before its server binds it.
    public static func hasListener(port: Int) -> Bool {
        // Read to EOF: Foundation's String/Data(contentsOf:) stop after the first
        // 4 KB page of a procfs file (27 sockets), and a loaded machine has hundreds.
        guard let file = FileHandle(forReadingAtPath: "/proc/net/tcp") else { return false }
        defer { try? file.close() }
        let table = String(decoding: file.readDataToEndOfFile(), as: UTF8.self)
        let hex = String(format: "%04X", port)
        return table.split(separator: "\n").dropFirst().contains { line in
            let f = line.split(separator: " ")
            return f.count > 3 && f[3] == "0A" && (f[1] == "0100007F:\(hex)" || f[1] == "00000000:\(hex)")
        }
    }

    /// Ports outside the kernel's ephemeral range (`ip_local_port_range`):
    /// no client connection of any test can take one as its local port
    /// between a check that it is free and a server's bind, nor can a
    /// connection to one ever be connected to itself. The upper 1,536 are
    /// for single servers (`freeServerPort`), the rest for whole stacks.
    static let serverPorts: (single: [Int], stacks: [Int]) = {
        let range = (try? String(contentsOfFile: "/proc/sys/net/ipv4/ip_local_port_range", encoding: .utf8))?
            .split(whereSeparator: \.isWhitespace).compactMap { Int($0) } ?? []
        let (low, high) = range.count == 2 ? (range[0], range[1]) : (32768, 60999)
        var ports = high < 65535 ? Array((high + 1)...65535) : []
        if ports.count < 2_000 { ports = (low > 12_000 ? Array(10_000..<low) : []) + ports }
        if ports.count < 2_000 { ports = Array(20_000...29_999) } // the range covers everything: nothing is safe
        return (Array(ports.suffix(1_536)), Array(ports.dropLast(1_536)))
    }()

    /// A free port for a server a test starts (see `serverPorts`).
    public static func freeServerPort() -> Int {
        let candidates = serverPorts.single
        let start = Int.random(in: 0..<candidates.count)
        for i in 0..<candidates.count {
            let p = candidates[(start + i) % candidates.count]
            if LocalStackPorts.isFree(p) { return p }
        }
        return candidates[start]
    }
}

/// Wakes a `TestEnvironment.waitUntil(…, wakingOn:)` when what it waits for
/// may have changed: whoever changes it calls `signal()`.
public class TestSignal: @unchecked Sendable {
    fileprivate let condition = NSCondition()
    fileprivate var count = 0
    public init() {}

    public func signal() {
        condition.lock(); count += 1; condition.broadcast(); condition.unlock()
    }

    fileprivate var generation: Int { condition.lock(); defer { condition.unlock() }; return count }

    /// Sleeps until a signal later than `seen`, or `until`.
    fileprivate func wait(after seen: Int, until: Date) {
        condition.lock(); defer { condition.unlock() }
        while count == seen && condition.wait(until: until) {}
    }
}

/// What other threads (monitors) post for the test's thread to fold: every
/// post wakes a `waitUntil(…, wakingOn: inbox)`.
public final class TestInbox<Element>: TestSignal, @unchecked Sendable {
    private var pending: [Element] = []
    private var posted = 0

    public override init() {}

    public func post(_ element: Element) {
        condition.lock(); pending.append(element); posted += 1; count += 1; condition.broadcast(); condition.unlock()
    }

    /// Everything posted since the last `take()`, oldest first.
    public func take() -> [Element] {
        condition.lock(); defer { condition.unlock() }
        let out = pending
        pending.removeAll()
        return out
    }

    /// How many elements were ever posted.
    public var postedCount: Int { condition.lock(); defer { condition.unlock() }; return posted }
}

public struct TestSetupError: Error, CustomStringConvertible {
    public var description: String { "integration tests need the local stack: run them with `make test` (it sets STUDYSPOT_TEST_CONFIG)" }
}
