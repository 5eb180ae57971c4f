import Foundation
import Testing
import StudySpotCore
import StudySpotTestSupport
@testable import StudySpotCollectors

/// Brevo against `scripts/fake_providers/brevo.py`: the API gives the
/// credits left, the gauge wants the e-mails sent today.
@Suite(.serialized) struct BrevoCollectorTests {
    let fake: FakeProviders
    init() throws { fake = try FakeProviders() }

    @Test func emailsTodayAreTheDailyLimitLessTheCreditsLeft() throws {
        let readings = try fake.collect("brevo")
        let emails = try #require(readings.named("emails-day"))
        #expect(readings.count == 1)
        #expect(emails.used == 50 && emails.limit == 300 && emails.unit == "emails")
    }

    @Test func onlyTheSendLimitPlanCounts() throws {
        try fake.setState("brevo", ["plan": [["type": "sms", "creditsType": "sendLimit_sms", "credits": 20] as [String: Any],
                                             ["type": "free", "creditsType": "sendLimit", "credits": 0]]])
        #expect(try fake.collect("brevo").named("emails-day")?.used == 300)
        try fake.setState("brevo", ["plan": [["type": "payAsYouGo", "creditsType": "credits", "credits": 4_000] as [String: Any]]])
        #expect(try fake.collect("brevo").isEmpty)
    }

    @Test func creditsBeyondTheDailyLimitOrMissingAreNoReading() throws {
        #expect(BrevoCollector.emailsUsed(creditsLeft: 301, dailyLimit: 300) == nil)
        #expect(BrevoCollector.emailsUsed(creditsLeft: -1, dailyLimit: 300) == nil)
        #expect(BrevoCollector.emailsUsed(creditsLeft: 299.5, dailyLimit: 300) == 0.5)
        try fake.setState("brevo", ["plan": [["type": "free", "creditsType": "sendLimit"]]])
        #expect(try fake.collect("brevo").isEmpty)
        try fake.setState("brevo", ["plan": NSNull()])
        #expect(try fake.collect("brevo").isEmpty)
    }

    @Test func theKeyTravelsInTheApiKeyHeader() throws {
        do { _ = try fake.collect("brevo", token: "xkeysib-wrong"); Issue.record("a wrong key was accepted") }
        catch { #expect(error.kind == .refused && error.httpStatus == 401 && !error.message.contains("xkeysib-wrong")) }
    }
}
