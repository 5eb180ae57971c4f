import Foundation
import StudySpotCore
import TerminalUI

// The Seats pane: its state, the monitor events it folds in, its key actions
// and its drawing. Everything for this pane lives in this file and files
// named Seats*.swift.

/// What the Seats pane knows.
public struct SeatsState: Sendable, Equatable {
    /// Set when the first full data has arrived (`snapshot` waits for it).
    public var loaded = false
    /// Libraries this role may see (the catalog's row-level security decides), for the picker.
    public var libraries: [SeatLibrary] = []
    /// The shown library's layout and bookings around now, kept live by the feed.
    public var map: SeatMapSnapshot?
    /// The library asked for and not yet loaded.
    public var requested: Int64?
    /// Index into `map.seats` of the selected seat.
    public var selectedSeat = 0
    /// The library picker is open; `pickerSelection` indexes the filtered list.
    public var picking = false
    public var pickerSelection = 0
    /// Why the last load failed.
    public var error: String?
    /// The shown library's inconsistencies (SeatsPane+Problems).
    public var problems = SeatProblems()
    /// Every visible library's map (the owner's grid), kept live by the feed
    /// like `map`; empty for operators and admins, whose Seats pane shows one library.
    public var grid: [SeatMapSnapshot] = []
    public var gridSelection = 0
    /// Why the grid could not be read.
    public var gridError: String?
    /// A library was opened from the grid or the picker (Esc goes back to the grid).
    public var mapChosen = false
    public init() {}

    /// The grid is the owner's first view when there is more than one library to choose from.
    public var showsGrid: Bool { grid.count > 1 && !mapChosen }
}

/// What the Seats pane's monitors report.
public enum SeatsEvent: Sendable {
    case libraries([SeatLibrary])
    case map(SeatMapSnapshot)
    case failed(libraryId: Int64, message: String)
    /// Every visible library's map at once (the owner view's grid).
    case grid([SeatMapSnapshot])
    case gridFailed(String)
}

// The fold: SeatsPane+Fold.swift; keys: SeatsPane+Keys.swift; drawing: SeatsPane+Draw.swift.
extension SeatsState: PaneModel {
    static let pane = Pane.seats
    static let minimumSize = Size(width: 50, height: 12)
    static let summary = "an owner's libraries with seats taken now and today's bookings; one library's seats by zone, row and column, live: free, reserved, checked in, maintenance and retired, with the next booking of the selected seat."
}
