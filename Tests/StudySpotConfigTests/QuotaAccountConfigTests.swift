import Foundation
import Testing
import StudySpotCore
@testable import StudySpotConfig

/// `account` on `[[quota]]`, `[[instance]]`, `[[cache]]` and `[[shard]]`:
/// one gauge per account, each with its own limit, summed in the capacity view.
@Suite struct QuotaAccountConfigTests {
    func parse(_ text: String) -> (config: ConsoleConfig?, problems: [String]) {
        switch ConfigLoader.parse(text: text, file: "c.toml", environment: [:]) {
        case .success(let c): (c, [])
        case .failure(let e): (nil, e.problems.map(\.description))
        }
    }

    static let twoUpstash = """
        [[quota]]
        provider = "upstash"
        resource = "commands-month"
        account = "upstash-a"

        [[quota]]
        provider = "upstash"
        resource = "commands-month"
        account = "upstash-b"
        limit = 200000
        """

    @Test func theDefaultsChargeEachRenderAccountItsOwn750Hours() throws {
        let config = ConfigDefaults.config
        let compute = config.quotas.filter { $0.provider == "render" && $0.resource == "compute" }
        #expect(compute.map(\.account) == ["render-1", "render-2"])
        #expect(compute.allSatisfy { $0.limit == 750 && $0.unit == "hours" && $0.period == .month })
        #expect(config.quota(provider: "render", resource: "compute") == nil)
        #expect(config.quota(provider: "render", resource: "compute", account: "render-2")?.key == "render/compute@render-2")
        // The capacity view adds the two accounts' free tiers.
        let need = try #require(CapacityNeed.plan.first { $0.name == "compute" })
        let result = Capacity.evaluate(need, catalog: config.quotas, gauges: [], now: Date())
        #expect(result.shares.first { $0.provider == "render" }?.current == .limited(1_500))
        #expect(result.shares.first { $0.provider == "render" }?.plan == .limited(1_500))
        // The instances named like the accounts count against them.
        let render2 = try #require(config.topology.instances.first { $0.name == "render-2" })
        #expect(QuotaAccounts.account(name: render2.name, provider: render2.provider, explicit: render2.account,
                                      entries: config.quotas) == "render-2")
    }

    @Test func accountsInAFileReplaceTheResourcesEntryAndInheritItsLimit() throws {
        let (config, problems) = parse(Self.twoUpstash)
        #expect(problems.isEmpty, "\(problems)")
        let entries = try #require(config).quotas.filter { $0.provider == "upstash" && $0.resource == "commands-month" }
        #expect(entries.map(\.key) == ["upstash/commands-month@upstash-a", "upstash/commands-month@upstash-b"])
        #expect(entries.map(\.limit) == [500_000, 200_000])
        // Where the catalog had it, between commands-day and memory.
        let upstash = try #require(config).quotas.filter { $0.provider == "upstash" }.map(\.key)
        #expect(upstash == ["upstash/commands-day", "upstash/commands-month@upstash-a", "upstash/commands-month@upstash-b",
                            "upstash/memory", "upstash/bandwidth"])
    }

    @Test func aFileNamingRenderAccountsReplacesTheDefaultOnes() throws {
        let (config, problems) = parse("""
            [[quota]]
            provider = "render"
            resource = "compute"
            account = "main"
            """)
        #expect(problems.isEmpty, "\(problems)")
        #expect(try #require(config).quotas.filter { $0.provider == "render" && $0.resource == "compute" }.map(\.account) == ["main"])
    }

    @Test func aQuotaWithoutAccountChangesEveryAccount() throws {
        let (config, problems) = parse("""
            [[quota]]
            provider = "render"
            resource = "compute"
            limit = 700
            """)
        #expect(problems.isEmpty, "\(problems)")
        let compute = try #require(config).quotas.filter { $0.provider == "render" && $0.resource == "compute" }
        #expect(compute.map(\.account) == ["render-1", "render-2"] && compute.allSatisfy { $0.limit == 700 })
    }

    @Test func targetsNameTheirAccount() throws {
        let (config, problems) = parse(Self.twoUpstash + """

            [[cache]]
            name = "sessions"
            provider = "upstash"
            role = "state"
            url = "redis://127.0.0.1:1/0"
            account = "upstash-b"
            """)
        #expect(problems.isEmpty, "\(problems)")
        #expect(try #require(config).topology.caches.map(\.account) == ["upstash-b"])
        // And back through the writer.
        #expect(ConfigWriter.render(topology: try #require(config).topology).contains("account = \"upstash-b\""))
    }

    @Test func anAccountNoQuotaNamesOrABadNameIsRefusedWithItsLine() {
        let (_, problems) = parse("""
            [[instance]]
            name = "api"
            provider = "render"
            url = "http://127.0.0.1:9000"
            account = "render-3"

            [[quota]]
            provider = "render"
            resource = "bandwidth"
            account = "a/b"
            """)
        #expect(problems == [
            "c.toml:5: instance[0].account: no [[quota]] of provider \"render\" names account \"render-3\" (its accounts: render-1, render-2)",
            "c.toml:10: quota[0].account: an account name has no \"/\" or spaces (found \"a/b\")",
        ])
    }

    @Test func twoEntriesForTheSameAccountAreADuplicate() {
        let (_, problems) = parse("""
            [[quota]]
            provider = "render"
            resource = "compute"
            account = "render-1"

            [[quota]]
            provider = "render"
            resource = "compute"
            account = "render-1"
            """)
        #expect(problems == ["c.toml:6: quota[1]: duplicate quota entry \"render/compute@render-1\" (first on line 1)"])
    }
}
