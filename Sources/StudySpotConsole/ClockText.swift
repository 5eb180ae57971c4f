import Foundation

/// Wall-clock texts for the screen without `Calendar`: a frame formats a
/// time per feed row and one for the status bar every second, and building
/// a `Calendar` and asking it for components cost more than the rest of the
/// row (Benchmarks/README.md, issue 9). A time zone's offset is looked up
/// once per quarter hour (every real zone changes offset on a quarter hour)
/// and the civil date comes from integer arithmetic.
enum ClockText {
    /// A moment split into the zone's civil date and time.
    struct Local: Equatable {
        /// Days since 1970-01-01 in the zone.
        var dayNumber: Int64
        var year: Int64, month: Int, day: Int
        var hour: Int, minute: Int, second: Int
    }

    static func local(_ d: Date, _ tz: TimeZone) -> Local {
        let t = d.timeIntervalSince1970
        let whole = t.isFinite ? Int64(max(-1e15, min(1e15, t)).rounded(.down)) : 0
        let secs = whole + Int64(offset(whole, tz))
        let days = floorDiv(secs, 86_400)
        let inDay = Int(secs - days * 86_400)
        let (y, m, dd) = civil(days)
        return Local(dayNumber: days, year: y, month: m, day: dd,
                     hour: inDay / 3600, minute: inDay / 60 % 60, second: inDay % 60)
    }

    /// "14:02:09".
    static func clock(_ d: Date, _ tz: TimeZone) -> String {
        let l = local(d, tz)
        return two(l.hour) + ":" + two(l.minute) + ":" + two(l.second)
    }

    /// "25 Nov 14:02:09".
    static func dayAndClock(_ d: Date, _ tz: TimeZone) -> String {
        let l = local(d, tz)
        return "\(l.day) \(months[l.month - 1]) " + two(l.hour) + ":" + two(l.minute) + ":" + two(l.second)
    }

    /// "14:02:09" on the same day as `now`, "24 Nov" otherwise.
    static func feedTime(_ d: Date, now: Date, _ tz: TimeZone) -> String {
        let l = local(d, tz)
        if l.dayNumber == local(now, tz).dayNumber {
            return two(l.hour) + ":" + two(l.minute) + ":" + two(l.second)
        }
        return "\(l.day) \(months[l.month - 1])"
    }

    static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    private static func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }

    private static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
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

    // MARK: offsets

    private struct Entry { var zone: String; var quarter: Int64; var offset: Int }
    nonisolated(unsafe) private static var recent: [Entry] = []
    private static let lock = NSLock()

    /// The zone's offset from UTC at `secs`, cached per quarter hour.
    static func offset(_ secs: Int64, _ tz: TimeZone) -> Int {
        let quarter = floorDiv(secs, 900)
        let zone = tz.identifier
        lock.lock()
        if let e = recent.first(where: { $0.quarter == quarter && $0.zone == zone }) { lock.unlock(); return e.offset }
        lock.unlock()
        let off = tz.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(quarter * 900)))
        lock.lock()
        if recent.count >= 16 { recent.removeFirst() }
        recent.append(Entry(zone: zone, quarter: quarter, offset: off))
        lock.unlock()
        return off
    }
}
