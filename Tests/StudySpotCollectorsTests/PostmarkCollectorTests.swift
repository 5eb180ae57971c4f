import Foundation
import Testing
import StudySpotCore
import StudySpotTestSupport
@testable import StudySpotCollectors

/// Postmark's outbound stats against `scripts/fake_providers/postmark.py`.
@Suite(.serialized) struct PostmarkCollectorTests {
    let fake: FakeProviders
    init() throws { fake = try FakeProviders() }

    @Test func sentSinceTheFirstIsTheMonthsEmails() throws {
        let now = Date()
        let readings = try fake.poll("postmark", now: now)
        let r = try #require(readings.first)
        #expect(readings.count == 1 && r.resource == "emails-month" && r.unit == "emails")
        #expect(r.used == 615 && r.limit == nil && r.periodStart == ProviderDates.monthStart(now))
    }

    @Test func theServerTokenTravelsInPostmarksHeader() throws {
        let auth = PostmarkCollector.auth(CollectorConfig(provider: "postmark", token: "t0k"))
        guard case .header(let name, let value) = auth else { Issue.record("not a header: \(auth)"); return }
        #expect(name == "X-Postmark-Server-Token" && value == "t0k")
    }

    @Test func aMissingOrWronglyTypedSentIsNoFigure() throws {
        try fake.setState("postmark", ["body": ["Bounced": 3]])
        #expect(try fake.poll("postmark").isEmpty)
        try fake.setState("postmark", ["body": ["Sent": ["count": 5]]])
        #expect(try fake.poll("postmark").isEmpty)
    }
}
