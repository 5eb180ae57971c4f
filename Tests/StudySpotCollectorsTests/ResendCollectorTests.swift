import Foundation
import Testing
import StudySpotCore
import StudySpotTestSupport
@testable import StudySpotCollectors

/// Resend's quota headers against `scripts/fake_providers/resend.py`.
@Suite(.serialized) struct ResendCollectorTests {
    let fake: FakeProviders
    init() throws { fake = try FakeProviders() }

    @Test func readsTheDailyAndMonthlyQuotaHeaders() throws {
        let now = Date()
        let readings = try fake.poll("resend", now: now)
        #expect(readings.count == 2)
        let day = try #require(readings[resource: "emails-day"]), month = try #require(readings[resource: "emails-month"])
        #expect(day.used == 12 && day.unit == "emails" && day.periodStart == nil)  // rolling 24 hours
        #expect(month.used == 480 && month.unit == "emails" && month.periodStart == ProviderDates.monthStart(now))
        #expect(try fake.calls("resend") == 1)
    }

    @Test func anAbsentOrNonNumericHeaderIsNoFigure() throws {
        try fake.setState("resend", ["daily": NSNull(), "monthly": "lots"])
        #expect(try fake.poll("resend").isEmpty)
        try fake.setState("resend", ["daily": "0", "monthly": NSNull()])
        #expect(try fake.poll("resend").map(\.resource) == ["emails-day"])
        #expect(ResendCollector.count(" 7 ") == 7 && ResendCollector.count("-1") == nil && ResendCollector.count(nil) == nil)
    }
}
