import Foundation
import StudySpotConfig
import StudySpotConsole
import StudySpotMonitors
import StudySpotWire

/// Something running in the background that can be stopped (a monitor's thread).
protocol BackgroundMonitor: AnyObject, Sendable {
    func stop()
}

/// Starts every monitor the role may use and routes the UI's effects to them.
/// Each group lives in its own file (Monitors+Owner, Monitors+Operator,
/// Monitors+Admin) so they grow independently.
final class Monitors: @unchecked Sendable {
    /// Every query, command and probe of this dashboard's monitors counts here…
    let counter = OperationCounter()
    /// …and the cost meter stretches their polling here to keep within the budget.
    let policy = PollingPolicy()
    private var running: [BackgroundMonitor] = []
    private var effectHandlers: [@Sendable (Effect) -> Void] = []
    private var options = DashboardOptions()
    private var post: @Sendable (MonitorEvent) -> Void = { _ in }

    /// `post` delivers a monitor event to the UI loop from any thread.
    static func start(config: ConsoleConfig, options: DashboardOptions,
                      post: @escaping @Sendable (MonitorEvent) -> Void) -> Monitors {
        let m = Monitors()
        m.options = options
        m.post = post
        m.startOwnerMonitors(config: config, options: options, post: post)
        if options.role != .owner {
            m.startOperatorMonitors(config: config, options: options, post: post)
            m.startAdminMonitors(config: config, options: options, post: post)
        }
        return m
    }

    func add(_ monitor: BackgroundMonitor) { running.append(monitor) }
    func onEffect(_ handler: @escaping @Sendable (Effect) -> Void) { effectHandlers.append(handler) }

    /// Every effect passes the one gate first, whoever sent it.
    func handle(_ effect: Effect) {
        if case .refused(let why) = ConsoleKeyMap.gate(effect: effect, role: options.role, readOnly: options.readOnly) {
            post(.instances(.actionResult(ok: false, message: "refused: \(why)")))
            return
        }
        effectHandlers.forEach { $0(effect) }
    }

    func stopAll() { running.forEach { $0.stop() } }
}
