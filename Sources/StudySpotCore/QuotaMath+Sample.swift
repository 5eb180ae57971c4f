import Foundation

/// One reading of the platform's metering (`ops.usage_samples`): the amount
/// used so far in the period that began on `periodStart`.
public struct QuotaSample: Sendable, Hashable, Codable {
    public var used: Double
    /// The period's first day as the platform reported it (nil if unknown).
    public var periodStart: Date?
    public var observedAt: Date

    public init(used: Double, periodStart: Date? = nil, observedAt: Date) {
        self.used = used; self.periodStart = periodStart; self.observedAt = observedAt
    }
}
