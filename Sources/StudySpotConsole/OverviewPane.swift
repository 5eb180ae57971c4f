import Foundation
import StudySpotCore
import TerminalUI

// The Overview pane (issue 6): its state, the monitor events it folds in, its key
// actions and its drawing. Everything for this pane lives in this file and
// files named Overview*.swift.

/// What the Overview pane knows.
public struct OverviewState: Sendable, Equatable {
    /// Set when the first full data has arrived (`snapshot` waits for it).
    public var loaded = false
    public init() {}
}

/// What the Overview pane's monitors report.
public enum OverviewEvent: Sendable {
    case placeholder
}

/// Folds one monitor event into the state.
func updateOverview(_ state: State, _ event: OverviewEvent) -> (State, [Effect]) {
    (state, [])
}

/// Handles a key action while this pane is shown (after the global ones); nil
/// when the pane does not handle it.
func performOverview(_ state: State, _ action: Action) -> (State, [Effect])? {
    nil
}

/// Draws the pane's body.
func renderOverview(_ s: State, _ area: Rect, _ buffer: inout Buffer) {
    renderPlaceholder(s, area, &buffer)
}
