import Foundation

/// Civil dates and days by integer arithmetic on a zone's UTC offset, never
/// through `Calendar`: swift-foundation's Gregorian calendar starts from
/// `TimeZone.current` and so loads ICU's code and data (megabytes resident,
/// Benchmarks/README.md, the footprint's memory section). Offsets come from
/// `TimeZone.secondsFromGMT(for:)`, which a fixed-offset zone answers
/// without ICU. Proleptic Gregorian, like Foundation's calendar.
public enum CivilTime {
    /// A moment split into a zone's civil date and time.
    public struct Fields: Sendable, Equatable {
        /// Days since 1970-01-01 in the zone.
        public var dayNumber: Int64
        public var year: Int64, month: Int, day: Int
        public var hour: Int, minute: Int, second: Int
    }

    public static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// Whole seconds since 1970, rounded down; absurd or non-finite dates clamp.
    public static func seconds(_ d: Date) -> Int64 {
        let t = d.timeIntervalSince1970
        return t.isFinite ? Int64(max(-1e15, min(1e15, t)).rounded(.down)) : 0
    }

    /// `d` in a zone whose offset at a moment (whole seconds since 1970) is `offset`.
    public static func fields(_ d: Date, offset: (Int64) -> Int) -> Fields {
        let whole = seconds(d)
        let local = whole + Int64(offset(whole))
        let days = floorDiv(local, 86_400)
        let inDay = Int(local - days * 86_400)
        let (y, m, dd) = civil(days)
        return Fields(dayNumber: days, year: y, month: m, day: dd,
                      hour: inDay / 3600, minute: inDay / 60 % 60, second: inDay % 60)
    }

    public static func fields(_ d: Date, _ tz: TimeZone) -> Fields {
        fields(d) { tz.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval($0))) }
    }

    /// In UTC.
    public static func utcFields(_ d: Date) -> Fields { fields(d) { _ in 0 } }

    /// The local day containing `d`, as a half-open interval of moments.
    public static func dayInterval(containing d: Date, _ tz: TimeZone) -> DateInterval {
        let day = fields(d, tz).dayNumber
        return DateInterval(start: startOfDay(day, tz), end: startOfDay(day + 1, tz))
    }

    /// The first moment of local day `day` (days since 1970-01-01 in `tz`).
    /// Where a transition skips midnight, the first moment that exists on
    /// that day (as `Calendar.startOfDay`).
    public static func startOfDay(_ day: Int64, _ tz: TimeZone) -> Date {
        let offset = { (t: Int64) in Int64(tz.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(t)))) }
        let midnight = day * 86_400
        // The offset just before local midnight, then at the guessed moment:
        // two steps settle every real zone's rule.
        var t = midnight - offset(midnight - offset(midnight))
        t = midnight - offset(t)
        let dayOf = { (t: Int64) in floorDiv(t + offset(t), 86_400) }
        // Midnight skipped (a transition at 00:00 forward): the day begins at the transition.
        if dayOf(t) < day { t = midnight - offset(t + 86_400 / 2) }
        while dayOf(t) < day { t += 900 }
        // Midnight repeated (a transition back over it): the earlier one.
        while dayOf(t - 900) == day && dayOf(t - 1) == day { t -= 900 }
        return Date(timeIntervalSince1970: TimeInterval(t))
    }

    /// The first moment of `d`'s day in UTC.
    public static func utcStartOfDay(_ d: Date) -> Date {
        Date(timeIntervalSince1970: TimeInterval(floorDiv(seconds(d), 86_400) * 86_400))
    }

    /// The first moment of `d`'s month in UTC, and of the next month.
    public static func utcMonth(containing d: Date) -> (start: Date, end: Date) {
        let (y, m, _) = civil(floorDiv(seconds(d), 86_400))
        let next = m == 12 ? (y + 1, 1) : (y, m + 1)
        return (Date(timeIntervalSince1970: TimeInterval(days(year: y, month: m, day: 1) * 86_400)),
                Date(timeIntervalSince1970: TimeInterval(days(year: next.0, month: next.1, day: 1) * 86_400)))
    }

    public static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
        let q = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
    }

    /// The date of a day number (Howard Hinnant's civil_from_days).
    public static func civil(_ z0: Int64) -> (Int64, Int, Int) {
        let z = z0 + 719_468
        let era = floorDiv(z, 146_097)
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = Int(doy - (153 * mp + 2) / 5 + 1)
        let m = Int(mp < 10 ? mp + 3 : mp - 9)
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    /// The day number of a date (Howard Hinnant's days_from_civil).
    public static func days(year y0: Int64, month m: Int, day d: Int) -> Int64 {
        let y = m <= 2 ? y0 - 1 : y0
        let era = floorDiv(y, 400)
        let yoe = y - era * 400
        let mp = Int64(m > 2 ? m - 3 : m + 9)
        let doy = (153 * mp + 2) / 5 + Int64(d) - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// "09" for 9.
    public static func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
}
