import Foundation

/// Where a quota period begins and ends at a given moment, in UTC.
///
/// Calendar periods (`day`, `month`) reset at a boundary; rolling windows
/// (`rolling24h`, `rolling30d`) never reset: the oldest use slides out, so
/// they have a length but no reset time; `total` never resets at all.
public struct QuotaWindow: Sendable, Hashable {
    /// First instant of the period (for rolling windows: now minus the length; nil for `total`).
    public var start: Date?
    /// When the period resets (nil for rolling windows and `total`).
    public var resetsAt: Date?
    /// Length of the window in seconds (nil for `total`).
    public var length: Double?
}

extension QuotaPeriod {
    static let daySeconds: Double = 86_400

    /// Whether the period is a sliding window rather than a calendar one.
    public var isRolling: Bool { self == .rolling24h || self == .rolling30d }

    /// The period that contains `now`, its boundaries in UTC (by
    /// `CivilTime`: a `Calendar` would load ICU).
    public func window(at now: Date) -> QuotaWindow {
        switch self {
        case .day:
            let start = CivilTime.utcStartOfDay(now)
            return QuotaWindow(start: start, resetsAt: start.addingTimeInterval(Self.daySeconds), length: Self.daySeconds)
        case .month:
            let (start, end) = CivilTime.utcMonth(containing: now)
            return QuotaWindow(start: start, resetsAt: end, length: end.timeIntervalSince(start))
        case .rolling24h:
            return QuotaWindow(start: now.addingTimeInterval(-Self.daySeconds), resetsAt: nil, length: Self.daySeconds)
        case .rolling30d:
            return QuotaWindow(start: now.addingTimeInterval(-30 * Self.daySeconds), resetsAt: nil, length: 30 * Self.daySeconds)
        case .total:
            return QuotaWindow(start: nil, resetsAt: nil, length: nil)
        }
    }

    /// Number of this period's windows in a 30-day month (1 for monthly
    /// periods and stocks), to turn a limit into a monthly capacity.
    public var perMonth: Double {
        switch self {
        case .day, .rolling24h: 30
        case .month, .rolling30d, .total: 1
        }
    }
}
