import Foundation

/// The quota arithmetic: from a resource's samples to its gauge. Pure.
///
/// Two kinds of series come from the metering:
/// - calendar periods (`day`, `month`) and `total` report a running sum that
///   only grows until the period resets; a drop in the series (or a new
///   `period_start`) is a reset and starts a new period;
/// - rolling windows report the window's sum, which rises and falls as old
///   use slides out, so a drop there is not a reset.
public enum QuotaMath {
    public static let warningPercent = 80.0
    public static let criticalPercent = 95.0
    /// `total` quotas never reset; their projection looks this far ahead.
    public static let totalHorizonDays = 30.0
    /// Below this much of a period elapsed, "used ÷ elapsed" is no rate at all.
    static let minimumElapsedForRate = 3_600.0
    static let day = 86_400.0
    /// How many of a period's samples a gauge carries for its chart: wider than the widest screen.
    public static let periodSampleLimit = 300

    /// The samples at or before `now`, oldest first.
    static func ordered(_ samples: [QuotaSample], now: Date) -> [QuotaSample] {
        samples.filter { $0.observedAt <= now }.sorted { $0.observedAt < $1.observedAt }
    }

    /// Whether `b` starts a new period after `a` (calendar and total periods only).
    static func isReset(_ a: QuotaSample, _ b: QuotaSample) -> Bool {
        if let pa = a.periodStart, let pb = b.periodStart, pb > pa { return true }
        return b.used < a.used
    }

    /// The samples of the period running at `now`: those after the last reset,
    /// and only if they fall inside the current calendar period. An empty
    /// result with earlier samples means the period began with nothing used.
    public static func currentSegment(_ samples: [QuotaSample], period: QuotaPeriod, now: Date) -> [QuotaSample] {
        let s = ordered(samples, now: now)
        let window = period.window(at: now)
        if period.isRolling {
            guard let start = window.start else { return s }
            return s.filter { $0.observedAt > start }
        }
        var first = 0
        for i in s.indices.dropFirst() where isReset(s[i - 1], s[i]) { first = i }
        var segment = Array(s[first...])
        if let start = window.start {
            // A sample from before this period's boundary belongs to the last period.
            // (The day's start once, not per sample: a calendar call per sample was a
            // quarter of the console's CPU with a week of samples.)
            let startDay = CivilTime.utcStartOfDay(start)
            let length = window.length ?? 0
            // A provider's own billing period (Netlify's runs from the account's
            // signup day, not the 1st) is current until it has run a period's length.
            segment = segment.filter { $0.observedAt >= start && ($0.periodStart.map { $0 >= startDay || $0.addingTimeInterval(length) > now } ?? true) }
        }
        return segment
    }

    /// Used so far in the current period: nil without any sample at all, 0
    /// when the samples all belong to an earlier period.
    public static func used(_ samples: [QuotaSample], period: QuotaPeriod, now: Date) -> Double? {
        guard samples.contains(where: { $0.observedAt <= now }) else { return nil }
        return currentSegment(samples, period: period, now: now).last?.used ?? 0
    }

    /// Use per day over the last `seconds` (24 h, 7 days), or nil with too
    /// few samples. Running sums count each increase, and after a reset the
    /// new value (used since the reset); a rolling window's value already is
    /// the window's sum, so its mean over the span divided by the window's
    /// length in days is the daily use.
    public static func burnPerDay(_ samples: [QuotaSample], period: QuotaPeriod, over seconds: Double, now: Date) -> Double? {
        let s = ordered(samples, now: now)
        let from = now.addingTimeInterval(-seconds)
        if period.isRolling {
            let inside = s.filter { $0.observedAt >= from }
            guard !inside.isEmpty, let length = period.window(at: now).length else { return nil }
            let mean = inside.reduce(0) { $0 + $1.used } / Double(inside.count)
            return mean / (length / day)
        }
        // The last sample before the window is the baseline the first increase starts from.
        guard let firstInside = s.firstIndex(where: { $0.observedAt >= from }) else { return nil }
        let span = Array(s[max(0, firstInside - 1)...])
        guard span.count >= 2 else { return nil }
        let seconds = span.last!.observedAt.timeIntervalSince(span.first!.observedAt)
        guard seconds > 0 else { return nil }
        var increase = 0.0
        for i in span.indices.dropFirst() {
            increase += isReset(span[i - 1], span[i]) ? span[i].used : span[i].used - span[i - 1].used
        }
        return increase / seconds * day
    }

