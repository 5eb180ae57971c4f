import Foundation

/// Everything the Instances pane shows about one instance, as the instance
/// monitor reports it.
public struct InstanceHealth: Sendable, Hashable, Codable {
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
    /// What the last probe saw, in words: "ok 41ms", "cold start 3.1s", "connection refused".
    public var lastProbeOutcome: String?
    /// Whether the last probe's result came from another console through the state cache.
    public var lastProbeShared = false
    /// When the https certificate expires (from the last successful TLS handshake).
    public var certificateExpiresAt: Date?

    public init(config: InstanceConfig) {
        name = config.name; provider = config.provider; priority = config.priority; sleeps = config.sleeps
        configuredWeight = config.weight; effectiveWeight = config.weight; drained = false
        state = .unknown; latencies = LatencyWindow(); consecutiveFailures = 0; probes = 0; requestsToday = 0
    }

    /// Seconds a heartbeat key lives (CONTRACT §4).
    public static let heartbeatTTL = 30.0

    /// Days before certificate expiry that are a warning of their own.
    public static let certificateWarningDays = 14.0

    /// Whole days until the certificate expires (negative once expired), when known.
    public func certificateDaysLeft(now: Date) -> Int? {
        certificateExpiresAt.map { Int(($0.timeIntervalSince(now) / 86_400).rounded()) }
    }

    /// "certificate expires in 3 days" when within `certificateWarningDays`, else nil.
    public func certificateWarning(now: Date) -> String? {
        guard let at = certificateExpiresAt, at.timeIntervalSince(now) < Self.certificateWarningDays * 86_400 else { return nil }
        let days = at.timeIntervalSince(now) / 86_400
        if days < 0 { return "certificate expired" }
        if days < 1 { return "certificate expires within a day" }
        let d = Int(days.rounded())
        return "certificate expires in \(d) day\(d == 1 ? "" : "s")"
    }

    /// Why the state is believed: "heartbeat 12s ago", "probed 4m ago: cold
    /// start 3.1s", "probed 10s ago: connection refused", "no heartbeat, not probed yet".
    /// `minutes`: ages to the minute ("<1m") and a successful probe's outcome
    /// (its latency) left out, so the text changes once a minute at most (the
    /// Overview, where every probe rewrote it).
    public func evidence(now: Date, minutes: Bool = false) -> String {
        let age = minutes ? Self.minuteAge : Self.age
        var parts: [String] = []
        if let hb = heartbeatAt, sleeps || lastProbeAt == nil {
            parts.append("heartbeat \(age(now.timeIntervalSince(hb))) ago")
        }
        if let t = lastProbeAt, parts.isEmpty || state == .down {
            var p = "probed \(age(now.timeIntervalSince(t))) ago"
            if lastProbeShared { p += " by another console" }
            if let o = lastProbeOutcome, !(minutes && lastLatency != nil) { p += ": \(o)" }
            parts.append(p)
        }
        if parts.isEmpty { parts.append(sleeps ? "no heartbeat, not probed yet" : "not probed yet") }
        return parts.joined(separator: "; ")
    }

    /// "<1m", "4m", "3h", "2d".
    static func minuteAge(_ s: Double) -> String { s.isFinite && s < 60 ? "<1m" : age(s) }

    /// "12s", "4m", "3h", "2d".
    static func age(_ s: Double) -> String {
        guard s.isFinite else { return "-" }
        let s = max(0, s)
        if s < 60 { return "\(Int(s))s" }
        if s < 3600 { return "\(Int(s / 60))m" }
        if s < 86_400 { return "\(Int(s / 3600))h" }
        return "\(Int(s / 86_400))d"
    }

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
        case .probeFailed, .probeTimedOut:
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
        switch input {
        case .probeOK(let status, let latency):
            lastProbeOutcome = (sleeps && state == .waking ? "cold start" : status) + " " + Self.seconds(latency)
            lastProbeShared = false
        case .probeFailed, .probeTimedOut:
            lastProbeOutcome = error ?? "failed"
            lastProbeShared = false
        case .heartbeat: break
        }
    }

    /// "41ms", "3.1s".
    static func seconds(_ s: Double) -> String {
        s < 1 ? "\(Int((s * 1000).rounded()))ms" : String(format: "%.1fs", s)
    }
}

extension Array where Element == InstanceHealth {
    /// The balancer members in configuration order.
    public var members: [LoadBalancer.Member] { map(\.member) }
}
