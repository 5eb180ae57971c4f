import Foundation
@testable import StudySpotWire
import Testing

/// timestamptz values the platform may write that the ISO fast path did not
/// expect (hostile data): 'infinity', years past 9999, BC.
@Suite struct HostileTimestampTests {
    @Test func infinitiesAreTheDistantEnds() {
        #expect(PGTimestamp.parse("infinity") == .distantFuture)
        #expect(PGTimestamp.parse("-infinity") == .distantPast)
    }

    @Test func yearsPastNineThousandNineHundredNinetyNine() throws {
        let d = try #require(PGTimestamp.parse("12000-01-01 00:00:00+00"))
        let e = try #require(PGTimestamp.parse("9999-12-31 00:00:00+00"))
        #expect(d > e)
        #expect(abs(d.timeIntervalSince(e) - (2000 * 365.2425 * 86_400 + 86_400)) < 2 * 86_400)
        #expect(PGTimestamp.parse("294276-12-31 23:59:59.999999+00") != nil)
        #expect(PGTimestamp.parse("2025-11-25 12:00:00+05:30")?.timeIntervalSince1970 == 1_764_052_200)
    }

    @Test func bcIsBeforeChrist() throws {
        let bc = try #require(PGTimestamp.parse("0044-03-15 12:00:00+00 BC"))
        let ad = try #require(PGTimestamp.parse("0044-03-15 12:00:00+00"))
        #expect(bc < ad)
    }
}
