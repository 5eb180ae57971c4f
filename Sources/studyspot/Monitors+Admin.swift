import Foundation
import StudySpotConfig
import StudySpotConsole
import StudySpotMonitors

extension QuotaMonitor: BackgroundMonitor {}

// The admin monitors: quotas, capacity, e-mail router, the console's own cost.
extension Monitors {
    func startAdminMonitors(config: ConsoleConfig, options: DashboardOptions,
                           post: @escaping @Sendable (MonitorEvent) -> Void) {
        var o = QuotaMonitor.Options()
        o.budgetPercent = config.console.budgetPercent
        let monitor = QuotaMonitor(topology: config.topology, catalog: config.quotas, options: o,
                                   policy: policy, counter: counter) { report in
            post(.quotas(.report(report)))
        }
        monitor.start()
        add(monitor)
        onEffect { effect in
            if case .setPaused(let paused) = effect { monitor.setPaused(paused) }
        }
    }
}
