import Foundation

/// What the console's own polling costs a target, in the units of the quota
/// it spends. Each model is an assumption about the provider, stated here:
///
/// - `commands`: every command counts against a monthly command quota
///   (Upstash: 500,000 a month). Daily quota = monthly ÷ 30.
/// - `wakeHours`: a database that suspends after `idleSeconds` without
///   queries (Neon: 5 minutes) bills compute for as long as it is awake;
///   each query keeps it awake for up to `idleSeconds`, so a poll interval
///   shorter than that keeps it awake all day. Quota in compute-unit hours
///   at `computeUnits` (Neon's smallest, 0.25 CU). Only the console's
///   share counts: the part of the day the platform's own traffic does not
///   already keep it awake (`platformAwakeShare`).
/// - `wakeHours` also models a sleeping instance (Render: spins down after
///   15 minutes idle) woken by health probes, against the account's 750
///   instance hours a month at 1 unit per instance.
public struct CostModel: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        case commands
        case wakeHours(idleSeconds: Double, computeUnits: Double)
    }
    public var kind: Kind
    /// The quota it spends, per month, in its unit (commands, hours).
    public var monthlyQuota: Double
    /// The catalog resource it spends ("upstash/commands-month").
    public var quotaKey: String
    public init(kind: Kind, monthlyQuota: Double, quotaKey: String) {
        self.kind = kind; self.monthlyQuota = monthlyQuota; self.quotaKey = quotaKey
    }

    /// Quota spent per day by `operationsPerDay`, evenly spread.
    public func dailyUse(operationsPerDay: Double, platformAwakeShare: Double = 0) -> Double {
        switch kind {
        case .commands:
            return operationsPerDay
        case let .wakeHours(idle, units):
            guard operationsPerDay > 0 else { return 0 }
            let awakeSeconds = min(86_400, operationsPerDay * idle)
            return awakeSeconds / 3_600 * units * max(0, 1 - min(1, platformAwakeShare))
        }
    }

    /// The daily allowance under a budget of `budgetPercent` of the quota.
    public func dailyBudget(budgetPercent: Double) -> Double {
        monthlyQuota / 30 * budgetPercent / 100
    }

    /// The model for a target of `provider` (nil: the console's polls cost it
    /// nothing metered), spending its `account`'s quota where the provider has several.
    public static func forTarget(provider: String, kind: CostTargetKind, sleeps: Bool, catalog: [QuotaEntry],
                                 account: String? = nil) -> CostModel? {
        func entry(_ r: String) -> QuotaEntry? {
            QuotaAccounts.entry(provider: provider, resource: r, account: account, in: catalog)
                ?? catalog.first { $0.provider == provider && $0.resource == r }
        }
        func model(_ r: String, _ kind: Kind) -> CostModel? {
            guard let e = entry(r), let limit = e.limit else { return nil }
            return CostModel(kind: kind, monthlyQuota: limit, quotaKey: e.key)
        }
        switch (provider, kind) {
        case ("upstash", .cache):
            return model("commands-month", .commands)
        case ("neon", .shard):
            return model("compute-hours", .wakeHours(idleSeconds: 300, computeUnits: 0.25))
        case ("render", .instance) where sleeps:
            return model("compute", .wakeHours(idleSeconds: 900, computeUnits: 1))
        default:
            return nil
        }
    }
}

/// What a target is, for its cost model.
public enum CostTargetKind: String, Sendable, Hashable, Codable {
    case shard, cache, instance
}
