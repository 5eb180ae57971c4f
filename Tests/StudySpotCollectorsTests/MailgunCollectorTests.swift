import Foundation
import Testing
import StudySpotCore
import StudySpotTestSupport
@testable import StudySpotCollectors

/// Mailgun's domain stats against `scripts/fake_providers/mailgun.py`: one
/// entry per day of the month, 4 outgoing accepted a day and 7 today.
@Suite(.serialized) struct MailgunCollectorTests {
    let fake: FakeProviders
    init() throws { fake = try FakeProviders() }
    let now = ProviderDates.parse("2026-12-06T13:20:00Z")!

    @Test func todayAndTheMonthFromDailyAcceptedOutgoing() throws {
        let readings = try fake.poll("mailgun", now: now)
        let day = try #require(readings[resource: "emails-day"]), month = try #require(readings[resource: "emails-month"])
        #expect(readings.count == 2)
        #expect(day.used == 7 && day.periodStart == ProviderDates.parse("2026-12-06"))
        #expect(month.used == 27 && month.periodStart == ProviderDates.parse("2026-12-01"))  // 5 × 4 + 7
    }

    @Test func entriesWithoutFiguresOrBeforeTheMonthAreLeftOut() throws {
        try fake.setState("mailgun", ["stats": [
            ["time": "Mon, 30 Nov 2026 00:00:00 UTC", "accepted": ["outgoing": 50, "total": 50]],
            ["time": "Tue, 01 Dec 2026 00:00:00 UTC", "accepted": ["total": 9]],
            ["time": "Sun, 06 Dec 2026 00:00:00 UTC", "delivered": ["total": 3]],
        ]])
        let readings = try fake.poll("mailgun", now: now)
        #expect(readings[resource: "emails-month"]?.used == 9)
        #expect(readings[resource: "emails-day"] == nil)
        try fake.setState("mailgun", ["stats": [["time": "Sun, 06 Dec 2026 00:00:00 UTC"]]])
        #expect(try fake.poll("mailgun", now: now).isEmpty)
    }

    @Test func basicAuthUsesTheUserApiUnlessTheConfigNamesOne() {
        guard case .basic(let user, let password) = MailgunCollector.auth(CollectorConfig(provider: "mailgun", token: "key-1"))
        else { Issue.record("not Basic auth"); return }
        #expect(user == "api" && password == "key-1")
        guard case .basic(let other, _) = MailgunCollector.auth(CollectorConfig(provider: "mailgun", token: "k", user: "me"))
        else { Issue.record("not Basic auth"); return }
        #expect(other == "me")
    }

    @Test func mailgunsDatesAreRead() {
        #expect(ProviderDates.rfc2822("Tue, 01 Sep 2026 00:00:00 UTC") == ProviderDates.parse("2026-09-01T00:00:00Z"))
        #expect(ProviderDates.rfc2822("Tue, 01 Sep 2026 02:00:00 +0200") == ProviderDates.parse("2026-09-01T00:00:00Z"))
        #expect(ProviderDates.rfc2822("2026-09-01") == ProviderDates.parse("2026-09-01T00:00:00Z"))
        #expect(ProviderDates.rfc2822("someday") == nil && ProviderDates.rfc2822(nil) == nil)
    }
}
