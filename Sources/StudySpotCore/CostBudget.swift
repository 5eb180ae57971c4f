import Foundation

/// The console's projected own use of one target against its budget.
public struct CostProjection: Sendable, Hashable {
    public var target: String
    public var operationsToday: Int
    /// Operations per day at the rate seen lately.
    public var operationsPerDay: Double
    /// Quota spent per day at that rate, and the budget's daily allowance (nil: no metered quota).
    public var dailyUse: Double?
    public var dailyBudget: Double?
    /// dailyUse ÷ the quota's daily amount (e.g. 0.004 = 0.4% of Upstash's commands).
    public var quotaShare: Double?
    /// dailyUse ÷ dailyBudget (1 = the whole budget).
    public var budgetShare: Double
    /// The polling stretch the budget asks for (1 = as configured).
    public var stretch: Double
    public var quotaKey: String?
    /// The rate is still being measured: the console has watched this target
    /// for less than `CostBudget.minimumWindow`, too short to project a day
    /// from (a first minute of start-up reads would say "100× the budget").
    public var measuring = false
    /// Seconds the console has watched the target.
    public var watchedSeconds = 0.0

    public init(target: String, operationsToday: Int, operationsPerDay: Double, dailyUse: Double?, dailyBudget: Double?,
                quotaShare: Double?, budgetShare: Double, stretch: Double, quotaKey: String?) {
        self.target = target; self.operationsToday = operationsToday; self.operationsPerDay = operationsPerDay
        self.dailyUse = dailyUse; self.dailyBudget = dailyBudget; self.quotaShare = quotaShare
        self.budgetShare = budgetShare; self.stretch = stretch; self.quotaKey = quotaKey
    }
}

/// Keeps the console's polling inside its budget. Pure: the monitor feeds it
/// counts and applies the stretch it returns.
public enum CostBudget {
    /// The slowest the budget may make a poll: 450 × a 2 s base = 15 minutes,
    /// so a pane is never frozen for good. Beyond this the projection is
    /// reported over budget instead.
    public static let maximumStretch = 450.0
    /// How long a target is watched before its daily cost is projected.
    public static let minimumWindow = 600.0
    /// Aim a little under the budget so the projection settles inside it.
    public static let headroom = 0.9

    /// The stretch that brings `operationsPerDay` (measured while polling at
    /// `currentStretch`) inside the budget. Polls scale inversely with the
    /// stretch, so the new stretch is the old one times the overshoot; it
    /// relaxes back towards 1 when the use falls well under the budget.
    public static func stretch(current: Double, dailyUse: Double, dailyBudget: Double) -> Double {
        guard dailyBudget > 0 else { return maximumStretch }
        let target = dailyBudget * headroom
        let wanted = max(1, current) * (dailyUse / target)
        return min(maximumStretch, max(1, wanted))
    }

    /// The projection for one target. `operationsPerDay` is the recent rate
    /// (the monitor measures it between two looks at the counter).
    public static func project(target: String, operationsToday: Int, operationsPerDay: Double, model: CostModel?,
                               budgetPercent: Double, currentStretch: Double, platformAwakeShare: Double = 0) -> CostProjection {
        guard let model else {
            return CostProjection(target: target, operationsToday: operationsToday, operationsPerDay: operationsPerDay,
                                  dailyUse: nil, dailyBudget: nil, quotaShare: nil, budgetShare: 0, stretch: 1, quotaKey: nil)
        }
        let use = model.dailyUse(operationsPerDay: operationsPerDay, platformAwakeShare: platformAwakeShare)
        let budget = model.dailyBudget(budgetPercent: budgetPercent)
        let quotaPerDay = model.monthlyQuota / 30
        return CostProjection(target: target, operationsToday: operationsToday, operationsPerDay: operationsPerDay,
                              dailyUse: use, dailyBudget: budget, quotaShare: quotaPerDay > 0 ? use / quotaPerDay : nil,
                              budgetShare: budget > 0 ? use / budget : (use > 0 ? 1 : 0),
                              stretch: stretch(current: currentStretch, dailyUse: use, dailyBudget: budget),
                              quotaKey: model.quotaKey)
    }
}
