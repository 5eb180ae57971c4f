import Foundation
import StudySpotConfig
import StudySpotConsole

// Monitors for issue 6: instances, shards, caches, alerts, operator actions.
extension Monitors {
    func startOperatorMonitors(config: ConsoleConfig, options: DashboardOptions,
                           post: @escaping @Sendable (MonitorEvent) -> Void) {
    }
}
