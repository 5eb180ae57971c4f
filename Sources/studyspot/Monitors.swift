import Foundation
import StudySpotConfig
import StudySpotConsole

/// Something running in the background that can be stopped (a monitor's thread).
protocol BackgroundMonitor: AnyObject, Sendable {
    func stop()
}

/// Starts every monitor the role may use and routes the UI's effects to them.
/// Each group lives in its own file (Monitors+Owner, Monitors+Operator,
/// Monitors+Admin) so they grow independently.
final class Monitors: @unchecked Sendable {
    private var running: [BackgroundMonitor] = []
    private var effectHandlers: [@Sendable (Effect) -> Void] = []

    /// `post` delivers a monitor event to the UI loop from any thread.
    static func start(config: ConsoleConfig, options: DashboardOptions,
                      post: @escaping @Sendable (MonitorEvent) -> Void) -> Monitors {
        let m = Monitors()
        m.startOwnerMonitors(config: config, options: options, post: post)
        if options.role != .owner {
            m.startOperatorMonitors(config: config, options: options, post: post)
            m.startAdminMonitors(config: config, options: options, post: post)
        }
        return m
    }

    func add(_ monitor: BackgroundMonitor) { running.append(monitor) }
    func onEffect(_ handler: @escaping @Sendable (Effect) -> Void) { effectHandlers.append(handler) }

    func handle(_ effect: Effect) { effectHandlers.forEach { $0(effect) } }

    func stopAll() { running.forEach { $0.stop() } }
}
