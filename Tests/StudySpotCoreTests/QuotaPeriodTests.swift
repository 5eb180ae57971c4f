import Foundation
import Testing
@testable import StudySpotCore

/// "2024-02-29T23:59:59Z" → Date.
func utc(_ s: String) -> Date {
    let f = ISO8601DateFormatter()
    f.formatOptions = [.withInternetDateTime]
    return f.date(from: s)!
}

@Suite struct QuotaPeriodTests {
    struct Row: Sendable, CustomTestStringConvertible {
        var period: QuotaPeriod
        var now: String
        var start: String?
        var reset: String?
        var testDescription: String { "\(period.rawValue) at \(now)" }
    }

    static let rows: [Row] = [
        Row(period: .day, now: "2026-11-25T23:59:59Z", start: "2026-11-25T00:00:00Z", reset: "2026-11-26T00:00:00Z"),
        Row(period: .day, now: "2026-11-26T00:00:00Z", start: "2026-11-26T00:00:00Z", reset: "2026-11-27T00:00:00Z"),
        // Month boundaries are UTC, whatever the machine's zone.
        Row(period: .month, now: "2026-11-30T23:59:59Z", start: "2026-11-01T00:00:00Z", reset: "2026-12-01T00:00:00Z"),
        Row(period: .month, now: "2026-12-31T12:00:00Z", start: "2026-12-01T00:00:00Z", reset: "2027-01-01T00:00:00Z"),
        // February in a leap year has 29 days; in a common year 28.
        Row(period: .month, now: "2024-02-29T23:59:59Z", start: "2024-02-01T00:00:00Z", reset: "2024-03-01T00:00:00Z"),
        Row(period: .month, now: "2025-02-28T10:00:00Z", start: "2025-02-01T00:00:00Z", reset: "2025-03-01T00:00:00Z"),
        Row(period: .rolling24h, now: "2026-03-01T06:00:00Z", start: "2026-02-28T06:00:00Z", reset: nil),
        Row(period: .rolling30d, now: "2024-03-15T00:00:00Z", start: "2024-02-14T00:00:00Z", reset: nil),
        Row(period: .total, now: "2026-11-25T12:00:00Z", start: nil, reset: nil),
    ]

    @Test(arguments: rows)
    func windows(_ r: Row) {
        let w = r.period.window(at: utc(r.now))
        #expect(w.start == r.start.map(utc))
        #expect(w.resetsAt == r.reset.map(utc))
    }

    @Test func leapFebruaryIs29Days() {
        #expect(QuotaPeriod.month.window(at: utc("2024-02-10T00:00:00Z")).length == 29 * 86_400.0)
        #expect(QuotaPeriod.month.window(at: utc("2025-02-10T00:00:00Z")).length == 28 * 86_400.0)
    }
}
