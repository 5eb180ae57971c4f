import Foundation

/// Everything the Instances pane shows about one instance, as the instance
/// monitor reports it.
public struct InstanceHealth: Sendable, Hashable {
    public var name: String
    public var provider: String
    public var priority: Int
    public var sleeps: Bool
    public var configuredWeight: Int
    /// `lb:weights` override, else the configured weight.
    public var effectiveWeight: Int
    public var drained: Bool
    /// The health state (never `drained`; see `displayState`).
    public var state: InstanceState
    public var lastLatency: Double?
    public var latencies: LatencyWindow
    public var consecutiveFailures: Int
    public var lastError: String?
    /// When the current error streak began (for "(22m)").
    public var failingSince: Date?
    public var lastProbeAt: Date?
    public var probes: Int
    public var version: String?
    public var uptimeSeconds: Double?
    public var heartbeatAt: Date?
    /// `lb:requests:{instance}:{today}`.
    public var requestsToday: Int64

    public init(config: InstanceConfig) {
        name = config.name; provider = config.provider; priority = config.priority; sleeps = config.sleeps
        configuredWeight = config.weight; effectiveWeight = config.weight; drained = false
        state = .unknown; latencies = LatencyWindow(); consecutiveFailures = 0; probes = 0; requestsToday = 0
    }

    /// Seconds a heartbeat key lives (CONTRACT §4).
    public static let heartbeatTTL = 30.0

    /// What the pane shows: drained wins over the health reading.
    public var displayState: InstanceState { drained ? .drained : state }

    /// The balancer's view of this instance.
    public var member: LoadBalancer.Member {
        LoadBalancer.Member(name: name, priority: priority, weight: effectiveWeight,
                            serving: state.serving, drained: drained)
    }

    /// Folds one probe or heartbeat reading in, through the state machine.
    public mutating func apply(_ input: InstanceInput, error: String? = nil, at now: Date,
                               policy: InstancePolicy = InstancePolicy()) {
        switch input {
        case .probeOK(_, let latency):
            probes += 1; lastProbeAt = now; lastLatency = latency; latencies.add(latency)
            consecutiveFailures = 0; lastError = nil; failingSince = nil
        case .probeFailed:
            probes += 1; lastProbeAt = now; lastLatency = nil
            consecutiveFailures += 1; lastError = error
            if failingSince == nil { failingSince = now }
        case .heartbeat(let fresh, let status):
            // A sleeper that heart-beats is running: its old probe failures are over.
            if sleeps && fresh {
                consecutiveFailures = 0
                if let st = status, st != "ok" && st != "degraded" {
                    lastError = "heartbeat says \(st)"
                    if failingSince == nil { failingSince = now }
                } else { lastError = nil; failingSince = nil }
            }
            // A missing heartbeat does not overrule a successful probe younger than
            // the heartbeat's TTL: a sleeper just woken has not heart-beaten yet.
            if !fresh, consecutiveFailures == 0, let t = lastProbeAt, now.timeIntervalSince(t) < Self.heartbeatTTL { return }
        }
        state = InstanceStateMachine.next(state, input, sleeps: sleeps, failures: consecutiveFailures, policy: policy)
    }
}

extension Array where Element == InstanceHealth {
    /// The balancer members in configuration order.
    public var members: [LoadBalancer.Member] { map(\.member) }
}
