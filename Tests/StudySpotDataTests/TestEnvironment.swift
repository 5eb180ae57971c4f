import Foundation
import StudySpotCore

/// The real servers integration tests talk to: the local stack that
/// `make test` starts. Tests fail (not skip) when it is missing, naming the fix.
enum TestEnvironment {
    static let env = ProcessInfo.processInfo.environment

    static func topology() throws -> Topology {
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

    static func shard(_ name: String) throws -> ShardConfig {
        guard let s = try topology().shards.first(where: { $0.name == name }) else { throw TestSetupError() }
        return s
    }

    static func redisURL() throws -> String {
        guard let c = try topology().stateCache else { throw TestSetupError() }
        return c.url
    }

    /// Waits for a condition with a deadline instead of sleeping a fixed time.
    static func waitUntil(timeout: Double, _ condition: () throws -> Bool) rethrows -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        repeat {
            if try condition() { return true }
        } while Date() < deadline
        return false
    }
}

struct TestSetupError: Error, CustomStringConvertible {
    var description: String { "integration tests need the local stack: run them with `make test` (it sets STUDYSPOT_TEST_CONFIG)" }
}
