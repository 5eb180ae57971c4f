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

/// Offsets of every shape, parsed byte by byte (no String split any more).
@Suite struct PGTimestampOffsetTests {
    @Test(arguments: [
        // LMT offsets carry seconds: 1900 in Asia/Kolkata was +05:53:28.
        ("1900-01-01 05:53:28+05:53:28", -2_208_988_800.0),
        ("2026-12-06 19:21:05.5-03:30", 1_796_597_465.5),
        // A part that is not a number counts 0, as `Int(part) ?? 0` did.
        ("2026-12-06 19:21:05+xx:30", 1_796_583_065.0),
    ])
    func offsets(text: String, epoch: Double) {
        #expect(PGTimestamp.parse(text)?.timeIntervalSince1970 == epoch)
        var t = text
        #expect(t.withUTF8 { PGTimestamp.parse(bytes: $0) }?.timeIntervalSince1970 == epoch)
    }
}
