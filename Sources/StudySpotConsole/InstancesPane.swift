import Foundation
import StudySpotCore
import TerminalUI

// The Instances pane: state, events and the fold. Drawing is in
// InstancesPane+View.swift, drain/weight in InstancesPane+Actions.swift.

/// What the Instances pane knows.
public struct InstancesState: Sendable, Equatable {
    /// Set when the first full data has arrived (`snapshot` waits for it).
    public var loaded = false
    /// Every configured instance, in config order.
    public var instances: [InstanceHealth] = []
    /// The state cache's last error (weights, drains and heartbeats are then stale).
    public var stateCacheError: String?
    /// The drain or weight change being confirmed.
    public var pending: PendingInstanceAction?
    public init() {}

    /// The balancer's shares now.
    public var shares: [String: Double] { LoadBalancer.shares(instances.members) }
    public var order: [String] { instances.map(\.name) }
}

/// A drain, undrain or weight change waiting for its confirmation.
public struct PendingInstanceAction: Sendable, Equatable {
    public enum Kind: String, Sendable, Equatable { case drain, undrain, weight }
    public var kind: Kind
    public var target: String
    /// The new weight, once typed.
    public var weight: Int?
}

/// What the Instances pane's monitors report.
public enum InstancesEvent: Sendable {
    /// Every instance's reading, after each state-cache read.
    case reading([InstanceHealth], stateCacheError: String?)
    /// An operator action finished (ok or the error text).
    case actionResult(ok: Bool, message: String)
}

extension InstancesState: PaneModel {
    static let pane = Pane.instances
    static let minimumSize = Size(width: 80, height: 12)
    static let summary = "the five API instances: state, latency percentiles, failed probes, weight, priority, requests today and the traffic share if one fails. Operators can drain and reweight."

    /// Folds one monitor event into the state.
    static func update(_ state: State, _ event: InstancesEvent) -> (State, [Effect]) {
        var s = state
        switch event {
        case .reading(let list, let error):
            s.instances.instances = list
            s.instances.stateCacheError = error
            // Loaded once every instance has a verdict (sleepers get theirs from the heartbeat
            // read); a failing streak short of the policy's count is not a verdict yet.
            let policy = InstancePolicy()
            if !list.contains(where: { $0.state == .unknown || (!$0.sleeps && $0.state == .degraded
                    && (1..<policy.failuresForDown).contains($0.consecutiveFailures)) }) {
                s.instances.loaded = true
            }
        case .actionResult(let ok, let message):
            s.message = StatusMessage(message, role: ok ? .ok : .critical)
        }
        return (refreshAlerts(s), [])
    }

    /// Drain and weight open their dialogs (InstancesPane+Actions.swift).
    static func perform(_ state: State, _ action: ConsoleAction) -> (State, [Effect])? {
        // Before the first reading there is nothing to act on: the generic dialog
        // runs, and confirming it changes nothing.
        guard action == .drain || action == .setWeight, !state.instances.instances.isEmpty else { return nil }
        return beginInstanceAction(state, action)
    }
}
