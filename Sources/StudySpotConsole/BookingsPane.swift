import Foundation
import StudySpotCore
import TerminalUI

// The Bookings pane (issue 5): its state, the monitor events it folds in, its key
// actions and its drawing. Everything for this pane lives in this file and
// files named Bookings*.swift.

/// What the Bookings pane knows.
public struct BookingsState: Sendable, Equatable {
    /// Set when the first full data has arrived (`snapshot` waits for it).
    public var loaded = false
    /// Today's changes per status (reserved, checked_in, completed, cancelled, no_show): read by Overview and snapshot.
    public var today: [String: Int] = [:]
    /// Changes per minute over the last hour, oldest first: read by Overview.
    public var perMinute: [Double] = []
    /// The newest changes for `snapshot --format json` ("recent").
    public var recent: [BookingSummary] = []
    public init() {}
}

/// What the Bookings pane's monitors report.
public enum BookingsEvent: Sendable {
    case placeholder
}

/// Folds one monitor event into the state.
func updateBookings(_ state: State, _ event: BookingsEvent) -> (State, [Effect]) {
    (state, [])
}

/// Handles a key action while this pane is shown (after the global ones); nil
/// when the pane does not handle it.
func performBookings(_ state: State, _ action: Action) -> (State, [Effect])? {
    nil
}

/// Draws the pane's body.
func renderBookings(_ s: State, _ area: Rect, _ buffer: inout Buffer) {
    renderPlaceholder(s, area, &buffer)
}
