import Foundation
import TerminalUI
import StudySpotCore

/// A dialog, help or prompt drawn over the pane.
public enum Overlay: Sendable, Equatable {
    case help(offset: Int)
    case search(text: String)
    case confirm(action: ConsoleAction, dialog: ConfirmDialog)
}

/// A one-line note in the status bar.
public struct StatusMessage: Sendable, Equatable {
    public var text: String
    public var role: Role
    public init(_ text: String, role: Role) { self.text = text; self.role = role }
}

/// The whole console as one value: `view` draws only from this.
public struct State: Sendable, Equatable {
    public var role: ConsoleRole
    public var readOnly: Bool
    public var pane: Pane
    public var size: Size
    public var theme: Theme
    /// Theme names in cycling order (from the catalog).
    public var themeNames: [String]
    public var keyMap: KeyMap<ConsoleAction>
    public var paused = false
    public var refreshSeconds = 2
    /// The status bar's clock with seconds (`[console] clock_seconds`); by
    /// default minutes, so an idle screen is redrawn once a minute.
    public var clockSeconds = false
    public var now: Date {
        didSet { renewZoneOffsets() }
    }
    public var timeZone: TimeZone {
        didSet { renewZoneOffsets() }
    }
    /// `timeZone`'s offsets around `now`, for drawing times without asking the zone.
    public private(set) var zoneOffsets: ZoneOffsets
    public var overlay: Overlay?
    public var searchQuery = ""
    public var message: StatusMessage?
    /// Selected row of the current pane's list (panes fill in their rows later).
    public var selection = 0
    /// Each sortable pane's chosen order (TableSort.swift); none: the pane's own.
    public var sorts: [Pane: TableSort] = [:]
    public var monitorStatus: [String: String] = [:]
    /// Each pane's data, folded in from its monitors (see the *Pane.swift files).
    public var overview = OverviewState()
    public var bookings = BookingsState()
    public var seats = SeatsState()
    public var quotas = QuotasState()
    public var instances = InstancesState()
    public var shards = ShardsState()
    public var caches = CachesState()
    public var alerts = AlertsState()
    public var events = EventsState()

    public static let refreshSteps = [1, 2, 5, 10, 30, 60]

    public init(role: ConsoleRole, readOnly: Bool, size: Size, theme: Theme = .dark, themeNames: [String] = ["dark"],
                keyMap: KeyMap<ConsoleAction> = ConsoleKeyMap.standard, now: Date = Date(), timeZone: TimeZone = DisplayZone.current.zone) {
        self.role = role; self.readOnly = readOnly; self.size = size
        self.theme = theme; self.themeNames = themeNames; self.keyMap = keyMap
        self.now = now; self.timeZone = timeZone
        zoneOffsets = ZoneOffsets(timeZone, around: now)
        pane = Pane.allCases.first { $0.isVisible(to: role) }!
    }

    private mutating func renewZoneOffsets() {
        if !zoneOffsets.isCentred(on: now, timeZone) { zoneOffsets = ZoneOffsets(timeZone, around: now) }
    }

    /// Panes this role may see, in tab order.
    public var visiblePanes: [Pane] { Pane.allCases.filter { $0.isVisible(to: role) } }

    public var gateContext: GateContext { GateContext(role: role.rawValue, readOnly: readOnly, pane: pane.rawValue) }

    /// The smallest terminal the current screen can be drawn in.
    public var minimumSize: Size {
        let body = pane.minimumSize
        return Size(width: body.width, height: body.height + 2)
    }
}

