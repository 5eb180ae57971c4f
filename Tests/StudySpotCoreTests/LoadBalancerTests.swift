import Testing
import StudySpotCore

/// The plan's frontend rule (CONTRACT §8): pick by weight among the undrained,
/// fail over from a pick that is down to the best priority's serving instances.
@Suite struct LoadBalancerTests {
    typealias M = LoadBalancer.Member
    static let plan: [M] = [
        M(name: "railway", priority: 1, weight: 60), M(name: "render-1", priority: 2, weight: 20),
        M(name: "render-2", priority: 2, weight: 15), M(name: "fly", priority: 3, weight: 3),
        M(name: "koyeb", priority: 4, weight: 2),
    ]
    static func with(_ f: (inout [M]) -> Void) -> [M] { var m = plan; f(&m); return m }
    /// Tenths of a percent, so CONTRACT's 54.3% is 543.
    static func tenths(_ s: [String: Double]) -> [String: Int] { s.mapValues { Int(($0 * 1000).rounded()) } }

    @Test(arguments: [
        ("all serving: the weights", plan, ["railway": 600, "render-1": 200, "render-2": 150, "fly": 30, "koyeb": 20]),
        // CONTRACT §8's worked examples.
        ("render-1 and koyeb down", with { $0[1].serving = false; $0[4].serving = false },
         ["railway": 820, "render-1": 0, "render-2": 150, "fly": 30, "koyeb": 0]),
        ("railway down", with { $0[0].serving = false },
         ["railway": 0, "render-1": 543, "render-2": 407, "fly": 30, "koyeb": 20]),
        ("priorities 1 and 2 down: fly takes their 95", with { $0[0].serving = false; $0[1].serving = false; $0[2].serving = false },
         ["railway": 0, "render-1": 0, "render-2": 0, "fly": 980, "koyeb": 20]),
        ("a drained instance is never picked: the rest by weight", with { $0[0].drained = true },
         ["railway": 0, "render-1": 500, "render-2": 375, "fly": 75, "koyeb": 50]),
        ("drained railway, down render-1: its pick fails over to render-2", with { $0[0].drained = true; $0[1].serving = false },
         ["railway": 0, "render-1": 0, "render-2": 875, "fly": 75, "koyeb": 50]),
        ("a drained instance is no failover target", with { $0[0].drained = true; $0[3].serving = false },
         ["railway": 0, "render-1": 543, "render-2": 407, "fly": 0, "koyeb": 50]),
        ("only koyeb serves", with { for i in 0..<4 { $0[i].serving = false } },
         ["railway": 0, "render-1": 0, "render-2": 0, "fly": 0, "koyeb": 1000]),
        ("all down", with { for i in $0.indices { $0[i].serving = false } },
         ["railway": 0, "render-1": 0, "render-2": 0, "fly": 0, "koyeb": 0]),
        ("all drained", with { for i in $0.indices { $0[i].drained = true } },
         ["railway": 0, "render-1": 0, "render-2": 0, "fly": 0, "koyeb": 0]),
        ("a zero weight is never picked nor failed over to", with { $0[0].weight = 0; $0[1].serving = false },
         ["railway": 0, "render-1": 0, "render-2": 875, "fly": 75, "koyeb": 50]),
        ("every weight zero", with { for i in $0.indices { $0[i].weight = 0 } },
         ["railway": 0, "render-1": 0, "render-2": 0, "fly": 0, "koyeb": 0]),
        ("a negative weight (hostile lb:weights) counts as zero", with { $0[0].weight = -1_000 },
         ["railway": 0, "render-1": 500, "render-2": 375, "fly": 75, "koyeb": 50]),
        ("negative weights everywhere", with { for i in $0.indices { $0[i].weight = Int.min } },
         ["railway": 0, "render-1": 0, "render-2": 0, "fly": 0, "koyeb": 0]),
    ] as [(String, [M], [String: Int])])
    func shares(_ name: String, members: [M], expected: [String: Int]) {
        let s = LoadBalancer.shares(members)
        #expect(Self.tenths(s) == expected, "\(name)")
        let total = s.values.reduce(0, +)
        #expect(abs(total - 1) < 1e-9 || total == 0, "\(name): shares sum to \(total)")
    }

    /// Which readings serve (`InstanceState.serving`), through the shares.
    @Test(arguments: [
        (InstanceState.up, true), (.degraded, true), (.waking, true),
        // A sleeper wakes on the request (a cold start); unknown is not down without evidence.
        (.sleeping, true), (.unknown, true),
        (.down, false), (.drained, false),
    ])
    func servingStates(_ state: InstanceState, _ serves: Bool) {
        #expect(state.serving == serves)
        let members = Self.with { $0[0].serving = state.serving }
        #expect(((LoadBalancer.shares(members)["railway"] ?? 0) > 0) == serves, "\(state)")
    }

