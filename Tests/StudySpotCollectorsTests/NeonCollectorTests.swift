import Foundation
import Testing
import StudySpotCore
import StudySpotTestSupport
@testable import StudySpotCollectors

/// Neon against `scripts/fake_providers/neon.py` (the consumption-limits
/// guide's project).
@Suite(.serialized) struct NeonCollectorTests {
    let fake: FakeProviders
    init() throws { fake = try FakeProviders() }

    @Test func readsStorageComputeHoursAndEgressFromTheProject() throws {
        let readings = try fake.collect("neon")
        #expect(readings.resources == ["storage", "compute-hours", "egress"])
        let start = ProviderDates.parse("2026-12-01T00:00:00Z")
        let storage = try #require(readings.named("storage"))
        #expect(storage.used == 0.25 && storage.unit == "GB" && storage.limit == nil && storage.periodStart == nil)
        let compute = try #require(readings.named("compute-hours"))
        #expect(compute.used == 19 && compute.unit == "hours" && compute.limit == 20 && compute.periodStart == start)
        let egress = try #require(readings.named("egress"))
        #expect(egress.used == 40_821_459 / 1_073_741_824 && egress.unit == "GB" && egress.limit == nil && egress.periodStart == start)
    }

    @Test func anEgressQuotaIsItsLimit() throws {
        try fake.setState("neon", ["settings": ["quota": ["data_transfer_bytes": 5_368_709_120]]])
        let readings = try fake.collect("neon")
        #expect(readings.named("egress")?.limit == 5)
        #expect(readings.named("compute-hours")?.limit == nil)
    }

    @Test func aMissingCounterIsNoReadingNotZero() throws {
        try fake.setState("neon", ["compute_time_seconds": NSNull(), "data_transfer_bytes": NSNull(), "consumption_period_start": NSNull()])
        let readings = try fake.collect("neon")
        #expect(readings.resources == ["storage"])
    }

    @Test func anotherProjectIsNotFound() throws {
        var config = FakeCollectorConfigs.config("neon", fake: fake)
        config.ids["project_id"] = "other-project"
        do { _ = try NeonCollector(config: config).collect(FakeCollectorConfigs.api(NeonCollector.self, config), now: Date()) }
        catch { #expect(error.kind == .http && error.httpStatus == 404 && error.message.contains("/api/v2/projects/other-project")); return }
        Issue.record("another project answered")
    }
}
