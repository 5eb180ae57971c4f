/// The plan's balancing, as the console displays it and the simulated load
/// balancer routes: traffic is split by weight among the instances of the
/// best (lowest) priority that has any instance able to serve; an instance
/// that is down or drained passes its share down the priority order.
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
        var eligible: Bool { serving && !drained && weight > 0 }
    }

    /// Share of traffic (0…1) per instance name; all zero when nothing can serve.
    public static func shares(_ members: [Member]) -> [String: Double] {
        var out = Dictionary(uniqueKeysWithValues: members.map { ($0.name, 0.0) })
        let eligible = members.filter(\.eligible)
        guard let best = eligible.map(\.priority).min() else { return out }
        let group = eligible.filter { $0.priority == best }
        // Summed as doubles: weights are whatever `lb:weights` says, up to Int.max each.
        let total = group.reduce(0.0) { $0 + Double($1.weight) }
        for m in group { out[m.name] = Double(m.weight) / total }
        return out
    }

    /// The shares if `name` stopped serving (what the failover chain shows).
    public static func sharesIfDown(_ name: String, _ members: [Member]) -> [String: Double] {
        shares(members.map { m in
            var m = m
            if m.name == name { m.serving = false }
            return m
        })
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

    /// "railway 75% · render-2 25%" — instances with traffic, in the members' order.
    public static func describe(_ shares: [String: Double], order: [String]) -> String {
        let parts = order.compactMap { name -> String? in
            guard let s = shares[name], s > 0 else { return nil }
            return "\(name) \(percentText(s))"
        }
        return parts.isEmpty ? "no instance can serve" : parts.joined(separator: " · ")
    }

    static func percentText(_ share: Double) -> String {
        let p = share * 100
        if p >= 10 || p == p.rounded() { return "\(Int(p.rounded()))%" }
        return "\(Double(Int((p * 10).rounded())) / 10)%"
    }

    /// Picks an instance for one request by weight among the current shares;
    /// `random` is in [0, 1). Used by the simulated load balancer.
    public static func route(_ shares: [String: Double], order: [String], random: Double) -> String? {
        var acc = 0.0
        var last: String?
        for name in order {
            guard let s = shares[name], s > 0 else { continue }
            acc += s
            last = name
            if random < acc { return name }
        }
        return last
    }
}
