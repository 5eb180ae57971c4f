/// The plan's frontend rule (CONTRACT §8), as the console displays it and the
/// simulated load balancer routes:
///
/// 1. each request picks an instance by weight among those not drained;
/// 2. if the pick serves, it takes the request; if not, the request fails
///    over to the *failover group*: the serving, undrained instances of the
///    best (lowest) priority that has any, shared by their weights.
///
/// So with the plan's 60/20/15/3/2, all serving: 60/20/15/3/2 %. With
/// render-1 and koyeb down: railway 82% (60 + their 22), render-2 15%, fly 3%.
/// With railway down: render-1 20 + 60·20/35 = 54.3%, render-2 40.7%, fly 3%,
/// koyeb 2%.
///
/// What "serving" means is `InstanceState.serving`: `up`, `degraded`,
/// `waking` serve; `sleeping` serves too (the request wakes it, with a cold
/// start), and so does `unknown` (the frontend routes to an instance whatever
/// the console knows, and `down` needs evidence, a failed probe or a failing
/// heartbeat, as `sleeping` does); `down` does not, and `drained` takes no
/// traffic at all (it is never picked, and never a failover target).
///
/// A weight of zero or below (hostile or mistaken `lb:weights` data, flagged
/// by `PlatformChecks`) is never picked and is not in the failover group.
/// When nothing can be picked (all drained, all weights zero) or nothing in
/// the failover group serves while some pick is down (all down), every share
/// is zero: the traffic is lost, and `describe` says why.
public enum LoadBalancer {
    public struct Member: Sendable, Hashable {
        public var name: String
        public var priority: Int
        /// Effective weight (`lb:weights` override, else the configured one).
        public var weight: Int
        public var serving: Bool
        public var drained: Bool
        public init(name: String, priority: Int, weight: Int, serving: Bool = true, drained: Bool = false) {
            self.name = name; self.priority = priority; self.weight = weight
            self.serving = serving; self.drained = drained
        }
        /// A request may pick it (step 1).
        var pickable: Bool { !drained && weight > 0 }
        /// It may take a failed-over request (step 2).
        var eligible: Bool { pickable && serving }
    }

    /// The instances a request whose pick is down fails over to: the serving,
    /// undrained, positive-weight instances of the best priority among them.
    public static func failoverGroup(_ members: [Member]) -> [Member] {
        let eligible = members.filter(\.eligible)
        guard let best = eligible.map(\.priority).min() else { return [] }
        return eligible.filter { $0.priority == best }
    }

    /// Share of traffic (0…1) per instance name: the expected outcome of
    /// `route` over many requests. All zero when no request can be served.
    public static func shares(_ members: [Member]) -> [String: Double] {
        var out = Dictionary(members.map { ($0.name, 0.0) }, uniquingKeysWith: { a, _ in a })
        let pickable = members.filter(\.pickable)
        // Summed as doubles: weights are whatever `lb:weights` says, up to Int.max each.
        let total = weightSum(pickable)
        let group = failoverGroup(members)
        guard total > 0, !group.isEmpty else { return out }
        var failed = 0.0
        for m in pickable {
            let share = Double(m.weight) / total
            if m.serving { out[m.name, default: 0] += share } else { failed += share }
        }
        if failed > 0 {
            let groupTotal = weightSum(group)
            for m in group { out[m.name, default: 0] += failed * Double(m.weight) / groupTotal }
        }
        return out
    }

    /// Routes one request by the rule: `pick` chooses among the undrained
    /// instances by weight, and, when that one does not serve, `failover`
    /// chooses within the failover group by weight. Both are in [0, 1).
    /// Nil when the request cannot be served.
    public static func route(_ members: [Member], pick: Double, failover: Double) -> String? {
        guard let picked = weighted(members.filter(\.pickable), pick) else { return nil }
        if picked.serving { return picked.name }
        return weighted(failoverGroup(members), failover)?.name
    }

    private static func weightSum(_ members: [Member]) -> Double {
        members.reduce(0.0) { $0 + Double($1.weight) }
    }

    private static func weighted(_ members: [Member], _ random: Double) -> Member? {
        let total = weightSum(members)
        guard total > 0 else { return nil }
        let target = min(max(random, 0), 1) * total
        var acc = 0.0
        for m in members {
            acc += Double(m.weight)
            if target < acc { return m }
        }
        return members.last
    }

    /// The members with `name` no longer serving (what the failover line shows).
    public static func ifDown(_ name: String, _ members: [Member]) -> [Member] {
        members.map { m in
            var m = m
            if m.name == name { m.serving = false }
            return m
        }
    }

    /// The shares if `name` stopped serving.
    public static func sharesIfDown(_ name: String, _ members: [Member]) -> [String: Double] {
        shares(ifDown(name, members))
    }

    /// The shares if `name` were drained (the drain dialog's effect line).
    public static func sharesIfDrained(_ name: String, _ members: [Member], drained: Bool = true) -> [String: Double] {
        shares(members.map { m in
            var m = m
            if m.name == name { m.drained = drained }
            return m
        })
    }

    /// The shares if `name` had a new weight (the weight dialog's effect line).
    public static func sharesWithWeight(_ name: String, _ weight: Int, _ members: [Member]) -> [String: Double] {
        shares(members.map { m in
            var m = m
            if m.name == name { m.weight = weight }
            return m
        })
    }

    /// "railway 82% · render-2 15% · fly 3%": instances with traffic, in the
    /// members' order. With `maxWidth`, the tail that does not fit is summed
    /// as "+2 more 5%".
    public static func describe(_ shares: [String: Double], order: [String], maxWidth: Int? = nil) -> String {
        let parts = order.compactMap { name -> (String, Double)? in
            guard let s = shares[name], s > 0 else { return nil }
            return ("\(name) \(percentText(s))", s)
        }
        guard !parts.isEmpty else { return "no instance can serve" }
        let full = parts.map(\.0).joined(separator: " · ")
        guard let maxWidth, full.count > maxWidth else { return full }
        // Keep as many leading parts as fit beside the "+N more P%" tail.
        for kept in stride(from: parts.count - 1, through: 0, by: -1) {
            let rest = parts[kept...]
            let tail = "+\(rest.count) more \(percentText(rest.reduce(0) { $0 + $1.1 }))"
            let text = (parts[..<kept].map(\.0) + [tail]).joined(separator: " · ")
            if text.count <= maxWidth || kept == 0 { return text }
        }
        return full
    }

    /// `describe`, or why no request is served: every instance drained, every
    /// weight zero or below, or every instance that could take one down.
    public static func describe(_ members: [Member], maxWidth: Int? = nil) -> String {
        let s = shares(members)
        if s.values.contains(where: { $0 > 0 }) { return describe(s, order: members.map(\.name), maxWidth: maxWidth) }
        if members.isEmpty { return "no instance configured" }
        if members.allSatisfy(\.drained) { return "no instance can serve: every instance is drained" }
        if !members.contains(where: \.pickable) { return "no instance can serve: no undrained instance has a weight above 0" }
        return "no instance can serve: every undrained instance is down"
    }

    /// 82%, 54.3%, 2%: a tenth of a percent where it is not a whole one.
    static func percentText(_ share: Double) -> String {
        let p = share * 100
        let tenths = (p * 10).rounded()
        if tenths.truncatingRemainder(dividingBy: 10) == 0 { return "\(Int(tenths / 10))%" }
        return "\(tenths / 10)%"
    }
}
