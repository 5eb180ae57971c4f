import Foundation
import StudySpotCore
import TerminalUI

// The Instances pane (issue 6): its state, the monitor events it folds in, its key
// actions and its drawing. Everything for this pane lives in this file and
// files named Instances*.swift.

/// What the Instances pane knows.
public struct InstancesState: Sendable, Equatable {
    /// Set when the first full data has arrived (`snapshot` waits for it).
    public var loaded = false
    public init() {}
}

/// What the Instances pane's monitors report.
public enum InstancesEvent: Sendable {
    case placeholder
}

/// Folds one monitor event into the state.
func updateInstances(_ state: State, _ event: InstancesEvent) -> (State, [Effect]) {
    (state, [])
}

/// Handles a key action while this pane is shown (after the global ones); nil
/// when the pane does not handle it.
func performInstances(_ state: State, _ action: Action) -> (State, [Effect])? {
    nil
}

/// Draws the pane's body.
func renderInstances(_ s: State, _ area: Rect, _ buffer: inout Buffer) {
    renderPlaceholder(s, area, &buffer)
}
