import StudySpotCore
import Testing
@testable import StudySpotConfig

struct DefaultsTests {
    @Test func defaultsLoadClean() {
        #expect(ConfigDefaults.problems.map(\.description) == [])
        #expect(ConfigLoader.check(text: ConfigDefaults.text, file: "defaults", environment: [:]) == [])
    }

    @Test func defaultsAreThePlansTopologyOnTheLocalStack() throws {
        let config = ConfigDefaults.config
        let shards = config.topology.shards
        #expect(shards.map(\.name) == ["catalog", "neon", "supabase", "planetscale", "xata"])
        #expect(shards.map(\.provider) == ["turso", "neon", "supabase", "planetscale", "xata"])
        #expect(shards.map(\.role) == [.catalog, .users, .users, .users, .archive])
        #expect(shards.map(\.users) == [nil, UserRange(lower: 1, upper: 7500), UserRange(lower: 7501, upper: 10000),
                                         UserRange(lower: 10001, upper: nil), nil])
        for (shard, port) in zip(shards, 54320...) {
            #expect(shard.dsn == "host=127.0.0.1 port=\(port) dbname=studyspot user=studyspot")
        }
        #expect(config.topology.opsShard?.name == "neon")

        let caches = config.topology.caches
        #expect(caches.map(\.name) == ["upstash", "railway-redis", "redis-cloud"])
        #expect(caches.map(\.provider) == ["upstash", "railway", "redis-cloud"])
        #expect(caches.map(\.role) == [.cache, .state, .cache])
        #expect(caches.map(\.url) == ["redis://127.0.0.1:54330/0", "redis://127.0.0.1:54331/0", "redis://127.0.0.1:54332/0"])
        #expect(caches[0].commandLimit == 10_000)
        #expect(caches[1].memoryLimitBytes == Int64(512 * 1_048_576))
        #expect(caches[2].memoryLimitBytes == Int64(30 * 1_048_576))
        #expect(config.topology.stateCache?.name == "railway-redis")

        let instances = config.topology.instances
        #expect(instances.map(\.name) == ["railway", "render-1", "render-2", "fly", "koyeb"])
        #expect(instances.map(\.url) == (7101...7105).map { "http://127.0.0.1:\($0)" })
        #expect(instances.map(\.priority) == [1, 2, 2, 3, 4])
        #expect(instances.map(\.weight) == [60, 20, 15, 3, 2])
        #expect(instances.map(\.sleeps) == [false, true, true, true, true])

        #expect(config.console == ConsoleSettings(refreshSeconds: 2, theme: "dark", budgetPercent: 2, logLevel: "info"))
        #expect(config.login == nil)
        // The catalog, with the plan's two Render accounts in place of its one render/compute entry.
        let render = try #require(QuotaCatalog.entries.first { $0.key == "render/compute" })
        #expect(config.quotas.filter { $0.provider == "render" && $0.resource == "compute" }.map(\.key)
                == ["render/compute@render-1", "render/compute@render-2"])
        #expect(config.quotas.filter { $0.key.hasPrefix("render/compute@") }.allSatisfy {
            var account = $0; account.account = nil; return account == render
        })
        #expect(config.quotas.filter { !$0.key.hasPrefix("render/compute") } == QuotaCatalog.entries.filter { $0.key != "render/compute" })
        #expect(config.source == .builtIn)
    }

    @Test func routerBoundariesOnTheDefaults() {
        let router = ShardRouter(shards: ConfigDefaults.config.topology.shards)
        let cases: [(Int64, String?)] = [(0, nil), (1, "neon"), (7500, "neon"), (7501, "supabase"), (10000, "supabase"),
                                         (10001, "planetscale"), (Int64.max, "planetscale")]
        for (user, shard) in cases { #expect(router.shard(forUser: user)?.name == shard) }
    }
}
