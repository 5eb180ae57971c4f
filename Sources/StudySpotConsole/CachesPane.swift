import Foundation
import StudySpotCore
import TerminalUI

// The Caches pane (issue 6): its state, the monitor events it folds in, its key
// actions and its drawing. Everything for this pane lives in this file and
// files named Caches*.swift.

/// What the Caches pane knows.
public struct CachesState: Sendable, Equatable {
    /// Set when the first full data has arrived (`snapshot` waits for it).
    public var loaded = false
    public init() {}
}

/// What the Caches pane's monitors report.
public enum CachesEvent: Sendable {
    case placeholder
}

/// Folds one monitor event into the state.
func updateCaches(_ state: State, _ event: CachesEvent) -> (State, [Effect]) {
    (state, [])
}

/// Handles a key action while this pane is shown (after the global ones); nil
/// when the pane does not handle it.
func performCaches(_ state: State, _ action: Action) -> (State, [Effect])? {
    nil
}

/// Draws the pane's body.
func renderCaches(_ s: State, _ area: Rect, _ buffer: inout Buffer) {
    renderPlaceholder(s, area, &buffer)
}
