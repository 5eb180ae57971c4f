import Foundation
import Testing
import StudySpotCore
import StudySpotTestSupport
@testable import StudySpotCollectors

/// Vercel's FOCUS billing charges against `scripts/fake_providers/vercel.py`.
@Suite(.serialized) struct VercelCollectorTests {
    let fake: FakeProviders
    init() throws { fake = try FakeProviders() }

    @Test func sumsFastDataTransferOverTheLastThirtyDaysInGigabytes() throws {
        let now = Date()
        let readings = try fake.poll("vercel", now: now)
        let r = try #require(readings.first)
        #expect(readings.count == 1 && r.resource == "bandwidth" && r.unit == "GB" && r.limit == nil)
        #expect(r.used == 2.5)  // 1.25 GB + 512 MB + 0.75 GB; the Functions line is not bandwidth
        #expect(r.periodStart == ProviderDates.dayStart(now.addingTimeInterval(-30 * 86_400)))
    }

    @Test func noChargeLinesIsUnknownNeverZero() throws {
        try fake.setState("vercel", ["lines": [Any]()])
        #expect(try fake.poll("vercel").isEmpty)
        try fake.setState("vercel", ["lines": [["ServiceName": "Functions", "ConsumedQuantity": 10, "ConsumedUnit": "invocations"]]])
        #expect(try fake.poll("vercel").isEmpty)
    }

    @Test func aTeamTheTokenCannotSeeIsRefused() throws {
        do { _ = try fake.poll("vercel") { $0.ids["team_id"] = "team_other" }; Issue.record("another team was read") }
        catch { #expect(error.kind == .refused && error.httpStatus == 403) }
    }

    @Test func jsonlLinesAreReadWhole() throws {
        let two = Array("{\"a\": 1}\n\n{\"a\": 2}\n".utf8)
        #expect(try VercelCollector.lines(two, contentType: "text/plain", what: "t").count == 2)
        #expect(try VercelCollector.lines([], contentType: "application/jsonl; charset=utf-8", what: "t").isEmpty)
        #expect(throws: CollectorError.self) { try VercelCollector.lines([], contentType: "application/json", what: "t") }
        #expect(throws: CollectorError.self) { try VercelCollector.lines(Array("{\"a\": 1}\n{\"a\": 2".utf8), contentType: "application/jsonl", what: "t") }
    }

    @Test func bandwidthSkipsLinesWithoutAByteUnit() throws {
        let lines = try ["{\"ServiceName\":\"Fast Data Transfer\",\"ConsumedQuantity\":3,\"ConsumedUnit\":\"MIUs\"}",
                         "{\"ServiceName\":\"Fast Data Transfer\",\"ConsumedQuantity\":\"2048\",\"ConsumedUnit\":\"MB\"}",
                         "{\"ServiceName\":\"Fast Data Transfer\",\"ConsumedUnit\":\"GB\"}"]
            .map { try JSONValue.parse(Array($0.utf8), what: "t") }
        #expect(VercelCollector.bandwidthGB(lines) == 2)
        #expect(VercelCollector.bandwidthGB(Array(lines.prefix(1))) == nil)
    }
}
