import Foundation
import StudySpotConfig
import StudySpotConsole

// Monitors for issue 5: booking feed and seat maps.
extension Monitors {
    func startOwnerMonitors(config: ConsoleConfig, options: DashboardOptions,
                           post: @escaping @Sendable (MonitorEvent) -> Void) {
    }
}
