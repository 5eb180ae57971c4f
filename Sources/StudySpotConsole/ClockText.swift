import Foundation

/// Wall-clock texts for the screen without `Calendar`: a frame formats a
/// time per feed row and one for the status bar every second, and building
/// a `Calendar` and asking it for components cost more than the rest of the
/// row (Benchmarks/README.md). A zone's offsets come from `ZoneOffsets`
/// (worked out per quarter hour ahead of time) and the civil date from
/// integer arithmetic.
enum ClockText {
    /// A moment split into the zone's civil date and time.
    struct Local: Equatable {
        /// Days since 1970-01-01 in the zone.
        var dayNumber: Int64
        var year: Int64, month: Int, day: Int
        var hour: Int, minute: Int, second: Int
    }

    static func local(_ d: Date, _ zone: ZoneOffsets) -> Local {
        let t = d.timeIntervalSince1970
        let whole = t.isFinite ? Int64(max(-1e15, min(1e15, t)).rounded(.down)) : 0
        let secs = whole + Int64(zone.offset(whole))
        let days = floorDiv(secs, 86_400)
        let inDay = Int(secs - days * 86_400)
        let (y, m, dd) = civil(days)
        return Local(dayNumber: days, year: y, month: m, day: dd,
                     hour: inDay / 3600, minute: inDay / 60 % 60, second: inDay % 60)
    }

    static func local(_ d: Date, _ tz: TimeZone) -> Local { local(d, ZoneOffsets(tz)) }

    /// "14:02:09".
    static func clock(_ d: Date, _ tz: TimeZone) -> String { clock(d, ZoneOffsets(tz)) }
    static func clock(_ d: Date, _ zone: ZoneOffsets) -> String {
        let l = local(d, zone)
        return two(l.hour) + ":" + two(l.minute) + ":" + two(l.second)
    }

    /// "14:02".
    static func hourMinute(_ d: Date, _ zone: ZoneOffsets) -> String {
        let l = local(d, zone)
        return two(l.hour) + ":" + two(l.minute)
    }

    /// "25 Nov 14:02:09".
    static func dayAndClock(_ d: Date, _ tz: TimeZone) -> String { dayAndClock(d, ZoneOffsets(tz)) }
    static func dayAndClock(_ d: Date, _ zone: ZoneOffsets) -> String {
        let l = local(d, zone)
        return "\(l.day) \(months[l.month - 1]) " + two(l.hour) + ":" + two(l.minute) + ":" + two(l.second)
    }

    /// "14:02:09" on the same day as `now`, "24 Nov" otherwise.
    static func feedTime(_ d: Date, now: Date, _ tz: TimeZone) -> String { feedTime(d, now: now, ZoneOffsets(tz)) }
    static func feedTime(_ d: Date, now: Date, _ zone: ZoneOffsets) -> String {
        let l = local(d, zone)
        if l.dayNumber == local(now, zone).dayNumber {
            return two(l.hour) + ":" + two(l.minute) + ":" + two(l.second)
        }
        return "\(l.day) \(months[l.month - 1])"
    }

    static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    private static func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }

    static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
        let q = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
    }

    /// Proleptic Gregorian date of a day number (Howard Hinnant's civil_from_days).
    static func civil(_ z0: Int64) -> (Int64, Int, Int) {
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

}

/// A time zone with its UTC offsets worked out for every quarter hour of a
/// window around a moment (every real zone changes offset on a quarter hour),
/// so drawing a frame looks offsets up instead of asking `TimeZone`. A plain
/// value: `State` keeps one for its zone around `now` and renews it as the
/// clock moves; moments outside the window are asked of the zone directly.
public struct ZoneOffsets: Sendable, Equatable {
    public let zone: TimeZone
    /// The first quarter hour (since 1970) of the window.
    let firstQuarter: Int64
    let offsets: [Int32]
    /// Quarter hours on each side of the centre.
    static let halfWindow: Int64 = 36 * 4

    /// No window: every lookup asks the zone.
    public init(_ zone: TimeZone) { self.zone = zone; firstQuarter = 0; offsets = [] }

    /// The window of ±36 hours around `centre`.
    public init(_ zone: TimeZone, around centre: Date) {
        self.zone = zone
        let q = ZoneOffsets.quarter(centre)
        firstQuarter = q - ZoneOffsets.halfWindow
        offsets = (0..<(2 * ZoneOffsets.halfWindow)).map {
            Int32(zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval((q - ZoneOffsets.halfWindow + $0) * 900))))
        }
    }

    /// Whether `d` is in the middle half of the window (else the window is renewed around it).
    func isCentred(on d: Date, _ zone: TimeZone) -> Bool {
        guard zone == self.zone, !offsets.isEmpty else { return false }
        let q = ZoneOffsets.quarter(d)
        return q >= firstQuarter + ZoneOffsets.halfWindow / 2 && q < firstQuarter + 3 * ZoneOffsets.halfWindow / 2
    }

    static func quarter(_ d: Date) -> Int64 {
        let t = d.timeIntervalSince1970
        return t.isFinite ? ClockText.floorDiv(Int64(max(-1e15, min(1e15, t)).rounded(.down)), 900) : 0
    }

    /// The zone's offset from UTC at `secs`.
    func offset(_ secs: Int64) -> Int {
        let quarter = ClockText.floorDiv(secs, 900)
        let i = quarter - firstQuarter
        if i >= 0 && i < Int64(offsets.count) { return Int(offsets[Int(i)]) }
        return zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(quarter * 900)))
    }
}
