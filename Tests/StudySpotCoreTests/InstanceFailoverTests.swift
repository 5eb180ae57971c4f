import Testing
import StudySpotCore

/// The balancer cases the operator view names, through the instance readings the pane holds.
@Suite struct InstanceFailoverTests {
    static func plan() -> [InstanceHealth] {
        [("railway", 1, 60), ("render-1", 2, 20), ("render-2", 2, 15), ("fly", 3, 3), ("koyeb", 4, 2)].map {
            var h = InstanceHealth(config: InstanceConfig(name: $0.0, provider: $0.0, url: "http://x", priority: $0.1, weight: $0.2, sleeps: false))
            h.state = .up
            return h
        }
    }
    static func with(_ f: (inout [InstanceHealth]) -> Void) -> [InstanceHealth] { var p = plan(); f(&p); return p }
    static func describe(_ list: [InstanceHealth]) -> String {
        LoadBalancer.describe(list.members)
    }

    @Test(arguments: [
        ("all healthy: the weights", plan(), "railway 60% · render-1 20% · render-2 15% · fly 3% · koyeb 2%"),
        ("railway and render-1 down", with { $0[1].state = .down; $0[0].state = .down }, "render-2 95% · fly 3% · koyeb 2%"),
        ("railway down", with { $0[0].state = .down }, "render-1 54.3% · render-2 40.7% · fly 3% · koyeb 2%"),
        ("render-1 and koyeb down", with { $0[1].state = .down; $0[4].state = .down }, "railway 82% · render-2 15% · fly 3%"),
        ("a sleeper serves (it wakes on the request)", with { $0[0].state = .sleeping }, "railway 60% · render-1 20% · render-2 15% · fly 3% · koyeb 2%"),
        ("unknown is not down", with { $0[0].state = .unknown; $0[1].state = .waking; $0[2].state = .degraded }, "railway 60% · render-1 20% · render-2 15% · fly 3% · koyeb 2%"),
        ("everything drained", with { for i in $0.indices { $0[i].drained = true } }, "no instance can serve: every instance is drained"),
        ("weights zero", with { for i in $0.indices { $0[i].effectiveWeight = 0 } }, "no instance can serve: no undrained instance has a weight above 0"),
        ("weight override", with { $0[0].state = .down; $0[2].effectiveWeight = 60 }, "render-1 24.1% · render-2 72.4% · fly 2.1% · koyeb 1.4%"),
    ] as [(String, [InstanceHealth], String)])
    func shares(_ name: String, _ list: [InstanceHealth], _ expected: String) {
        #expect(Self.describe(list) == expected, "\(name)")
    }

    @Test func failoverChainOfTheSelectedInstance() {
        let p = Self.plan()
        #expect(LoadBalancer.describe(LoadBalancer.sharesIfDown("railway", p.members), order: p.map(\.name)) == "render-1 54.3% · render-2 40.7% · fly 3% · koyeb 2%")
        #expect(LoadBalancer.describe(LoadBalancer.sharesIfDown("fly", p.members), order: p.map(\.name)) == "railway 63% · render-1 20% · render-2 15% · koyeb 2%")
    }
}
