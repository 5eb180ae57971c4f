import Foundation
@testable import StudySpotWire
import Testing

@Suite struct PGTimestampTests {
    @Test(arguments: [
        ("1970-01-01 00:00:00+00", 0.0),
        ("2025-11-25 19:52:46.5+00", 1_764_100_366.5),
        ("2024-02-29 23:59:59+05:30", 1_709_231_399.0),
        ("2000-03-01 00:00:00-01", 951_872_400.0),
    ])
    func parsesServerText(text: String, epoch: Double) {
        #expect(PGTimestamp.parse(text)?.timeIntervalSince1970 == epoch)
    }

    @Test(arguments: ["", "garbage", "2026-1x-25 00:00:00+00", "2026"])
    func rejectsGarbage(text: String) {
        #expect(PGTimestamp.parse(text) == nil)
    }

    @Test func formatRoundTrips() {
        let d = Date(timeIntervalSince1970: 1_764_100_366.25)
        #expect(PGTimestamp.format(d) == "2025-11-25T19:52:46.250000Z")
    }
}
