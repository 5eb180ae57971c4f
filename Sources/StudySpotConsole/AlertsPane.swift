import Foundation
import StudySpotCore
import TerminalUI

// The Alerts pane. The rules live in StudySpotCore.AlertRules; they
// are re-evaluated after every instance, shard or cache reading.

/// What the Alerts pane knows.
public struct AlertsState: Sendable, Equatable {
    /// Set once instances, shards and caches have all reported (`snapshot` waits for it).
    public var loaded = false
    /// Active alerts, worst first.
    public var alerts: [Alert] = []
    /// Acknowledged alert ids, from the state cache's `alerts:ack` (shared by every console).
    public var acknowledged: Set<String> = []
    /// The alert being acknowledged.
    public var pendingAck: String?
    /// Set while a run of readings is folded (`foldEvents`).
    public var refresh = AlertsRefresh()
    public init() {}

    /// The worst unacknowledged severity.
    public var status: Severity { AlertRules.status(alerts) }
}

/// What the Alerts pane's monitors report.
public enum AlertsEvent: Sendable {
    case acknowledged(Set<String>)
}

extension AlertsState: PaneModel {
    static let pane = Pane.alerts
    static let minimumSize = Size(width: 50, height: 8)
    static let summary = "active and recent alerts with severity, source and how long they have lasted."

    /// Folds one monitor event into the state.
    static func update(_ state: State, _ event: AlertsEvent) -> (State, [Effect]) {
        var s = state
        switch event {
        case .acknowledged(let ids): s.alerts.acknowledged = ids
        }
        return (refreshAlerts(s), [])
    }

    /// Acknowledging opens its dialog.
    static func perform(_ state: State, _ action: ConsoleAction) -> (State, [Effect])? {
        guard action == .acknowledgeAlert else { return nil }
        var s = state
        let list = shownAlerts(s)
        guard !list.isEmpty else { s.message = StatusMessage("no alert to acknowledge", role: .muted); return (s, []) }
        let a = list[min(max(0, s.selection), list.count - 1)]
        s.alerts.pendingAck = a.id
        s.overlay = .confirm(action: action, dialog: ConfirmDialog(
            title: "Acknowledge alert", message: "\(a.message). Every console will show it as acknowledged; written to the audit log.",
            phrase: nil))
        return (s, [])
    }
}

/// Re-evaluates the alert rules from everything the state holds; inside a
/// run of readings (`foldEvents`) only notes that the run's end must.
func refreshAlerts(_ state: State) -> State {
    var s = state
    if s.alerts.refresh.deferred {
        s.alerts.refresh.owed = true
        return s
    }
    var inputs = AlertInputs(now: s.now)
    inputs.instances = s.instances.instances
    inputs.shards = s.shards.shards
    inputs.caches = s.caches.caches
    inputs.quotas = s.quotas.gauges
    inputs.collectors = s.quotas.collectors
    inputs.displayZone = s.timeZone
    inputs.emailQueueHistory = s.caches.emailQueueHistory
    // Quiet minutes count only once the feed has watched that long.
    if let since = s.bookings.liveSince, s.now.timeIntervalSince(since) >= Double(AlertRules.quietMinutes * 60) {
        inputs.bookingsPerMinute = s.bookings.perMinute
    }
    // Opening hours are the libraries' (Asia/Kolkata, as the platform runs them), not the viewer's.
    inputs.timeZone = BookingTodayTally.platformTimeZone
    inputs.openingHours = 6..<23
    s.alerts.alerts = AlertRules.merge(previous: s.alerts.alerts, current: AlertRules.evaluate(inputs) + dataProblemAlerts(s),
                                       acknowledged: s.alerts.acknowledged)
    s.alerts.loaded = s.instances.loaded && s.shards.loaded && s.caches.loaded
    s.overview.loaded = s.alerts.loaded
    return s
}

public extension ConsoleKeyMap {
    /// The Alerts pane's action: acknowledging writes the state cache and the audit log.
    static let alertsActions: [Action<ConsoleAction>] = [
        Action(.acknowledgeAlert, keys: ["a"], "acknowledge the selected alert", dangerous: true,
               panes: [Pane.alerts.rawValue], roles: actors),
    ]
}

/// Enter on the acknowledgement dialog (after the gate).
func confirmAcknowledge(_ state: State) -> (State, [Effect]) {
    var s = state
    s.overlay = nil
    guard let id = s.alerts.pendingAck else { return (s, []) }
    s.alerts.pendingAck = nil
    s.message = StatusMessage("acknowledging…", role: .accent)
    return (s, [.operatorCommand(.acknowledge(alert: id))])
}

/// "4m", "2h" since `d`.
func sinceText(_ s: State, _ d: Date) -> String { fmtAge(s.now.timeIntervalSince(d)) }

/// An alert's age on the Overview, where its start ("21:32") stands beside
/// it: "<1h", then hours and days. Ages to the minute rewrote every young
/// alert's row at each minute's turn (alerts raised together, as at a
/// console's start, turn together: 15 rows, ~140 bytes of an idle minute,
/// Benchmarks/README.md, "Idle bytes"); in steps of minutes they still did at
/// each step. The Alerts pane keeps the minute.
func overviewAlertAge(_ age: TimeInterval) -> String {
    guard age.isFinite else { return "-" }
    return age < OverviewAge.youngStep ? "<1h" : fmtAge(age)
}

enum OverviewAge {
    /// The step of an alert's age on the Overview under an hour: the hour itself.
    static let youngStep: TimeInterval = 3_600
}

extension AlertsState {
    /// The active alerts, worst first.
    static func render(_ s: State, _ area: Rect, _ buffer: inout Buffer) {
        let list = s.alerts.alerts
        let block = Block(title: "Alerts", rightTitle: s.alerts.loaded ? "\(list.count) active" : "waiting for every monitor")
        buffer.render(block, in: area, theme: s.theme)
        let inner = block.inner(area).inset(left: 1, right: 1)
        guard !list.isEmpty else {
            buffer.put(s.alerts.loaded ? "● no alerts" : "…", x: inner.x, y: inner.y, style: s.theme[s.alerts.loaded ? .ok : .muted], clip: inner)
            return
        }
        let cols: [TableColumn] = [
            TableColumn("", width: .fixed(2), id: "SEVERITY"), TableColumn("SINCE", width: .fixed(8)), TableColumn("FOR", width: .fixed(5), alignment: .right),
            TableColumn("SOURCE", width: .fixed(14)), TableColumn("MESSAGE", width: .fill(1)), TableColumn("", width: .fixed(5), id: "ACK"),
        ]
        let rows: [[TableCell]] = shownAlerts(s).map { a in
            let r: Role = a.acknowledged ? .muted : (a.severity == .critical ? .critical : .warning)
            return [TableCell(a.severity == .critical ? "✕" : "⚠", role: r), TableCell(clock(a.since, s)),
                    TableCell(sinceText(s, a.since)), TableCell(a.source), TableCell(a.message, role: a.acknowledged ? .muted : nil),
                    TableCell(a.acknowledged ? "ack" : "", role: .muted)]
        }
        let t = Rect(x: inner.x, y: inner.y, width: inner.width, height: max(0, inner.height - 1))
        buffer.render(sortedTable(s, .alerts, cols, rows), in: t, theme: s.theme)
        if inner.height > 1 {
            let k = s.keyMap.action(id: .acknowledgeAlert)?.keys.first?.description ?? "a"
            buffer.put("\(k) acknowledge (shared with every console)", x: inner.x, y: inner.bottom - 1, style: s.theme[.muted], clip: inner)
        }
    }
}