    @Test func contractNumbersAsText() {
        let order = Self.plan.map(\.name)
        #expect(LoadBalancer.describe(Self.plan) == "railway 60% · render-1 20% · render-2 15% · fly 3% · koyeb 2%")
        #expect(LoadBalancer.describe(Self.with { $0[1].serving = false; $0[4].serving = false }) == "railway 82% · render-2 15% · fly 3%")
        #expect(LoadBalancer.describe(LoadBalancer.sharesIfDown("railway", Self.plan), order: order)
                == "render-1 54.3% · render-2 40.7% · fly 3% · koyeb 2%")
        #expect(LoadBalancer.describe(LoadBalancer.ifDown("railway", Self.plan)) == "render-1 54.3% · render-2 40.7% · fly 3% · koyeb 2%")
    }

    @Test func narrowDescriptionSumsTheTail() {
        #expect(LoadBalancer.describe(Self.plan, maxWidth: 44) == "railway 60% · render-1 20% · +3 more 20%")
        #expect(LoadBalancer.describe(Self.plan, maxWidth: 100) == "railway 60% · render-1 20% · render-2 15% · fly 3% · koyeb 2%")
        #expect(LoadBalancer.describe(Self.plan, maxWidth: 5) == "+5 more 100%")
        #expect(LoadBalancer.describe(Self.with { $0[0].drained = true }, maxWidth: 32) == "render-1 50% · +3 more 50%")
    }

    @Test func saysWhyNothingServes() {
        #expect(LoadBalancer.describe([M]()) == "no instance configured")
        #expect(LoadBalancer.describe(Self.with { for i in $0.indices { $0[i].drained = true } }) == "no instance can serve: every instance is drained")
        #expect(LoadBalancer.describe(Self.with { for i in $0.indices { $0[i].weight = 0 } })
                == "no instance can serve: no undrained instance has a weight above 0")
        #expect(LoadBalancer.describe(Self.with { for i in $0.indices { $0[i].serving = false } })
                == "no instance can serve: every undrained instance is down")
        #expect(LoadBalancer.describe([:], order: []) == "no instance can serve")
    }

    @Test func drainAndWeightPreviews() {
        let order = Self.plan.map(\.name)
        let drained = LoadBalancer.sharesIfDrained("render-1", Self.with { $0[0].serving = false })
        #expect(LoadBalancer.describe(drained, order: order) == "render-2 93.8% · fly 3.8% · koyeb 2.5%")
        let weighted = LoadBalancer.sharesWithWeight("railway", 0, Self.plan)
        #expect(LoadBalancer.describe(weighted, order: order) == "render-1 50% · render-2 37.5% · fly 7.5% · koyeb 5%")
    }

    @Test func routeFollowsTheRule() {
        // Picks by weight: [0, .6) railway, [.6, .8) render-1, [.8, .95) render-2, [.95, .98) fly, [.98, 1) koyeb.
        #expect(LoadBalancer.route(Self.plan, pick: 0.0, failover: 0.9) == "railway")
        #expect(LoadBalancer.route(Self.plan, pick: 0.79, failover: 0.0) == "render-1")
        #expect(LoadBalancer.route(Self.plan, pick: 0.97, failover: 0.0) == "fly")
        #expect(LoadBalancer.route(Self.plan, pick: 0.9999, failover: 0.0) == "koyeb")
        // railway down: its pick fails over to render-1 (20/35) or render-2 (15/35).
        let down = Self.with { $0[0].serving = false }
        #expect(LoadBalancer.route(down, pick: 0.1, failover: 0.5) == "render-1")
        #expect(LoadBalancer.route(down, pick: 0.1, failover: 0.6) == "render-2")
        #expect(LoadBalancer.route(down, pick: 0.97, failover: 0.0) == "fly")
        #expect(LoadBalancer.route(Self.with { for i in $0.indices { $0[i].serving = false } }, pick: 0.5, failover: 0.5) == nil)
        #expect(LoadBalancer.route(Self.with { for i in $0.indices { $0[i].drained = true } }, pick: 0.5, failover: 0.5) == nil)
        #expect(LoadBalancer.route([], pick: 0.5, failover: 0.5) == nil)
    }

    /// Many requests through `route` land where `shares` says.
    @Test func routeAgreesWithShares() {
        for members in [Self.plan, Self.with { $0[0].serving = false }, Self.with { $0[1].serving = false; $0[4].serving = false }] {
            var counts: [String: Int] = [:]
            let n = 400
            // A grid fine enough that every weight boundary (multiples of 1/400 and 1/35) falls between its points.
            for i in 0..<n { for j in 0..<70 {
                if let name = LoadBalancer.route(members, pick: (Double(i) + 0.5) / Double(n), failover: (Double(j) + 0.5) / 70) {
                    counts[name, default: 0] += 1
                }
            } }
            for (name, share) in LoadBalancer.shares(members) {
                #expect(abs(Double(counts[name] ?? 0) / Double(n * 70) - share) < 1e-9, "\(name)")
            }
        }
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
