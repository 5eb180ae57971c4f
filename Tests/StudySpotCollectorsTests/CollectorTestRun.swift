import Foundation
import StudySpotCore
import StudySpotTestSupport
@testable import StudySpotCollectors

extension FakeProviders {
    /// One poll of `provider`'s registered collector against this fake,
    /// configured as `FakeCollectorConfigs` says (its token unless `token`).
    func collect(_ provider: String, token: String? = nil, now: Date = Date()) throws(CollectorError) -> [UsageReading] {
        let type = CollectorRegistry.collector(for: provider)!
        let config = FakeCollectorConfigs.config(provider, fake: self, token: token)
        return try type.init(config: config).collect(FakeCollectorConfigs.api(type, config), now: now)
    }
}

extension Array where Element == UsageReading {
    /// The reading of one catalog resource.
    func named(_ resource: String) -> UsageReading? { first { $0.resource == resource } }
    var resources: Set<String> { Set(map(\.resource)) }
}
