import Foundation
import Testing
import StudySpotCore
import StudySpotTestSupport
@testable import StudySpotCollectors

/// ImageKit against `scripts/fake_providers/imagekit.py`, which answers 400
/// unless both dates are sent.
@Suite(.serialized) struct ImageKitCollectorTests {
    let fake: FakeProviders
    init() throws { fake = try FakeProviders() }

    @Test func readsThisMonthsBandwidthAndTheStorageInGigabytes() throws {
        let now = try #require(ProviderDates.parse("2026-12-06T13:00:00Z"))
        let readings = try fake.collect("imagekit", now: now)
        #expect(readings.resources == ["bandwidth", "storage"])
        let bandwidth = try #require(readings.named("bandwidth"))
        #expect(bandwidth.used == 20 && bandwidth.unit == "GB" && bandwidth.periodStart == ProviderDates.parse("2026-12-01"))
        let storage = try #require(readings.named("storage"))
        #expect(storage.used == 1 && storage.unit == "GB" && storage.periodStart == nil)  // the cache's 0.5 GB is not billed
    }

    @Test func theWindowIsTheMonthToDateWithTheEndDateExcluded() throws {
        let first = try #require(ProviderDates.parse("2026-12-01T00:00:00Z"))
        #expect(ImageKitCollector.window(first) == ("2026-12-01", "2026-12-02"))
        let last = try #require(ProviderDates.parse("2026-12-31T23:59:59Z"))
        #expect(ImageKitCollector.window(last) == ("2026-12-01", "2027-01-01"))
    }

    @Test func missingOrWronglyTypedFiguresAreNoReading() throws {
        try fake.setState("imagekit", ["bandwidthBytes": NSNull()])
        #expect(try fake.collect("imagekit").resources == ["storage"])
        try fake.setState("imagekit", ["mediaLibraryStorageBytes": NSNull(), "bandwidthBytes": "n/a"])
        #expect(try fake.collect("imagekit").isEmpty)
    }
}
