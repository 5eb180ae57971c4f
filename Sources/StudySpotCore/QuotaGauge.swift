import Foundation

/// One quota as the panes show it: computed from usage samples by the quota
/// arithmetic, read by the Quotas pane, the Overview, the alert rules and
/// `snapshot`.
public struct QuotaGauge: Sendable, Hashable, Codable {
    public var entry: QuotaEntry
    /// Used so far in the current period (nil: no sample yet).
    public var used: Double?
    /// Used ÷ limit × 100 (nil without a limit or a sample).
    public var percent: Double?
    /// Projected use at period end ÷ limit × 100.
    public var projectedPercent: Double?
    /// Burn per day from the last 24 hours of samples, and from the last 7 days.
    public var burnPerDay24h: Double?
    public var burnPerDay7d: Double?
    /// When it runs out, if before the period ends.
    public var runsOutAt: Date?
    /// When the period resets (nil for `total`).
    public var resetsAt: Date?
    /// What the console measured itself, when it can (database size, Redis memory…).
    public var measured: Double?
    public var severity: Severity
    /// The latest sample values, oldest first (the detail view's sparkline).
    public var history: [Double] = []
    /// The current period's samples with their times, oldest first, at most
    /// `QuotaMath.periodSampleLimit` (the latest): the detail's chart over the period.
    public var periodSamples: [QuotaSample] = []
    /// Samples left out of the arithmetic because their value is not a
    /// number or absurdly large (`QuotaMath.isPlausible`), and the last such value.
    public var rejectedSamples = 0
    public var rejectedValue: Double?
    /// Where `used` came from (nil: no usage sample; `used`, if any, is what
    /// the console measured itself).
    public var provenance: QuotaProvenance?
    /// What `studyspot collect` last found for the provider (account), if it runs.
    public var collector: CollectorStatus?
    /// Whether the provider has no free tier any more (shown wherever it appears).
    public var isGone: Bool { entry.verdict == .gone }

    public init(entry: QuotaEntry, used: Double? = nil, percent: Double? = nil, projectedPercent: Double? = nil,
                burnPerDay24h: Double? = nil, burnPerDay7d: Double? = nil, runsOutAt: Date? = nil,
                resetsAt: Date? = nil, measured: Double? = nil, severity: Severity = .unknown) {
        self.entry = entry; self.used = used; self.percent = percent; self.projectedPercent = projectedPercent
        self.burnPerDay24h = burnPerDay24h; self.burnPerDay7d = burnPerDay7d; self.runsOutAt = runsOutAt
        self.resetsAt = resetsAt; self.measured = measured; self.severity = severity
    }
}
