import Foundation
import Testing
import StudySpotCore
import StudySpotTestSupport
@testable import StudySpotCollectors

/// Turso's platform API against `scripts/fake_providers/turso.py` (the docs' example).
@Suite(.serialized) struct TursoCollectorTests {
    let fake: FakeProviders
    init() throws { fake = try FakeProviders() }

    @Test func readsRowsReadAndStorageOfTheOrganization() throws {
        let readings = try fake.collect("turso")
        #expect(readings.resources == ["rows-read", "storage"])
        let rows = try #require(readings.named("rows-read"))
        #expect(rows.used == 1_000_000_000 && rows.unit == "rows" && rows.limit == nil)
        let storage = try #require(readings.named("storage"))
        #expect(storage.used == 9_000_000_000 / 1_073_741_824 && storage.unit == "GB")
    }

    @Test func aMissingFigureIsNoReadingNotZero() throws {
        try fake.setState("turso", ["rows_read": NSNull()])
        #expect(try fake.collect("turso").resources == ["storage"])
        try fake.setState("turso", ["storage_bytes": true])
        #expect(try fake.collect("turso").isEmpty)
    }

    @Test func theOrganizationIsInThePath() throws {
        var config = FakeCollectorConfigs.config("turso", fake: fake)
        config.ids["org"] = "elsewhere"
        do { _ = try TursoCollector(config: config).collect(FakeCollectorConfigs.api(TursoCollector.self, config), now: Date()) }
        catch { #expect(error.httpStatus == 404 && error.message.contains("/v1/organizations/elsewhere/usage")); return }
        Issue.record("another organization answered")
    }
}
