import Foundation
import Testing
import StudySpotCore
import StudySpotTestSupport
@testable import StudySpotCollectors

/// Cloudflare Pages Functions requests against `scripts/fake_providers/cloudflare_pages.py`.
@Suite(.serialized) struct CloudflarePagesCollectorTests {
    let fake: FakeProviders
    init() throws { fake = try FakeProviders() }

    @Test func sumsTodaysFunctionsRequestsFromMidnightUTC() throws {
        let now = Date()
        let readings = try fake.poll("cloudflare-pages", now: now)
        let r = try #require(readings[resource: "functions-requests"])
        #expect(readings.count == 1)
        #expect(r.used == 112_000 && r.unit == "requests" && r.limit == nil)
        #expect(r.periodStart == ProviderDates.dayStart(now))
    }

    @Test func anAccountTheTokenMayNotReadIsARefusalFromGraphQL() throws {
        do {
            _ = try fake.poll("cloudflare-pages") { $0.ids["account_id"] = "someone-elses-account" }
            Issue.record("another account's figures were read")
        } catch {
            #expect(error.kind == .refused)
            #expect(error.message.contains("GraphQL token refused: not authorized for that account"))
        }
    }

    @Test func anAbsentDatasetIsNoFigureAndAnEmptyOneIsZeroRequests() throws {
        try fake.setState("cloudflare-pages", ["groups": "absent"])
        #expect(try fake.poll("cloudflare-pages").isEmpty)
        try fake.setState("cloudflare-pages", ["groups": [["sum": ["errors": 3]]]])
        #expect(try fake.poll("cloudflare-pages").isEmpty)
        try fake.setState("cloudflare-pages", ["groups": [Any]()])
        #expect(try fake.poll("cloudflare-pages")[resource: "functions-requests"]?.used == 0)
    }

    @Test func anyOtherGraphQLErrorEndsThePollWithCloudflaresWords() throws {
        try fake.setState("cloudflare-pages", ["error": "query consumed excessive resources"])
        do { _ = try fake.poll("cloudflare-pages"); Issue.record("a GraphQL error read as a figure") }
        catch {
            #expect(error.kind == .http && error.httpStatus == nil)
            #expect(error.message.hasSuffix("GraphQL error: query consumed excessive resources"))
        }
        #expect(CloudflareGraphQL.refusal("does not have access to the path \"viewer\""))
        #expect(CloudflareGraphQL.refusal("Unauthorized") && !CloudflareGraphQL.refusal("unknown field requests"))
    }
}
