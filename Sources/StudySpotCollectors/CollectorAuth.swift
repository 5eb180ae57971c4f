import Foundation
import StudySpotCore
import StudySpotWire

/// The `ProviderAPI` a collector polls through, from its `[[collector]]`.
public enum CollectorAuth {
    public static func api(for type: any UsageCollector.Type, config: CollectorConfig, timeout: Double = 10,
                           costTarget: CostTarget? = nil) -> ProviderAPI {
        ProviderAPI(documented: type.baseURL, override: config.apiURL, auth: type.auth(config), title: type.title,
                    timeout: timeout, caFile: config.caFile, costTarget: costTarget)
    }
}
