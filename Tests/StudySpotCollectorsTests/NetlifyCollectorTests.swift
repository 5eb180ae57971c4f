import Foundation
import Testing
import StudySpotCore
import StudySpotTestSupport
@testable import StudySpotCollectors

/// Netlify against `scripts/fake_providers/netlify.py`, and through it the
/// faults every collector shares (ProviderAPI): 401, 429 with Retry-After,
/// 500 retried, malformed and empty bodies, a server past the deadline.
@Suite(.serialized) struct NetlifyCollectorTests {
    let fake: FakeProviders
    init() throws { fake = try FakeProviders() }

    func api(token: String = FakeProviders.token(for: "netlify"), timeout: Double = 3) -> ProviderAPI {
        let a = ProviderAPI(documented: NetlifyCollector.baseURL, override: fake.url + "/ignored/path", auth: .bearer(token),
                            title: NetlifyCollector.title, timeout: timeout)
        a.backoff = 0.01
        return a
    }

    let collector = NetlifyCollector(config: CollectorConfig(provider: "netlify", account: "studyspot"))

    @Test func readsBandwidthInGigabytesWithTheLimitAndPeriod() throws {
        let readings = try collector.collect(api(), now: Date())
        let r = try #require(readings.first)
        #expect(readings.count == 1 && r.resource == "bandwidth" && r.unit == "GB")
        #expect(abs(r.used - 25.3016) < 0.001)
        #expect(r.limit == 100)
        #expect(r.periodStart == ProviderDates.parse("2026-11-17T08:00:00Z"))
    }

    @Test func aRefusedTokenIsNamedWithIts401AndNeverShown() throws {
        let secret = "wrong-secret-token-xyz"
        do { _ = try collector.collect(api(token: secret), now: Date()); Issue.record("a wrong token was accepted") }
        catch {
            #expect(error.kind == .refused && error.httpStatus == 401)
            #expect(error.message == "Netlify API /api/v1/accounts/studyspot/bandwidth: HTTP 401 token refused")
            #expect(!error.message.contains(secret))
        }
    }

    @Test func a429WithALongRetryAfterEndsThePollWithItsTime() throws {
        try fake.fault("netlify", "429", retryAfter: "600", times: 1)
        let before = Date()
        do { _ = try collector.collect(api(), now: Date()); Issue.record("a 429 read as a figure") }
        catch {
            #expect(error.kind == .rateLimited && error.httpStatus == 429)
            let at = try #require(error.retryAt)
            #expect(at >= before.addingTimeInterval(599) && at <= Date().addingTimeInterval(601))
        }
        #expect(try fake.calls("netlify") == 1)
    }

    @Test func aShortRetryAfterIsWaitedAndTheRequestRepeated() throws {
        try fake.fault("netlify", "429", retryAfter: "0", times: 1)
        #expect(try collector.collect(api(), now: Date()).count == 1)
        #expect(try fake.calls("netlify") == 2)
    }

    @Test func a500IsRetriedWithBackoffThenReported() throws {
        try fake.fault("netlify", "500", times: 1)
        #expect(try collector.collect(api(), now: Date()).count == 1)
        try fake.fault("netlify", "500")
        do { _ = try collector.collect(api(), now: Date()); Issue.record("a 500 read as a figure") }
        catch { #expect(error.kind == .http && error.httpStatus == 500 && error.message.contains("HTTP 500")) }
        #expect(try fake.calls("netlify") == 5)  // 2, then 1 + 2 retries
    }

    @Test func malformedAndEmptyBodiesAreNamedNotZero() throws {
        for (fault, words) in [("malformed", "not JSON"), ("empty", "empty body")] {
            try fake.fault("netlify", fault, times: 1)
            do { _ = try collector.collect(api(), now: Date()); Issue.record("\(fault) read as a figure") }
            catch { #expect(error.kind == .malformed && error.message.hasSuffix(words)) }
        }
    }

    @Test func aMissingFieldIsNoFigureRatherThanZero() throws {
        try fake.setState("netlify", ["used": NSNull()])
        defer { try? fake.setState("netlify", ["used": 27_167_800_363]) }
        #expect(try collector.collect(api(), now: Date()).isEmpty)
    }

    @Test func aServerPastTheDeadlineTimesOut() throws {
        try fake.fault("netlify", "slow", times: 3)
        let a = api(timeout: 0.5)
        a.retries = 0
        do { _ = try collector.collect(a, now: Date()); Issue.record("a hung server answered") }
        catch { #expect(error.kind == .transport && error.message.contains("timed out")) }
    }
}
