import Foundation
import Testing
import StudySpotCore
import StudySpotMonitors
import StudySpotTestSupport
import StudySpotWire
@testable import StudySpotSimulator

/// The simulated load balancer routes each request by the rule the console
/// displays, so the demo's `lb:requests:*` counters agree with the shares.
@Suite struct BalancerTrafficTests {
    static let plan: [InstanceConfig] = [("railway", 1, 60), ("render-1", 2, 20), ("render-2", 2, 15), ("fly", 3, 3), ("koyeb", 4, 2)].map {
        InstanceConfig(name: $0.0, provider: $0.0, url: "http://127.0.0.1:1", priority: $0.1, weight: $0.2, sleeps: $0.1 > 1)
    }

    static func members(down: Set<String> = [], drained: Set<String> = []) -> [LoadBalancer.Member] {
        plan.map { LoadBalancer.Member(name: $0.name, priority: $0.priority, weight: $0.weight,
                                       serving: !down.contains($0.name), drained: drained.contains($0.name)) }
    }

    @Test(arguments: [
        (Set<String>(), Set<String>()),
        (["render-1", "koyeb"], []),   // CONTRACT: railway 82%, render-2 15%, fly 3%
        (["railway"], []),             // CONTRACT: render-1 54.3%, render-2 40.7%, fly 3%, koyeb 2%
        (["railway", "render-1", "render-2"], []),
        (["render-1"], ["railway"]),
    ] as [(Set<String>, Set<String>)])
    func seededRoutingMatchesTheShares(down: Set<String>, drained: Set<String>) {
        let members = Self.members(down: down, drained: drained)
        let balancer = BalancerTraffic(instances: Self.plan, fakes: [:], seed: 20_261_206)
        let n = 100_000
        let counts = balancer.routeRequests(n, members: members)
        #expect(counts.values.reduce(0, +) == n)
        for (name, share) in LoadBalancer.shares(members) {
            // One standard deviation at n = 100,000 is at most 0.0016.
            #expect(abs(Double(counts[name] ?? 0) / Double(n) - share) < 0.01, "\(name): \(counts[name] ?? 0) of \(n), share \(share)")
            if share == 0 { #expect(counts[name] == nil, "\(name) takes no traffic") }
        }
    }

    @Test func nothingServesNothingRouted() {
        let balancer = BalancerTraffic(instances: Self.plan, fakes: [:], seed: 1)
        #expect(balancer.routeRequests(1_000, members: Self.members(down: Set(Self.plan.map(\.name)))).isEmpty)
        #expect(balancer.routeRequests(1_000, members: Self.members(drained: Set(Self.plan.map(\.name)))).isEmpty)
    }

    @Test func fakeModesThatServe() {
        #expect(InstanceMode.allCases.filter { BalancerTraffic.serving($0, flappingHealthy: false) }.map(\.rawValue)
                == ["healthy", "slow", "sleeping"])
        #expect(BalancerTraffic.serving(.flapping, flappingHealthy: true))
    }

    /// Through the state cache: the `lb:requests:*` counters the console reads
    /// (its TODAY column) come out in the shares' proportions, drains included.
    @Test func countersOnTheStateCacheFollowTheShares() throws {
        let tag = UUID().uuidString.prefix(6).lowercased()
        let instances = Self.plan.map { InstanceConfig(name: "\($0.name)-\(tag)", provider: $0.provider, url: $0.url,
                                                       priority: $0.priority, weight: $0.weight, sleeps: $0.sleeps) }
        let redis = try RedisConnection(url: try TestEnvironment.redisURL())
        let drained = instances[0].name
        try redis.command(["SADD", StateCacheKeys.drained, drained])
        let now = Date()
        let keys = instances.map { StateCacheKeys.requests($0.name, day: StateCacheKeys.utcDay(now)) }
        defer {
            _ = try? redis.command(["SREM", StateCacheKeys.drained, drained])
            _ = try? redis.command(["DEL"] + keys)
        }
        let balancer = BalancerTraffic(instances: instances, fakes: [:], seed: 7)
        let members = try balancer.members(redis: redis)
        #expect(members.map(\.drained) == [true, false, false, false, false])
        _ = try balancer.route(perSecond: 20_000, seconds: 1, redis: redis, now: now)
        let counts = try keys.map { try redis.command(["GET", $0]).string.flatMap { Int($0) } ?? 0 }
        #expect(counts.reduce(0, +) == 20_000)
        let shares = LoadBalancer.shares(members)
        for (inst, count) in zip(instances, counts) {
            #expect(abs(Double(count) / 20_000 - (shares[inst.name] ?? 0)) < 0.015, "\(inst.name): \(count)")
        }
        #expect(counts[0] == 0)
    }
}
