import Foundation

/// One need of the scaling plan's capacity verification and the catalog
/// resources that serve it.
public struct CapacityNeed: Sendable, Hashable {
    /// One provider's part: the catalog resources that bound it (the smallest
    /// wins: 100/day and 3,000/month give 3,000 a month), converted to the
    /// need's unit by `factor`.
    public struct Provider: Sendable, Hashable {
        public var provider: String
        public var resources: [String]
        public var factor: Double
        /// The plan's figure in the need's unit when the catalog has no number
        /// for it (e.g. "256 MB VMs free").
        public var planOverride: Double?
        public init(_ provider: String, _ resources: [String], factor: Double = 1, planOverride: Double? = nil) {
            self.provider = provider; self.resources = resources; self.factor = factor; self.planOverride = planOverride
        }
    }

    public var name: String
    public var unit: String
    /// Per month for flows; a size for stocks (`isStock`).
    public var amount: Double
    public var isStock: Bool
    public var providers: [Provider]

    public init(name: String, unit: String, amount: Double, isStock: Bool, providers: [Provider]) {
        self.name = name; self.unit = unit; self.amount = amount; self.isStock = isStock; self.providers = providers
    }

    /// Hours a free instance that never sleeps runs in a 30-day month.
    public static let instanceHoursPerMonth = 720.0
    /// Assumption: a small always-on Railway service costs about $1 per 100 hours.
    public static let railwayHoursPerUSD = 100.0

    /// The plan's needs (its "capacity verification"), in its order.
    public static let plan: [CapacityNeed] = [
        CapacityNeed(name: "frontend bandwidth", unit: "GB", amount: 150, isStock: false, providers: [
            Provider("vercel", ["bandwidth"]), Provider("netlify", ["bandwidth"]),
            Provider("cloudflare-pages", ["bandwidth"]), Provider("render", ["bandwidth"]), Provider("fleek", ["bandwidth"]),
        ]),
        CapacityNeed(name: "compute", unit: "hours", amount: 2_000, isStock: false, providers: [
            Provider("render", ["compute"]),
            Provider("railway", ["compute-credit"], factor: railwayHoursPerUSD),
            // Fly's old allowance: three shared 256 MB VMs running all month.
            Provider("fly", ["compute"], planOverride: 3 * instanceHoursPerMonth),
            Provider("koyeb", ["compute"], factor: instanceHoursPerMonth),
        ]),
        CapacityNeed(name: "database", unit: "GB", amount: 3, isStock: true, providers: [
            Provider("neon", ["storage"]), Provider("supabase", ["storage"]), Provider("planetscale", ["storage"]),
            Provider("xata", ["storage"]), Provider("turso", ["storage"]),
        ]),
        // About 3 in 10 of the plan's 9,000,000 API calls a month touch a cache;
        // only Upstash meters commands (the others are bounded by memory).
        CapacityNeed(name: "cache requests", unit: "commands", amount: 2_700_000, isStock: false, providers: [
            Provider("upstash", ["commands-day", "commands-month"]),
        ]),
        CapacityNeed(name: "storage", unit: "GB", amount: 100, isStock: true, providers: [
            Provider("cloudinary", ["credits"]), Provider("imagekit", ["bandwidth", "storage"]),
            Provider("backblaze-b2", ["storage"]), Provider("cloudflare-r2", ["storage"]),
            Provider("bunny", ["bandwidth"]), Provider("github-lfs", ["storage"]),
        ]),
        CapacityNeed(name: "e-mail", unit: "emails", amount: 40_000, isStock: false, providers:
            ["resend", "sendgrid", "mailgun", "brevo", "postmark", "elastic-email", "mailersend"].map {
                Provider($0, ["emails-day", "emails-month"])
            }),
    ]
}

/// A capacity: a number, or unlimited.
public enum CapacityAmount: Sendable, Hashable {
    case limited(Double)
    case unlimited

