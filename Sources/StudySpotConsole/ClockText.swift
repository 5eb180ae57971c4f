import Foundation
import StudySpotCore

/// Wall-clock texts for the screen without `Calendar`: a frame formats a
/// time per feed row and one for the status bar every second, and building
/// a `Calendar` and asking it for components cost more than the rest of the
/// row (Benchmarks/README.md). A zone's offsets come from `ZoneOffsets`
/// (worked out per quarter hour ahead of time) and the civil date from
/// integer arithmetic.
enum ClockText {
    /// A moment split into the zone's civil date and time.
    typealias Local = CivilTime.Fields

    static func local(_ d: Date, _ zone: ZoneOffsets) -> Local {
        CivilTime.fields(d) { zone.offset($0) }
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

    static let months = CivilTime.monthNames

    private static func two(_ n: Int) -> String { CivilTime.two(n) }

    static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 { CivilTime.floorDiv(a, b) }
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
