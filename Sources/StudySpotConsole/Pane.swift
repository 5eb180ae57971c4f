import TerminalUI

/// The eight panes of CONTRACT §6 and the Events pane, in tab order.
public enum Pane: String, Sendable, CaseIterable, Hashable {
    case overview, bookings, seats, quotas, instances, shards, caches, alerts, events

    /// The digit that selects it.
    public var number: Int { Pane.allCases.firstIndex(of: self)! + 1 }

    public var title: String { rawValue.prefix(1).uppercased() + rawValue.dropFirst() }

    /// Roles that may see the pane: owners see only their bookings and seats.
    public func isVisible(to role: ConsoleRole) -> Bool {
        role == .owner ? (self == .bookings || self == .seats) : true
    }

    /// The pane's model: the one switch from a pane to its code.
    var model: any PaneModel.Type {
        switch self {
        case .overview: OverviewState.self
        case .bookings: BookingsState.self
        case .seats: SeatsState.self
        case .quotas: QuotasState.self
        case .instances: InstancesState.self
        case .shards: ShardsState.self
        case .caches: CachesState.self
        case .alerts: AlertsState.self
        case .events: EventsState.self
        }
    }

    /// The smallest body (inside tab bar and status bar) the pane can draw in.
    public var minimumSize: Size { model.minimumSize }

    /// What the pane shows once its monitors have reported.
    public var summary: String { model.summary }
}

/// One pane: its state (the conforming struct, kept in `State`), the monitor
/// events it folds in, the key actions it takes and its drawing.
///
/// The shape is bubbletea's nested model (and k9s' views): each pane is an
/// update/view pair the shell routes to, instead of forwarding functions per
/// pane. Unlike a bubbletea child, the requirements take the whole `State`,
/// not only `Self`: the panes read one another (the Overview shows every
/// source, each reading re-evaluates the alert rules, every pane draws with
/// the theme, the selection and the search), and splitting that into a
/// per-pane context would copy most of `State` for no gain. They are static
/// for the same reason; the conforming struct is the pane's own data. As in
/// ratatui, drawing is a pure function of that state into a buffer.
protocol PaneModel: Sendable, Equatable {
    /// What the pane's monitors report.
    associatedtype Event: Sendable
    static var pane: Pane { get }
    /// The smallest body (inside tab bar and status bar) the pane can draw in.
    static var minimumSize: Size { get }
    /// What the pane shows once loaded (said while it loads).
    static var summary: String { get }
    /// Folds one monitor event into the state.
    static func update(_ state: State, _ event: Event) -> (State, [Effect])
    /// Handles a key action while the pane is shown, before its global
    /// meaning; nil when the pane leaves the action to the shell.
    static func perform(_ state: State, _ action: ConsoleAction) -> (State, [Effect])?
    /// Draws the pane's body.
    static func render(_ state: State, _ area: Rect, _ buffer: inout Buffer)
}

extension PaneModel {
    static func perform(_ state: State, _ action: ConsoleAction) -> (State, [Effect])? { nil }
}