    /// The gauge of one resource at `now`. `measured` is what the console
    /// measured itself (same unit); when it is higher than the metering it is
    /// the better figure for the severity (metering lags).
    public static func gauge(entry: QuotaEntry, samples: [QuotaSample], now: Date,
                             measured: Double? = nil, historyLength: Int = 48) -> QuotaGauge {
        let window = entry.period.window(at: now)
        var g = QuotaGauge(entry: entry, resetsAt: window.resetsAt, measured: measured.flatMap { isPlausible($0) ? $0 : nil })
        // NaN, ±Infinity or 1e300 from the metering would poison every figure
        // (and trap where they become integers): counted and left out.
        let bad = samples.filter { !isPlausible($0.used) }
        if !bad.isEmpty {
            g.rejectedSamples = bad.count
            g.rejectedValue = bad.max { $0.observedAt < $1.observedAt }?.used
        }
        let samples = bad.isEmpty ? samples : samples.filter { isPlausible($0.used) }
        let measured = g.measured
        g.history = Array(ordered(samples, now: now).suffix(historyLength).map(\.used))
        g.periodSamples = Array(currentSegment(samples, period: entry.period, now: now).suffix(periodSampleLimit))
        let used = self.used(samples, period: entry.period, now: now)
        g.used = used
        g.burnPerDay24h = burnPerDay(samples, period: entry.period, over: day, now: now)
        g.burnPerDay7d = burnPerDay(samples, period: entry.period, over: 7 * day, now: now)
        guard let used else {
            g.severity = entry.verdict == .gone ? .warning : .unknown
            return g
        }
        var rate = g.burnPerDay24h ?? g.burnPerDay7d
        if rate == nil, !entry.period.isRolling, let start = window.start, now.timeIntervalSince(start) >= minimumElapsedForRate {
            // One sample in a calendar period still gives the average pace so far.
            rate = used / (now.timeIntervalSince(start) / day)
        }
        let projected = projection(used: used, rate: rate, period: entry.period, window: window, now: now)
        if let limit = entry.limit, limit > 0 {
            g.percent = boundedPercent(used / limit * 100)
            g.projectedPercent = projected.flatMap { boundedPercent($0 / limit * 100) }
            g.runsOutAt = runOut(used: used, projected: projected, rate: rate, limit: limit,
                                 period: entry.period, window: window, now: now)
        }
        g.severity = severity(entry: entry, used: max(used, measured ?? 0), projected: projected)
        return g
    }

    /// Largest magnitude a usage figure may have and still be arithmetic:
    /// far beyond any free tier in any unit, far below where percentages overflow.
    public static let plausibleLimit = 1e15

    /// A percentage the panes can turn into an integer: nil when not a number, else within ±1e12.
    static func boundedPercent(_ p: Double) -> Double? { p.isNaN ? nil : min(1e12, max(-1e12, p)) }

    /// Finite, not negative and below `plausibleLimit`. Usage is never
    /// negative: −50 GB is the metering's mistake, left out and flagged like NaN.
    public static func isPlausible(_ v: Double) -> Bool { v.isFinite && v >= 0 && v < plausibleLimit }

    /// Use expected at the end of the period: the running sum plus the rate
    /// until the reset; for a rolling window the window's sum once a whole
    /// window has passed at today's rate; for `total`, `totalHorizonDays` ahead.
    static func projection(used: Double, rate: Double?, period: QuotaPeriod, window: QuotaWindow, now: Date) -> Double? {
        guard let rate else { return nil }
        if period.isRolling, let length = window.length { return rate * length / day }
        if let end = window.resetsAt { return used + rate * end.timeIntervalSince(now) / day }
        return used + rate * totalHorizonDays
    }

    /// When the limit is reached, if before the period ends (now when already over).
    static func runOut(used: Double, projected: Double?, rate: Double?, limit: Double,
                       period: QuotaPeriod, window: QuotaWindow, now: Date) -> Date? {
        if used >= limit { return now }
        guard let rate, rate > 0 else { return nil }
        if period.isRolling {
            // The window's sum moves from `used` to `projected` over one window length.
            guard let projected, projected > limit, let length = window.length else { return nil }
            let seconds = length * (limit - used) / (projected - used)
            return seconds.isFinite ? now.addingTimeInterval(seconds) : nil
        }
        let seconds = (limit - used) / rate * day
        // A rate of almost nothing "runs out" centuries away: no date at all.
        guard seconds.isFinite, seconds < 100 * 365 * day else { return nil }
        let at = now.addingTimeInterval(seconds)
        if let end = window.resetsAt, at >= end { return nil }
        return at
    }

    /// ok below 80%, warning from 80%, critical from 95% or when the
    /// projection passes the limit before the period ends. A provider with no
    /// free tier (gone) or a limit of zero: any use is critical, none is a warning.
    public static func severity(entry: QuotaEntry, used: Double, projected: Double?) -> Severity {
        if entry.verdict == .gone || entry.limit == 0 { return used > 0 ? .critical : .warning }
        guard let limit = entry.limit else { return .ok }
        let percent = used / limit * 100
        if percent >= criticalPercent { return .critical }
        if let projected, projected > limit { return .critical }
        if percent >= warningPercent { return .warning }
        return .ok
    }

    /// How far over: the higher of used and projected percent; a provider
    /// with no free tier that is in use is past any percentage.
    static func risk(_ g: QuotaGauge) -> Double {
        if (g.isGone || g.entry.limit == 0) && (g.used ?? 0) > 0 { return .greatestFiniteMagnitude }
        return max(g.percent ?? -1, g.projectedPercent ?? -1)
    }

    /// Most at risk first: severity, then `risk`.
    public static func riskOrder(_ a: QuotaGauge, _ b: QuotaGauge) -> Bool {
        if a.severity != b.severity { return a.severity > b.severity }
        let ra = risk(a), rb = risk(b)
        if ra != rb { return ra > rb }
        return a.entry.key < b.entry.key
    }

    /// Gauges grouped by category in `QuotaCategory` order, each group most at risk first.
    public static func grouped(_ gauges: [QuotaGauge]) -> [(category: QuotaCategory, gauges: [QuotaGauge])] {
        QuotaCategory.allCases.compactMap { c in
            let g = gauges.filter { $0.entry.category == c }.sorted(by: riskOrder)
            return g.isEmpty ? nil : (c, g)
        }
    }
}
