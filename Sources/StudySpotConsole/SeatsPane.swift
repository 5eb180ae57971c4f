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
    public init() {}
}

/// What the Seats pane's monitors report.
public enum SeatsEvent: Sendable {
    case libraries([SeatLibrary])
    case map(SeatMapSnapshot)
    case failed(libraryId: Int64, message: String)
}

// The fold: SeatsPane+Fold.swift; keys: SeatsPane+Keys.swift; drawing: SeatsPane+Draw.swift.
extension SeatsState: PaneModel {
    static let pane = Pane.seats
    static let minimumSize = Size(width: 50, height: 12)
    static let summary = "one library's seats by zone, row and column, live: free, reserved, checked in, maintenance and retired, with the next booking of the selected seat."
}
