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
        LoadBalancer.describe(LoadBalancer.shares(list.members), order: list.map(\.name))
    }

    @Test(arguments: [
        ("all healthy", plan(), "railway 100%"),
        ("one down", with { $0[1].state = .down; $0[0].state = .down }, "render-2 100%"),
        ("all priority-1 down", with { $0[0].state = .down }, "render-1 57% · render-2 43%"),
        ("priority-1 sleeping still serves", with { $0[0].state = .sleeping }, "railway 100%"),
        ("everything drained", with { for i in $0.indices { $0[i].drained = true } }, "no instance can serve"),
        ("weights zero", with { for i in $0.indices { $0[i].effectiveWeight = 0 } }, "no instance can serve"),
        ("weight override", with { $0[0].state = .down; $0[2].effectiveWeight = 60 }, "render-1 25% · render-2 75%"),
    ] as [(String, [InstanceHealth], String)])
    func shares(_ name: String, _ list: [InstanceHealth], _ expected: String) {
        #expect(Self.describe(list) == expected, "\(name)")
    }

    @Test func failoverChainOfTheSelectedInstance() {
        let p = Self.plan()
        #expect(LoadBalancer.describe(LoadBalancer.sharesIfDown("railway", p.members), order: p.map(\.name)) == "render-1 57% · render-2 43%")
        #expect(LoadBalancer.describe(LoadBalancer.sharesIfDown("fly", p.members), order: p.map(\.name)) == "railway 100%")
    }
}