    public static func + (a: CapacityAmount, b: CapacityAmount) -> CapacityAmount {
        switch (a, b) {
        case let (.limited(x), .limited(y)): .limited(x + y)
        default: .unlimited
        }
    }

    public var value: Double? { if case .limited(let v) = self { v } else { nil } }
}

/// One provider's part of a need, under the plan and under today's terms.
public struct CapacityShare: Sendable, Hashable {
    public var provider: String
    public var plan: CapacityAmount
    public var current: CapacityAmount
    public var verdict: QuotaVerdict
}

/// The recomputed verdict for one need.
public struct CapacityResult: Sendable, Hashable {
    public var need: CapacityNeed
    public var shares: [CapacityShare]
    public var plan: CapacityAmount
    public var current: CapacityAmount
    /// Per month for flows (from the burn rates), the size used for stocks; nil without samples.
    public var burn: Double?
    /// How much the current terms fall short of the need (nil when they cover it).
    public var shortBy: Double?
    /// When the shortfall starts: for flows the day of the month the demand
    /// passes the current capacity; for stocks the day the size does.
    public var shortFrom: Date?
    /// Providers with no free tier any more, and those counted but unverified.
    public var gone: [String]
    public var unverified: [String]
    /// When it was computed ("short since" a day already past).
    public var evaluatedAt: Date

    /// "e-mail: plan 35,100/month, current terms 15,600/month, need 40,000: short by 24,400 from 12 Nov".
    public var sentence: String {
        let per = need.isStock ? " \(need.unit)" : "/month"
        func text(_ c: CapacityAmount) -> String { c.value.map { CapacityFormat.number($0) + per } ?? "unlimited" }
        var s = "\(need.name): plan \(text(plan)), current terms \(text(current)), need \(CapacityFormat.number(need.amount))"
        if let burn, burn > need.amount { s += " (\(need.isStock ? "using" : "burning") \(CapacityFormat.number(burn)))" }
        if let shortBy {
            s += ": short by \(CapacityFormat.number(shortBy))"
            if let shortFrom {
                let past = CivilTime.utcStartOfDay(shortFrom) < CivilTime.utcStartOfDay(evaluatedAt)
                s += (past ? " since " : " from ") + CapacityFormat.day(shortFrom, relativeTo: evaluatedAt)
            }
        } else {
            s += ": enough"
        }
        return s
    }
}

/// The plan's capacity verification recomputed from the catalog and the gauges. Pure.
public enum Capacity {
    /// Capacity of one provider's resources: the smallest of those with a
    /// figure; unlimited when none has one and the text says "unlimited".
    static func amount(_ entries: [QuotaEntry], factor: Double, plan: Bool) -> CapacityAmount {
        if !plan, entries.contains(where: { $0.verdict == .gone }) { return .limited(0) }
        let figures = entries.compactMap { e -> Double? in
            (plan ? e.planLimit : e.limit).map { $0 * e.period.perMonth * factor }
        }
        if let m = figures.min() { return .limited(m) }
        let unlimited = entries.contains { (plan ? $0.planText : $0.currentText).lowercased().contains("unlimited") }
        return unlimited ? .unlimited : .limited(0)
    }

