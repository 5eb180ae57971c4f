import Foundation
import Testing
import StudySpotCore
import StudySpotTestSupport
@testable import StudySpotCollectors

/// Sentry's stats_v2 against `scripts/fake_providers/sentry.py`.
@Suite(.serialized) struct SentryCollectorTests {
    let fake: FakeProviders
    init() throws { fake = try FakeProviders() }

    @Test func acceptedErrorsSinceTheFirstOfTheMonth() throws {
        let now = Date()
        let readings = try fake.poll("sentry", now: now)
        let r = try #require(readings.first)
        #expect(readings.count == 1 && r.resource == "errors" && r.unit == "errors" && r.limit == nil)
        #expect(r.used == 1_234)  // not the 90 rate-limited errors, not the transactions
        #expect(r.periodStart == ProviderDates.monthStart(now))
    }

    @Test func theSeriesStandsInForAMissingTotal() throws {
        try fake.setState("sentry", ["groups": [["by": ["category": "error", "outcome": "accepted"], "series": ["sum(quantity)": [1, 2, "3"] as [Any]]]]])
        #expect(try fake.poll("sentry").first?.used == 6)
    }

    @Test func absentGroupsAreNoFigureAndAnEmptyListIsNoErrors() throws {
        try fake.setState("sentry", ["groups": "absent"])
        #expect(try fake.poll("sentry").isEmpty)
        try fake.setState("sentry", ["groups": [Any]()])
        #expect(try fake.poll("sentry").first?.used == 0)
        try fake.setState("sentry", ["groups": [["by": ["category": "error", "outcome": "accepted"], "totals": [String: Any]()]]])
        #expect(try fake.poll("sentry").isEmpty)
    }

    @Test func otherCategoriesAndOutcomesAreNotCounted() throws {
        let groups = try JSONValue.parse(Array(#"""
            [{"by": {"category": "error", "outcome": "accepted"}, "totals": {"sum(quantity)": 10}},
             {"by": {"category": "error", "outcome": "filtered"}, "totals": {"sum(quantity)": 4}},
             {"by": {"category": "transaction", "outcome": "accepted"}, "totals": {"sum(quantity)": 99}},
             {"totals": {"sum(quantity)": 5}}]
            """#.utf8), what: "t")
        #expect(SentryCollector.acceptedErrors(groups) == 15)
    }
}
