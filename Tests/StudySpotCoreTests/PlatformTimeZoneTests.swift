import Foundation
import Testing
@testable import StudySpotCore

/// The platform's day (Asia/Kolkata) comes from a fixed +05:30 zone, so the
/// console never asks Foundation for a zone by name (which loads ICU).
@Suite("Platform time zone: a fixed +05:30 that agrees with Asia/Kolkata")
struct PlatformTimeZoneTests {
    @Test("A fixed-offset zone, not one looked up by name")
    func fixedOffset() {
        let zone = BookingTodayTally.platformTimeZone
        #expect(zone.identifier != "Asia/Kolkata", "a zone by identifier makes Foundation load ICU")
        #expect(zone.secondsFromGMT(for: Date(timeIntervalSince1970: 0)) == 19_800)
        #expect(BookingActivity().timeZone == zone)
    }

    @Test("Same offsets and the same days as Asia/Kolkata, every 5 days from 1950 to 2100")
    func agreesWithTheNamedZone() throws {
        let named = try #require(TimeZone(identifier: "Asia/Kolkata"))
        let fixed = BookingTodayTally.platformTimeZone
        var t = Date(timeIntervalSince1970: -631_152_000)   // 1950-01-01
        let end = Date(timeIntervalSince1970: 4_102_444_800)  // 2100-01-01
        var mismatches: [Date] = []
        while t < end {
            if named.secondsFromGMT(for: t) != fixed.secondsFromGMT(for: t)
                || BookingTodayTally.dayInterval(containing: t, named) != BookingTodayTally.dayInterval(containing: t, fixed) {
                mismatches.append(t)
            }
            t = t.addingTimeInterval(5 * 86_400 + 3_607)  // drifts through every hour of the day
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(3))")
    }
}
