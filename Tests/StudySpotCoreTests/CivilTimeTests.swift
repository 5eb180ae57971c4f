import Foundation
import Testing
@testable import StudySpotCore

/// `CivilTime` replaces `Calendar` on the console's paths (a Calendar loads
/// ICU); here it must agree with Foundation's Gregorian calendar, which the
/// tests may load.
@Suite("Civil time: days and fields by arithmetic agree with Foundation's calendar")
struct CivilTimeTests {
    static let zones = ["UTC", "Asia/Kolkata", "America/New_York", "Europe/Berlin", "Australia/Adelaide",
                        "Pacific/Chatham", "Asia/Kathmandu", "America/St_Johns", "Pacific/Kiritimati", "America/Sao_Paulo"]

    func calendar(_ tz: TimeZone) -> Calendar {
        var c = Calendar(identifier: .gregorian)
        c.timeZone = tz
        return c
    }

    /// 1950-01-01 to 2100-01-01, stepping 3 days and a bit so every hour of the day comes round.
    func moments(step: TimeInterval = 3 * 86_400 + 3_607) -> [Date] {
        stride(from: -631_152_000.0, to: 4_102_444_800.0, by: step).map { Date(timeIntervalSince1970: $0) }
    }

    /// Every moment where `check` (given the zone and its calendar) describes a mismatch.
    func mismatches(in zone: String, _ check: (Date, TimeZone, Calendar) -> String?) throws -> [String] {
        let tz = try #require(TimeZone(identifier: zone))
        let cal = calendar(tz)
        return moments().compactMap { check($0, tz, cal) }
    }

    @Test("Fields (date, hour, minute, second) match the calendar's components", arguments: zones)
    func fields(zone: String) throws {
        let mismatches = try mismatches(in: zone) { d, tz, cal in
            let c = cal.dateComponents([.year, .month, .day, .hour, .minute, .second], from: d)
            let f = CivilTime.fields(d, tz)
            let same = (Int(f.year), f.month, f.day, f.hour, f.minute, f.second) == (c.year!, c.month!, c.day!, c.hour!, c.minute!, c.second!)
            return same ? nil : "\(d): \(f) vs \(c)"
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(3))")
    }

    @Test("A day's interval is the calendar's startOfDay to the next day's start", arguments: zones)
    func dayInterval(zone: String) throws {
        let mismatches = try mismatches(in: zone) { d, tz, cal in
            let start = cal.startOfDay(for: d)
            let expected = DateInterval(start: start, end: cal.date(byAdding: .day, value: 1, to: start).map(cal.startOfDay(for:))!)
            let got = CivilTime.dayInterval(containing: d, tz)
            return got == expected ? nil : "\(d): \(got) vs \(expected)"
        }
        #expect(mismatches.isEmpty, "\(mismatches.count) days: \(mismatches.prefix(3))")
    }

    @Test("Around every transition of a zone with daylight saving, hour by hour", arguments: ["Europe/Berlin", "America/New_York", "America/Sao_Paulo", "Australia/Lord_Howe"])
    func aroundTransitions(zone: String) throws {
        let tz = try #require(TimeZone(identifier: zone))
        let cal = calendar(tz)
        var t = Date(timeIntervalSince1970: 946_684_800)  // 2000
        var mismatches: [String] = []
        while let next = tz.nextDaylightSavingTimeTransition(after: t), next.timeIntervalSince1970 < 2_524_608_000 {  // 2050
            for h in -30...30 {
                let d = next.addingTimeInterval(Double(h) * 1_800)
                let start = cal.startOfDay(for: d)
                if CivilTime.dayInterval(containing: d, tz).start != start || CivilTime.fields(d, tz).hour != cal.component(.hour, from: d) {
                    mismatches.append("\(d)")
                }
            }
            t = next
        }
        #expect(mismatches.isEmpty, "\(mismatches.count): \(mismatches.prefix(3))")
    }

    @Test("UTC days and months as the calendar's, and the day numbers round-trip")
    func utcDaysAndMonths() throws {
        let cal = calendar(try #require(TimeZone(identifier: "UTC")))
        for d in moments(step: 86_400 * 5 + 7_919) {
            #expect(CivilTime.utcStartOfDay(d) == cal.startOfDay(for: d))
            let start = cal.date(from: cal.dateComponents([.year, .month], from: d))!
            let month = CivilTime.utcMonth(containing: d)
            #expect(month.start == start && month.end == cal.date(byAdding: .month, value: 1, to: start)!, "\(d)")
            let f = CivilTime.utcFields(d)
            #expect(CivilTime.days(year: f.year, month: f.month, day: f.day) == f.dayNumber)
        }
        #expect(CivilTime.civil(0) == (1970, 1, 1))
        #expect(CivilTime.civil(-1) == (1969, 12, 31))
        #expect(CivilTime.days(year: 2000, month: 3, day: 1) == 11_017)
    }

    @Test("Quota windows: a day and a month in UTC, across a leap February and a year's end")
    func quotaWindows() {
        let leap = Date(timeIntervalSince1970: 1_709_208_000)  // 2024-02-29 12:00 UTC
        let m = QuotaPeriod.month.window(at: leap)
        #expect(m.start == Date(timeIntervalSince1970: 1_706_745_600) && m.resetsAt == Date(timeIntervalSince1970: 1_709_251_200))
        #expect(m.length.map { abs($0 - 29 * 86_400) < 1e-6 } == true)
        let dec = QuotaPeriod.month.window(at: Date(timeIntervalSince1970: 1_735_646_399))  // 2024-12-31 11:59:59
        #expect(dec.resetsAt == Date(timeIntervalSince1970: 1_735_689_600))  // 2025-01-01
        let day = QuotaPeriod.day.window(at: Date(timeIntervalSince1970: 1_735_646_399))
        #expect(day.start == Date(timeIntervalSince1970: 1_735_603_200))
    }

    @Test("Alert and relay clock texts in a zone: HH:MM today, 'D Mon HH:MM' on another day")
    func clockTexts() throws {
        let ist = BookingTodayTally.platformTimeZone
        let now = Date(timeIntervalSince1970: 1_795_600_800)  // 2026-11-25 10:00 UTC = 15:30 IST
        #expect(CollectorStatus.clockText(now.addingTimeInterval(-60), now: now, zone: ist) == "15:29")
        #expect(CollectorStatus.clockText(now.addingTimeInterval(-16 * 3600), now: now, zone: ist) == "24 Nov 23:30")
        #expect(CollectorStatus.clockText(now.addingTimeInterval(-15.5 * 3600), now: now, zone: ist) == "00:00")
        #expect(AlertRules.isOpen(now, 6..<22, ist))
        #expect(!AlertRules.isOpen(now.addingTimeInterval(7 * 3600), 6..<22, ist))  // 22:30 IST
        #expect(AlertRules.isOpen(now.addingTimeInterval(7 * 3600), 6..<22, try #require(TimeZone(identifier: "UTC"))))
    }
}
