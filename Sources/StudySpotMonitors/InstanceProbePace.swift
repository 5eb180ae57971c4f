import Foundation

/// The console's pause key and refresh interval, shared by the operator
/// monitors: paused monitors make no calls; the refresh interval scales
/// their base intervals (2 s = as designed). A sleeper's probe interval is
/// not scaled down: that one is set by the cost budget (`policy`).
public final class MonitorPace: @unchecked Sendable {
    private let lock = NSLock()
    private var _paused = false
    private var _scale = 1.0
    /// The console's polling policy, which stretches each target's interval to its budget.
    public let policy: PollingPolicy

    public init(policy: PollingPolicy = PollingPolicy()) { self.policy = policy }

    public var paused: Bool { lock.withLock { _paused } }
    public var scale: Double { lock.withLock { _scale } }

    public func setPaused(_ p: Bool) { lock.withLock { _paused = p } }
    /// `seconds` is the console's refresh interval; 2 s is the monitors' design point.
    public func setRefresh(seconds: Int) { lock.withLock { _scale = max(0.5, Double(seconds) / 2) } }

    /// Seconds to wait before the next poll of `target`.
    public func interval(target: String, base: Double) -> Double {
        policy.interval(target: target, base: base * scale)
    }
}
