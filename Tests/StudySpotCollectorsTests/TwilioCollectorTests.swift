import Foundation
import Testing
import StudySpotCore
import StudySpotTestSupport
@testable import StudySpotCollectors

/// Twilio's usage records against `scripts/fake_providers/twilio.py`: the
/// all-time `totalprice` record is the trial credit spent.
@Suite(.serialized) struct TwilioCollectorTests {
    let fake: FakeProviders
    init() throws { fake = try FakeProviders() }

    func collector(pageSize: Int = 50) -> TwilioCollector {
        var c = TwilioCollector(config: FakeCollectorConfigs.config("twilio", fake: fake))
        c.pageSize = pageSize
        return c
    }

    @Test func allTimeTotalPriceIsTheTrialCreditSpent() throws {
        let readings = try fake.poll("twilio")
        let r = try #require(readings.first)
        #expect(readings.count == 1 && r.resource == "trial-credit" && r.unit == "USD")
        #expect(r.used == 3.71 && r.limit == nil && r.periodStart == nil)
        #expect(try fake.calls("twilio") == 1)
    }

    @Test func everyPageIsFollowedThroughNextPageUri() throws {
        try fake.setState("twilio", ["records": [totalprice("3.71"), totalprice("1.29"), ["category": "sms", "price": "9", "price_unit": "usd"]]])
        let readings = try collector(pageSize: 1).collect(fake.api("twilio"), now: Date())
        #expect(readings.first?.used == 5)
        #expect(try fake.calls("twilio") == 2)
    }

    @Test func theWalkStopsAtTheLastAllowedPage() throws {
        try fake.setState("twilio", ["records": Array(repeating: totalprice("1"), count: TwilioCollector.maxPages + 3)])
        let readings = try collector(pageSize: 1).collect(fake.api("twilio"), now: Date())
        #expect(readings.first?.used == Double(TwilioCollector.maxPages))
        #expect(try fake.calls("twilio") == TwilioCollector.maxPages)
    }

    @Test func aPriceMissingNegativeOrNotInDollarsIsNoFigure() throws {
        let records: [[String: Any]] = [["category": "totalprice", "price_unit": "usd"], totalprice("-2"), totalprice("4", unit: "eur")]
        for record in records {
            try fake.setState("twilio", ["records": [record]])
            #expect(try fake.poll("twilio").isEmpty, "\(record)")
        }
    }

    func totalprice(_ price: String, unit: String = "usd") -> [String: Any] {
        ["category": "totalprice", "price": price, "price_unit": unit, "usage": price, "usage_unit": unit]
    }
}
