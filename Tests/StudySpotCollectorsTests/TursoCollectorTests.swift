import Foundation
import Testing
import StudySpotCore
import StudySpotTestSupport
@testable import StudySpotCollectors

/// Turso's platform API against `scripts/fake_providers/turso.py`.
@Suite(.serialized) struct TursoCollectorTests {
    let fake: FakeProviders
    init() throws { fake = try FakeProviders() }

    @Test func readsRowsReadAndStorageWithTheSubscribedPlansQuotas() throws {
        let readings = try fake.collect("turso")
        #expect(readings.resources == ["rows-read", "storage"])
        let rows = try #require(readings.named("rows-read"))
        #expect(rows.used == 123_456_789 && rows.unit == "rows" && rows.limit == 1_000_000_000)
        let storage = try #require(readings.named("storage"))
        #expect(storage.used == 0.5 && storage.unit == "GB" && storage.limit == 9_000_000_000 / 1_073_741_824)
        #expect(try fake.calls("turso") == 3)
    }

    @Test func theLimitsAreThoseOfTheSubscribedPlan() throws {
        try fake.setState("turso", ["subscription": ["subscription": ["plan": "scaler"]]])
        #expect(try fake.collect("turso").named("rows-read")?.limit == 100_000_000_000)
        try fake.setState("turso", ["subscription": ["subscription": ["plan": "enterprise"]]])
        #expect(try fake.collect("turso").named("rows-read")?.limit == nil)
    }

    @Test func aFailedLimitLookupCostsTheLimitsNotTheFigures() throws {
        try fake.setState("turso", ["subscription": NSNull()])
        let readings = try fake.collect("turso")
        #expect(readings.named("rows-read")?.used == 123_456_789 && readings.named("rows-read")?.limit == nil)
        #expect(readings.named("storage")?.used == 0.5 && readings.named("storage")?.limit == nil)
    }

    @Test func aMissingFigureIsNoReadingNotZero() throws {
        try fake.setState("turso", ["rows_read": NSNull()])
        #expect(try fake.collect("turso").resources == ["storage"])
        try fake.setState("turso", ["storage_bytes": true])
        #expect(try fake.collect("turso").isEmpty)
        #expect(try fake.calls("turso") == 4)  // no limit lookup without a figure
    }

    @Test func theOrganizationIsInThePath() throws {
        var config = FakeCollectorConfigs.config("turso", fake: fake)
        config.ids["org"] = "elsewhere"
        do { _ = try TursoCollector(config: config).collect(FakeCollectorConfigs.api(TursoCollector.self, config), now: Date()) }
        catch { #expect(error.httpStatus == 404 && error.message.contains("/v1/organizations/elsewhere/usage")); return }
        Issue.record("another organization answered")
    }
}
