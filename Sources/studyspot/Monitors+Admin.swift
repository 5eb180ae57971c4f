import Foundation
import StudySpotConfig
import StudySpotConsole

// Monitors for issue 7: quotas, capacity, e-mail router, the console's own cost.
extension Monitors {
    func startAdminMonitors(config: ConsoleConfig, options: DashboardOptions,
                           post: @escaping @Sendable (MonitorEvent) -> Void) {
    }
}
