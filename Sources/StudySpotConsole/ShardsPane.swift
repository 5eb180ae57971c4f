import Foundation
import StudySpotCore
import TerminalUI

// The Shards pane (issue 6): its state, the monitor events it folds in, its key
// actions and its drawing. Everything for this pane lives in this file and
// files named Shards*.swift.

/// What the Shards pane knows.
public struct ShardsState: Sendable, Equatable {
    /// Set when the first full data has arrived (`snapshot` waits for it).
    public var loaded = false
    public init() {}
}

/// What the Shards pane's monitors report.
public enum ShardsEvent: Sendable {
    case placeholder
}

/// Folds one monitor event into the state.
func updateShards(_ state: State, _ event: ShardsEvent) -> (State, [Effect]) {
    (state, [])
}

/// Handles a key action while this pane is shown (after the global ones); nil
/// when the pane does not handle it.
func performShards(_ state: State, _ action: Action) -> (State, [Effect])? {
    nil
}

/// Draws the pane's body.
func renderShards(_ s: State, _ area: Rect, _ buffer: inout Buffer) {
    renderPlaceholder(s, area, &buffer)
}
