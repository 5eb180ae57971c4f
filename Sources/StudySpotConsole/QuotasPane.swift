import Foundation
import StudySpotCore
import TerminalUI

// The Quotas pane (issue 7): its state, the monitor events it folds in, its key
// actions and its drawing. Everything for this pane lives in this file and
// files named Quotas*.swift.

/// What the Quotas pane knows.
public struct QuotasState: Sendable, Equatable {
    /// Set when the first full data has arrived (`snapshot` waits for it).
    public var loaded = false
    /// Every catalog resource with its computed figures: read by Overview, the alert rules and snapshot.
    public var gauges: [QuotaGauge] = []
    /// The console's own operations per target and share of budget: for snapshot's `console_cost`.
    public var cost: [CostLine] = []
    public init() {}
}

/// What the Quotas pane's monitors report.
public enum QuotasEvent: Sendable {
    case placeholder
}

/// Folds one monitor event into the state.
func updateQuotas(_ state: State, _ event: QuotasEvent) -> (State, [Effect]) {
    (state, [])
}

/// Handles a key action while this pane is shown (after the global ones); nil
/// when the pane does not handle it.
func performQuotas(_ state: State, _ action: Action) -> (State, [Effect])? {
    nil
}

/// Draws the pane's body.
func renderQuotas(_ s: State, _ area: Rect, _ buffer: inout Buffer) {
    renderPlaceholder(s, area, &buffer)
}
