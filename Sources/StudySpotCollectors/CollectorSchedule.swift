import Foundation

/// When a collector polls next: a pure function of the time, the last
/// outcome and the configuration, so the scheduling is tested without a clock.
public enum CollectorSchedule {
    /// The share of a provider's documented rate limit the collector may
    /// spend: the rest is the platform's own (the same token often serves
    /// the platform's deploys and API calls).
    public static let rateLimitShare = 0.10
    /// The longest wait between polls after repeated failures.
    public static let longestBackoff = 6 * 3_600.0

    /// Seconds between polls: `every` (else the collector's default),
    /// stretched so `callsPerPoll` calls a poll stay within `rateLimitShare`
    /// of `rateLimit`.
    public static func interval(every: Double?, defaultEvery: Double, rateLimit: RateLimit, callsPerPoll: Int) -> Double {
        let wanted = every ?? defaultEvery
        guard let perDay = rateLimit.perDay, perDay > 0 else { return wanted }
        let shortest = 86_400 / (perDay * rateLimitShare / Double(max(1, callsPerPoll)))
        return max(wanted, shortest)
    }

    /// Calls a day at `interval` seconds a poll.
    public static func callsPerDay(interval: Double, callsPerPoll: Int) -> Double {
        86_400 / interval * Double(max(1, callsPerPoll))
    }

    /// When to poll after a poll that ended at `now`: one interval after a
    /// success; after the `failures`-th failure in a row, the interval doubled
    /// for each failure before it (up to `longestBackoff`, never below the
    /// interval); never before the provider's `retryAt`.
    public static func next(after now: Date, interval: Double, failures: Int, retryAt: Date?) -> Date {
        var wait = interval
        if failures > 1 {
            let doubled = interval * pow(2, Double(min(failures - 1, 30)))
            wait = max(interval, min(doubled, longestBackoff))
        }
        let planned = now.addingTimeInterval(wait)
        guard let retryAt, retryAt > planned else { return planned }
        return retryAt
    }
}
