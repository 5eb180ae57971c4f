import Foundation
@testable import StudySpotMonitors
@testable import StudySpotWire
import Testing
import StudySpotCore
import StudySpotConfig

/// The cost meter's control of polling, without servers: a private counter and policy.
@Suite struct CostMeterTests {
    let topo = Topology(shards: [], caches: [CacheConfig(name: "up", provider: "upstash", role: .cache, url: "redis://127.0.0.1:1/0"),
                                          CacheConfig(name: "rc", provider: "redis-cloud", role: .cache, url: "redis://127.0.0.1:1/0")],
                        instances: [])

    @Test func tightensAtOnceButRelaxesOnlyOnEvidence() {
        let counter = OperationCounter(), policy = PollingPolicy()
        let meter = CostMeter(topology: topo, catalog: ConsoleConfig.defaults.quotas, budgetPercent: 2, policy: policy, counter: counter)
        let t0 = Date()
        meter.evaluate(now: t0)
        counter.count("up", 100); counter.count("rc", 100)
        let p = meter.evaluate(now: t0.addingTimeInterval(10)) // 864,000 a day against 333
        #expect(policy.stretchFactor(for: "up") == CostBudget.maximumStretch)
        #expect(policy.stretchFactor(for: "rc") == 1, "no metered quota: never slowed")
        #expect(p.first { $0.target == "up" }!.budgetShare > 1)
        // A quiet minute proves nothing while polls are minutes apart.
        meter.evaluate(now: t0.addingTimeInterval(70))
        #expect(policy.stretchFactor(for: "up") == CostBudget.maximumStretch)
        // An hour with two polls (48 a day) is well inside the budget: relax.
        counter.count("up", 2)
        meter.evaluate(now: t0.addingTimeInterval(10 + 3_600))
        #expect(policy.stretchFactor(for: "up") < CostBudget.maximumStretch)
    }

    /// A minute of start-up reads projected over a day would say "100× the
    /// budget": the projection is "measuring" until ten minutes have passed.
    @Test func aFreshConsoleIsMeasuringUntilItsWindowIsLongEnough() {
        let counter = OperationCounter()
        let meter = CostMeter(topology: topo, catalog: ConsoleConfig.defaults.quotas, budgetPercent: 2, policy: PollingPolicy(), counter: counter)
        let t0 = Date()
        #expect(meter.evaluate(now: t0).allSatisfy { $0.measuring && $0.watchedSeconds == 0 })
        counter.count("up", 300)
        let early = meter.evaluate(now: t0.addingTimeInterval(60)).first { $0.target == "up" }!
        #expect(early.measuring && early.watchedSeconds == 60)
        let later = meter.evaluate(now: t0.addingTimeInterval(CostBudget.minimumWindow)).first { $0.target == "up" }!
        #expect(!later.measuring)
    }

    @Test func aDatabaseThePlatformKeepsAwakeCostsNothingExtraToWatch() {
        let t = Topology(shards: [ShardConfig(name: "neon", provider: "neon", role: .users, users: UserRange(lower: 1, upper: 7500), dsn: "")],
                         caches: [], instances: [])
        let counter = OperationCounter(), policy = PollingPolicy()
        let meter = CostMeter(topology: t, catalog: ConsoleConfig.defaults.quotas, budgetPercent: 2, policy: policy, counter: counter)
        let t0 = Date()
        meter.evaluate(now: t0)
        counter.count("neon", 100)
        // The platform's metering wrote a minute ago: Neon is awake anyway.
        meter.evaluate(now: t0.addingTimeInterval(10), platformWrites: ["neon": t0.addingTimeInterval(-60)])
        #expect(policy.stretchFactor(for: "neon") == 1)
        // Quiet platform: the console alone would keep it awake, so it backs off.
        counter.count("neon", 100)
        meter.evaluate(now: t0.addingTimeInterval(20), platformWrites: ["neon": t0.addingTimeInterval(-3_600)])
        #expect(policy.stretchFactor(for: "neon") > 1)
    }

    @Test func renderInstancesShareOneBudget() {
        let t = Topology(shards: [], caches: [], instances: [
            InstanceConfig(name: "r1", provider: "render", url: "http://x", priority: 2, weight: 20, sleeps: true),
            InstanceConfig(name: "r2", provider: "render", url: "http://x", priority: 2, weight: 15, sleeps: true),
            InstanceConfig(name: "rw", provider: "railway", url: "http://x", priority: 1, weight: 60, sleeps: false)])
        let meter = CostMeter(topology: t, catalog: ConsoleConfig.defaults.quotas, budgetPercent: 2, policy: PollingPolicy(), counter: OperationCounter())
        let p = meter.evaluate(now: Date())
        // 2% of 750 hours a month split two ways: 0.25 h a day each.
        #expect(p.filter { $0.target.hasPrefix("r") && $0.quotaKey != nil }.allSatisfy { abs($0.dailyBudget! - 0.25) < 1e-9 })
        #expect(p.first { $0.target == "rw" }!.quotaKey == nil)
    }

    @Test func pollingPolicyStretchesWithinItsCeiling() {
        let policy = PollingPolicy()
        #expect(policy.interval(target: "up", base: 2) == 2)
        policy.setStretch(130, for: "up")
        #expect(policy.interval(target: "up", base: 2) == 260)
        #expect(policy.interval(target: "up", base: 30) == PollingPolicy.maximumInterval)
        #expect(policy.interval(target: "up", base: 3_600) == 3_600)
        policy.setStretch(.nan, for: "up")
        #expect(policy.interval(target: "up", base: 2) == 2)
        policy.setStretch(0.2, for: "up")
        #expect(policy.interval(target: "up", base: 2) == 2)
    }
}
