import Foundation
import StudySpotCore
import TerminalUI

// The Seats pane (issue 5): its state, the monitor events it folds in, its key
// actions and its drawing. Everything for this pane lives in this file and
// files named Seats*.swift.

/// What the Seats pane knows.
public struct SeatsState: Sendable, Equatable {
    /// Set when the first full data has arrived (`snapshot` waits for it).
    public var loaded = false
    public init() {}
}

/// What the Seats pane's monitors report.
public enum SeatsEvent: Sendable {
    case placeholder
}

/// Folds one monitor event into the state.
func updateSeats(_ state: State, _ event: SeatsEvent) -> (State, [Effect]) {
    (state, [])
}

/// Handles a key action while this pane is shown (after the global ones); nil
/// when the pane does not handle it.
func performSeats(_ state: State, _ action: Action) -> (State, [Effect])? {
    nil
}

/// Draws the pane's body.
func renderSeats(_ s: State, _ area: Rect, _ buffer: inout Buffer) {
    renderPlaceholder(s, area, &buffer)
}