    public static func evaluate(_ need: CapacityNeed, catalog: [QuotaEntry], gauges: [QuotaGauge], now: Date) -> CapacityResult {
        var shares: [CapacityShare] = []
        var burn: Double?
        var growthPerDay: Double?
        for p in need.providers {
            // Each account of the provider brings its own free tier: their capacities add up.
            let accounts = QuotaAccounts.accounts(provider: p.provider, resources: p.resources, entries: catalog)
            let byAccount = accounts.map { a in
                p.resources.compactMap { r in QuotaAccounts.entry(provider: p.provider, resource: r, account: a, in: catalog) }
            }.filter { !$0.isEmpty }
            guard let first = byAccount.first else { continue }
            var planAmount = byAccount.map { amount($0, factor: p.factor, plan: true) }.reduce(.limited(0), +)
            if let o = p.planOverride { planAmount = .limited(o) }
            let all = byAccount.flatMap { $0 }
            let verdict = all.contains { $0.verdict == .gone } ? QuotaVerdict.gone : first[0].verdict
            shares.append(CapacityShare(provider: p.provider, plan: planAmount,
                                        current: byAccount.map { amount($0, factor: p.factor, plan: false) }.reduce(.limited(0), +),
                                        verdict: verdict))
            // Burn: each account's busiest resource, per month (flows) or its size (stocks), summed.
            for a in accounts {
                let gs = gauges.filter { g in g.entry.provider == p.provider && g.entry.account == a && p.resources.contains(g.entry.resource) }
                let perMonth = gs.compactMap { g -> Double? in
                    if need.isStock { return g.used.map { $0 * p.factor } }
                    return (g.burnPerDay24h ?? g.burnPerDay7d).map { $0 * 30 * p.factor }
                }.max()
                if let perMonth { burn = (burn ?? 0) + perMonth }
                if need.isStock, let r = gs.compactMap({ $0.burnPerDay7d ?? $0.burnPerDay24h }).max() {
                    growthPerDay = (growthPerDay ?? 0) + r * p.factor
                }
            }
        }
        let plan = shares.reduce(CapacityAmount.limited(0)) { $0 + $1.plan }
        let current = shares.reduce(CapacityAmount.limited(0)) { $0 + $1.current }
        var result = CapacityResult(need: need, shares: shares, plan: plan, current: current, burn: burn,
                                    shortBy: nil, shortFrom: nil,
                                    gone: shares.filter { $0.verdict == .gone }.map(\.provider),
                                    unverified: shares.filter { $0.verdict == .unverified && $0.current != .limited(0) }.map(\.provider),
                                    evaluatedAt: now)
        guard let cap = current.value else { return result }
        let demand = max(need.amount, burn ?? 0)
        guard demand > cap else { return result }
        result.shortBy = demand - cap
        if need.isStock {
            // The size passes the capacity now, or when today's growth gets it there.
            let used = burn ?? 0
            if used >= cap { result.shortFrom = now }
            else if let g = growthPerDay, g > 0 { result.shortFrom = now.addingTimeInterval((cap - used) / g * 86_400) }
        } else {
            // A month's demand arrives evenly: capacity ÷ daily demand days into the month.
            let monthStart = QuotaPeriod.month.window(at: now).start!
            let days = cap / (demand / 30)
            result.shortFrom = CivilTime.utcStartOfDay(monthStart.addingTimeInterval(days * 86_400))
        }
        return result
    }

    /// Every need of the plan.
    public static func evaluate(catalog: [QuotaEntry], gauges: [QuotaGauge], now: Date,
                                needs: [CapacityNeed] = CapacityNeed.plan) -> [CapacityResult] {
        needs.map { evaluate($0, catalog: catalog, gauges: gauges, now: now) }
    }
}

/// Number and date formats the capacity and quota texts share.
public enum CapacityFormat {
    /// 35100 → "35,100"; 2.5 → "2.5"; 2700000 → "2,700,000".
    public static func number(_ v: Double) -> String {
        guard v.isFinite else { return "∞" }
        if abs(v - v.rounded()) < 0.05 || abs(v) >= 100 {
            let n = Int(max(-9e18, min(9e18, v.rounded())))
            let digits = String(abs(n))
            var out = ""
            for (i, c) in digits.enumerated() {
                if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
                out.append(c)
            }
            return (n < 0 ? "-" : "") + out
        }
        return String(format: abs(v) < 1 ? "%.2f" : "%.1f", v)
    }

    /// "12 Nov" (UTC); "12 Nov 2027" when more than 300 days from `relativeTo`.
    public static func day(_ d: Date, relativeTo now: Date? = nil) -> String {
        let c = CivilTime.utcFields(d)
        var s = "\(c.day) \(CivilTime.monthNames[c.month - 1])"
        if let now, abs(d.timeIntervalSince(now)) > 300 * 86_400 { s += " \(c.year)" }
        return s
    }
}
