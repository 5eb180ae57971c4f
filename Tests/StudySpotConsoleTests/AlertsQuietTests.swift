import Foundation
import Testing
import StudySpotCore
@testable import StudySpotConsole
import TerminalUI

/// "No booking changes for 15 minutes during opening hours": the libraries'
/// hours in Asia/Kolkata, and only after the feed has watched 15 minutes.
@Suite struct AlertsQuietTests {
    static func state(now: Date, watchedMinutes: Double) -> State {
        var s = State(role: .operator, readOnly: false, size: Size(width: 120, height: 32), now: now, timeZone: TimeZone(identifier: "UTC")!)
        s.bookings.loaded = true
        s.bookings.liveSince = now.addingTimeInterval(-watchedMinutes * 60)
        s.bookings.perMinute = Array(repeating: 0, count: 60)
        return refreshAlerts(s)
    }
    // 2025-11-25 06:30 UTC = 12:00 IST; 21:30 UTC = 03:00 IST.
    static let noonIST = Date(timeIntervalSince1970: 1_764_052_200)
    static let nightIST = Date(timeIntervalSince1970: 1_764_106_200)

    @Test func quietDuringOpeningHoursAfterFifteenMinutesOfWatching() {
        #expect(Self.state(now: Self.noonIST, watchedMinutes: 20).alerts.alerts.contains { $0.id == "bookings.quiet" })
    }

    @Test func notBeforeTheFeedHasWatchedFifteenMinutes() {
        #expect(!Self.state(now: Self.noonIST, watchedMinutes: 5).alerts.alerts.contains { $0.id == "bookings.quiet" })
    }

    @Test func notAtNightInIndiaWhateverTheViewersClock() {
        #expect(!Self.state(now: Self.nightIST, watchedMinutes: 60).alerts.alerts.contains { $0.id == "bookings.quiet" })
    }
}

@Suite struct AlertsFollowQuotasTests {
    @Test func aQuotaReportRaisesItsAlertsAtOnce() {
        let now = Date(timeIntervalSince1970: 1_764_052_200)
        var s = State(role: .operator, readOnly: false, size: Size(width: 120, height: 32), now: now)
        let entry = QuotaEntry(provider: "upstash", resource: "commands-month", category: .cache, limit: 500_000, unit: "commands",
                               period: .month, planLimit: 300_000, planText: "10,000/day", currentText: "500,000/month",
                               source: "test", checked: "n.d.", verdict: .changed)
        let gauge = QuotaGauge(entry: entry, used: 600_000, percent: 120, projectedPercent: 150, severity: .critical)
        s = update(s, .data(.quotas(.report(QuotaReport(gauges: [gauge]))))).0
        #expect(s.alerts.alerts.contains { $0.source.contains("upstash") && $0.severity == .critical })
    }
}
