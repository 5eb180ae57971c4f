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

    /// Waits until something accepts connections on 127.0.0.1:`port`, while
    /// `alive` (the process that should open it) holds; false on the deadline
    /// or when it died first.
    public static func waitForListener(port: Int, timeout: Double, alive: () -> Bool = { true }) -> Bool {
        var died = false
        let up = waitUntil(timeout: timeout) {
            if LocalStackPorts.isListening(port) { return true }
            died = !alive()
            return died
        }
        return up && !died
    }

    /// Waits for a condition with a deadline instead of sleeping a fixed time.
    public static func waitUntil(timeout: Double, _ condition: () throws -> Bool) rethrows -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        repeat {
            if try condition() { return true }
            sched_yield() // let the threads that make it true run; this is a 2-core machine
        } while Date() < deadline
        return false
    }
}

public struct TestSetupError: Error, CustomStringConvertible {
    public var description: String { "integration tests need the local stack: run them with `make test` (it sets STUDYSPOT_TEST_CONFIG)" }
}
