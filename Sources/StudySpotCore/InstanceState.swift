import Foundation

/// What the console believes about one API instance (CONTRACT §5).
/// `unknown` is the state before the first probe or heartbeat.
public enum InstanceState: String, Sendable, Hashable, Codable, CaseIterable {
    case up, degraded, waking, sleeping, down, drained, unknown

    /// Whether the load balancer may send it traffic: a sleeper serves (it
    /// wakes on the request); only `down` and `drained` do not.
    public var serving: Bool { self != .down && self != .drained }

    /// The mark drawn before the name.
    public var symbol: String {
        switch self {
        case .up: "●"
        case .degraded, .waking: "◐"
        case .sleeping: "○"
        case .down: "✕"
        case .drained: "◌"
        case .unknown: "?"
        }
    }
}

/// One thing the console learnt about an instance: a probe's answer or what
/// the heartbeat key says.
public enum InstanceInput: Sendable, Hashable {
    /// `GET /health` answered 200 with `status` ("ok" or "degraded") after `latency` seconds.
    case probeOK(status: String, latency: Double)
    /// The probe failed (refused, TLS refused, not 2xx, bad body; a timeout of an always-on instance).
    case probeFailed
    /// A sleeper did not answer within its (long) timeout: a cold start that
    /// ran over, or a hung instance. Twice in a row is *down*.
    case probeTimedOut
    /// `heartbeat:{instance}` exists (`fresh`) with its `status`, or has lapsed.
    case heartbeat(fresh: Bool, status: String?)
}

/// The thresholds the state machine uses.
public struct InstancePolicy: Sendable, Hashable {
    /// Consecutive failed probes before an always-on instance is *down*.
    public var failuresForDown = 3
    /// A successful answer slower than this is slow: *waking* for a sleeper, *degraded* otherwise.
    public var slowSeconds = 1.0
    public init(failuresForDown: Int = 3, slowSeconds: Double = 1.0) {
        self.failuresForDown = failuresForDown; self.slowSeconds = slowSeconds
    }
}

/// The instance state machine: pure, so the table of cases is the test.
public enum InstanceStateMachine {
    /// The next state after `input`. `failures` is the count of consecutive
    /// failed probes including this input. Drained is applied on top by the
    /// caller (it is an operator's decision, not a health reading).
    public static func next(_ current: InstanceState, _ input: InstanceInput, sleeps: Bool, failures: Int,
                            policy: InstancePolicy = InstancePolicy()) -> InstanceState {
        switch input {
        case .probeOK(let status, let latency):
            let slow = latency >= policy.slowSeconds
            // A sleeper's slow answer after idling is a cold start, not a failure.
            if sleeps && slow && [.sleeping, .waking, .down, .unknown].contains(current) { return .waking }
            if status != "ok" || slow { return .degraded }
            return .up
        case .probeFailed:
            // A sleeper is probed rarely: one failed probe is enough; so is the
            // first probe of an instance never seen serving (nothing says it is
            // up, and a one-off snapshot must say down). An instance seen up is
            // down after `failuresForDown` in a row (one lost packet is no failover).
            if sleeps || current == .unknown || failures >= policy.failuresForDown { return .down }
            return current == .down ? .down : .degraded
        case .probeTimedOut:
            guard sleeps else { return next(current, .probeFailed, sleeps: sleeps, failures: failures, policy: policy) }
            return failures >= 2 ? .down : .unknown
        case .heartbeat(let fresh, let status):
            // Only sleepers are judged by their heartbeat (probing them would wake them);
            // always-on instances are judged by probes.
            guard sleeps else { return current }
            if fresh {
                switch status {
                case "ok": return .up
                case "degraded": return .degraded
                default: return .down  // running but reporting that it cannot serve ("failing")
                }
            }
            // A lapsed heartbeat is evidence of sleep only after the instance
            // was seen serving; with no evidence at all the state stays unknown.
            return [.up, .waking, .degraded].contains(current) ? .sleeping : current
        }
    }
}
