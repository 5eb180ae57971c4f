import TerminalUI

/// Everything a user can ask the console to do. `update` and the panes switch
/// over this type, so the compiler checks that every action is handled; the
/// strings users see and write in a `[keys]` table are `name`, and appear
/// nowhere else in the console's logic.
public enum ConsoleAction: ActionID, CaseIterable {
    case showPane(Pane)
    case nextPane, previousPane
    case help, search, close, quit, pause
    case refreshFaster, refreshSlower
    case cycleTheme
    case moveUp, moveDown, pageUp, pageDown, moveTop, moveBottom
    case open
    // Sortable tables (SortedTables.swift)
    case sortNext, sortPrevious, sortInvert
    // Bookings
    case bookingsStatus, bookingsShard, bookingsLibrary, bookingsClear
    // Seats
    case seatsPick, seatsLeft, seatsRight
    // Quotas
    case quotasCapacity
    // Instances (dangerous: they change the platform)
    case drain, setWeight
    // Alerts (dangerous: written to the state cache and the audit log)
    case acknowledgeAlert

    public static var allCases: [ConsoleAction] {
        Pane.allCases.map(ConsoleAction.showPane) + [
            .nextPane, .previousPane, .help, .search, .close, .quit, .pause, .refreshFaster, .refreshSlower,
            .cycleTheme, .moveUp, .moveDown, .pageUp, .pageDown, .moveTop, .moveBottom, .open, .sortNext, .sortPrevious, .sortInvert,
            .bookingsStatus, .bookingsShard, .bookingsLibrary, .bookingsClear, .seatsPick, .seatsLeft, .seatsRight,
            .quotasCapacity, .drain, .setWeight, .acknowledgeAlert,
        ]
    }

    /// The user-visible name: `[keys]` tables, help and messages. These are
    /// part of the config file format; changing one breaks users' configs.
    public var name: String {
        switch self {
        case .showPane(let p): "pane.\(p.rawValue)"
        case .nextPane: "pane.next"
        case .previousPane: "pane.previous"
        case .help: "help"
        case .search: "search"
        case .close: "close"
        case .quit: "quit"
        case .pause: "pause"
        case .refreshFaster: "refresh.faster"
        case .refreshSlower: "refresh.slower"
        case .cycleTheme: "theme.cycle"
        case .moveUp: "move.up"
        case .moveDown: "move.down"
        case .pageUp: "page.up"
        case .pageDown: "page.down"
        case .moveTop: "move.top"
        case .moveBottom: "move.bottom"
        case .open: "open"
        case .sortNext: "sort.next"
        case .sortPrevious: "sort.previous"
        case .sortInvert: "sort.invert"
        case .bookingsStatus: "bookings.status"
        case .bookingsShard: "bookings.shard"
        case .bookingsLibrary: "bookings.library"
        case .bookingsClear: "bookings.clear"
        case .seatsPick: "seats.pick"
        case .seatsLeft: "seats.left"
        case .seatsRight: "seats.right"
        case .quotasCapacity: "quotas.capacity"
        case .drain: "instances.drain"
        case .setWeight: "instances.weight"
        case .acknowledgeAlert: "alerts.ack"
        }
    }

    /// The verb a typed confirmation asks for ("drain", "weight", "ack").
    var verb: String { name.split(separator: ".").last.map(String.init) ?? name }

    /// A row move (the Bookings detail view swallows these).
    var isMove: Bool {
        switch self {
        case .moveUp, .moveDown, .moveTop, .moveBottom: true
        default: false
        }
    }
}

/// A confirmed change to the platform, for the monitors to carry out. Each
/// carries its target, so a command without one cannot be built.
public enum OperatorCommand: Sendable, Hashable {
    case drain(instance: String)
    case undrain(instance: String)
    case setWeight(instance: String, weight: Int)
    case acknowledge(alert: String)

    /// The declared action whose gate applies: undrain is the other half of drain.
    public var action: ConsoleAction {
        switch self {
        case .drain, .undrain: .drain
        case .setWeight: .setWeight
        case .acknowledge: .acknowledgeAlert
        }
    }

    /// The instance or alert it acts on.
    public var target: String {
        switch self {
        case .drain(let i), .undrain(let i), .setWeight(let i, _): i
        case .acknowledge(let a): a
        }
    }
}

/// The console's key map: actions identified by `ConsoleAction`.
public typealias ConsoleKeys = KeyMap<ConsoleAction>
