import Testing
import StudySpotCore

@Suite struct LoadBalancerTests {
    typealias M = LoadBalancer.Member
    static let plan: [M] = [
        M(name: "railway", priority: 1, weight: 60), M(name: "render-1", priority: 2, weight: 20),
        M(name: "render-2", priority: 2, weight: 15), M(name: "fly", priority: 3, weight: 3),
        M(name: "koyeb", priority: 4, weight: 2),
    ]
    static func with(_ f: (inout [M]) -> Void) -> [M] { var m = plan; f(&m); return m }
    static func rounded(_ s: [String: Double]) -> [String: Int] { s.mapValues { Int(($0 * 100).rounded()) } }

    @Test(arguments: [
        ("all healthy", plan, ["railway": 100, "render-1": 0, "render-2": 0, "fly": 0, "koyeb": 0]),
        ("railway down", with { $0[0].serving = false }, ["railway": 0, "render-1": 57, "render-2": 43, "fly": 0, "koyeb": 0]),
        ("all priority-1 and 2 down", with { $0[0].serving = false; $0[1].serving = false; $0[2].serving = false },
         ["railway": 0, "render-1": 0, "render-2": 0, "fly": 100, "koyeb": 0]),
        ("railway drained, render-1 down", with { $0[0].drained = true; $0[1].serving = false },
         ["railway": 0, "render-1": 0, "render-2": 100, "fly": 0, "koyeb": 0]),
        ("everything drained", with { for i in $0.indices { $0[i].drained = true } },
         ["railway": 0, "render-1": 0, "render-2": 0, "fly": 0, "koyeb": 0]),
        ("weights zero at the best priority fall through", with { $0[0].weight = 0 },
         ["railway": 0, "render-1": 57, "render-2": 43, "fly": 0, "koyeb": 0]),
        ("every weight zero", with { for i in $0.indices { $0[i].weight = 0 } },
         ["railway": 0, "render-1": 0, "render-2": 0, "fly": 0, "koyeb": 0]),
    ] as [(String, [M], [String: Int])])
    func shares(_ name: String, members: [M], expected: [String: Int]) {
        #expect(Self.rounded(LoadBalancer.shares(members)) == expected, "\(name)")
    }

    @Test func failoverChainForTheSelectedInstance() {
        let ifDown = LoadBalancer.sharesIfDown("railway", Self.plan)
        #expect(LoadBalancer.describe(ifDown, order: Self.plan.map(\.name)) == "render-1 57% · render-2 43%")
        let drained = LoadBalancer.sharesIfDrained("render-1", Self.with { $0[0].serving = false })
        #expect(LoadBalancer.describe(drained, order: Self.plan.map(\.name)) == "render-2 100%")
        #expect(LoadBalancer.describe(LoadBalancer.shares([]), order: []) == "no instance can serve")
    }

    @Test func routingFollowsShares() {
        let s = LoadBalancer.sharesIfDown("railway", Self.plan)
        let order = Self.plan.map(\.name)
        #expect(LoadBalancer.route(s, order: order, random: 0.0) == "render-1")
        #expect(LoadBalancer.route(s, order: order, random: 0.56) == "render-1")
        #expect(LoadBalancer.route(s, order: order, random: 0.58) == "render-2")
        #expect(LoadBalancer.route(s, order: order, random: 0.9999) == "render-2")
        #expect(LoadBalancer.route(LoadBalancer.shares([]), order: [], random: 0.5) == nil)
    }
}

@Suite struct EmailRouterTests {
    @Test func planCapacityIs35100AMonth() {
        #expect(EmailRouter.plan.monthlyCapacity(days: 30) == 35_100)
    }

    @Test func spendsResendFirstThenMovesOn() {
        let r = EmailRouter.plan
        #expect(r.next(sentToday: [:], sentThisMonth: [:])?.provider == "resend")
        #expect(r.next(sentToday: ["resend": 99], sentThisMonth: ["resend": 99])?.provider == "resend")
        #expect(r.next(sentToday: ["resend": 100], sentThisMonth: ["resend": 100])?.provider == "sendgrid")
        // Resend's monthly cap stops it even on a fresh day.
        #expect(r.next(sentToday: ["resend": 0], sentThisMonth: ["resend": 3_000])?.provider == "sendgrid")
    }

    @Test func queuesWhenEverySenderIsSpent() {
        let r = EmailRouter.plan
        let today = ["resend": 100, "sendgrid": 100, "brevo": 300]
        let month = ["resend": 1_000, "mailgun": 5_000, "postmark": 100, "elastic-email": 3_000, "mailersend": 12_000]
        #expect(r.next(sentToday: today, sentThisMonth: month) == nil)
        #expect(r.next(sentToday: today, sentThisMonth: month.merging(["mailersend": 11_999]) { $1 })?.provider == "mailersend")
    }
}
