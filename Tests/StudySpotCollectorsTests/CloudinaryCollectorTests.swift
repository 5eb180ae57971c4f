import Foundation
import Testing
import StudySpotCore
import StudySpotTestSupport
@testable import StudySpotCollectors

/// Cloudinary against `scripts/fake_providers/cloudinary.py`.
@Suite(.serialized) struct CloudinaryCollectorTests {
    let fake: FakeProviders
    init() throws { fake = try FakeProviders() }

    @Test func readsCreditsWithTheirLimit() throws {
        let readings = try fake.collect("cloudinary")
        let credits = try #require(readings.named("credits"))
        #expect(readings.count == 1)
        #expect(credits.used == 14.02 && credits.limit == 25 && credits.unit == "credits")
    }

    @Test func theCloudNameIsInThePathAndTheKeyIsTheBasicUser() throws {
        var config = FakeCollectorConfigs.config("cloudinary", fake: fake)
        config.ids["cloud_name"] = "someone-else"
        let api = FakeCollectorConfigs.api(CloudinaryCollector.self, config)
        do { _ = try CloudinaryCollector(config: config).collect(api, now: Date()); Issue.record("another cloud answered") }
        catch { #expect(error.kind == .refused && error.message.contains("/v1_1/someone-else/usage")) }
        config = FakeCollectorConfigs.config("cloudinary", fake: fake)
        config.user = "another-key"
        do { _ = try CloudinaryCollector(config: config).collect(FakeCollectorConfigs.api(CloudinaryCollector.self, config), now: Date()); Issue.record("a wrong key was accepted") }
        catch { #expect(error.kind == .refused) }
    }

    @Test func missingCreditsAreNoReadingAndAMissingLimitIsNoLimit() throws {
        try fake.setState("cloudinary", ["credits": ["limit": 25]])
        #expect(try fake.collect("cloudinary").isEmpty)
        try fake.setState("cloudinary", ["credits": ["usage": 3.5]])
        let credits = try #require(try fake.collect("cloudinary").named("credits"))
        #expect(credits.used == 3.5 && credits.limit == nil)
        try fake.setState("cloudinary", ["credits": NSNull()])
        #expect(try fake.collect("cloudinary").isEmpty)
    }
}
