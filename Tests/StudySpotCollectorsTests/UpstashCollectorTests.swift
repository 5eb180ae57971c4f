import Foundation
import Testing
import StudySpotCore
import StudySpotTestSupport
@testable import StudySpotCollectors

/// Upstash against `scripts/fake_providers/upstash.py` (the docs' example).
@Suite(.serialized) struct UpstashCollectorTests {
    let fake: FakeProviders
    init() throws { fake = try FakeProviders() }

    @Test func readsMonthlyCommandsMemoryAndBandwidthInTheCatalogsUnits() throws {
        let readings = try fake.collect("upstash")
        #expect(readings.resources == ["commands-month", "memory", "bandwidth"])
        let commands = try #require(readings.named("commands-month"))
        #expect(commands.used == 90 && commands.unit == "commands" && commands.limit == nil)
        let memory = try #require(readings.named("memory"))
        #expect(memory.used == 2_000 / 1_048_576 && memory.unit == "MB")
        let bandwidth = try #require(readings.named("bandwidth"))
        #expect(bandwidth.used == 4_000 / 1_073_741_824 && bandwidth.unit == "GB")
    }

    @Test func sendsTheEmailAndKeyAsBasicAuth() throws {
        var config = FakeCollectorConfigs.config("upstash", fake: fake)
        config.user = "someone-else@studyspot.test"
        let api = FakeCollectorConfigs.api(UpstashCollector.self, config)
        do { _ = try UpstashCollector(config: config).collect(api, now: Date()); Issue.record("a wrong e-mail was accepted") }
        catch { #expect(error.kind == .refused && error.httpStatus == 401) }
    }

    @Test func aMissingOrWronglyTypedFieldIsNoReadingNotZero() throws {
        try fake.setState("upstash", ["total_monthly_requests": NSNull(), "current_storage": "lots"])
        let readings = try fake.collect("upstash")
        #expect(readings.resources == ["bandwidth"])
    }
}
