import Foundation
import StudySpotCore
import StudySpotTestSupport
@testable import StudySpotCollectors

extension FakeProviders {
    /// One poll of `provider`'s registered collector against this fake,
    /// configured as `FakeCollectorConfigs` says, then as `configure` changes it.
    func poll(_ provider: String, now: Date = Date(), token: String? = nil,
              configure: (inout CollectorConfig) -> Void = { _ in }) throws(CollectorError) -> [UsageReading] {
        var config = FakeCollectorConfigs.config(provider, fake: self, token: token)
        configure(&config)
        let type = CollectorRegistry.collector(for: provider)!
        return try type.init(config: config).collect(FakeCollectorConfigs.api(type, config), now: now)
    }

    /// The API `provider`'s collector polls this fake through.
    func api(_ provider: String) -> ProviderAPI {
        let type = CollectorRegistry.collector(for: provider)!
        return FakeCollectorConfigs.api(type, FakeCollectorConfigs.config(provider, fake: self))
    }
}

extension Array where Element == UsageReading {
    /// The reading of one catalog resource, if the poll gave one.
    subscript(resource resource: String) -> UsageReading? { first { $0.resource == resource } }
}
