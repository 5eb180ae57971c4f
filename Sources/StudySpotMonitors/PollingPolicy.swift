import Foundation

/// How often a monitor may poll a target so that the console's own use
/// stays inside its budget (by default 2% of each free-tier quota). Every
/// polling monitor asks before it sleeps: `interval(target:base:)` returns
/// the base interval, stretched when the target's projected use would
/// exceed the budget. One per dashboard, made by its wiring and handed to
/// every polling monitor; the cost meter sets the stretches.
public final class PollingPolicy: @unchecked Sendable {
    private let lock = NSLock()
    private var stretch: [String: Double] = [:]

    public init() {}

    /// However far over budget a target is, a poll waits at most this long
    /// (or its base, if that is longer): a pane is slowed, never frozen.
    public static let maximumInterval = 900.0

    /// Seconds to wait before the next poll of `target`.
    public func interval(target: String, base: Double) -> Double {
        lock.withLock { min(base * max(1, stretch[target] ?? 1), max(base, Self.maximumInterval)) }
    }

    /// Sets how much longer than asked a target's polls must wait (1 = as asked).
    /// A factor that is not a finite number leaves the target as asked:
    /// a broken projection must not stop a monitor for good.
    public func setStretch(_ factor: Double, for target: String) {
        lock.withLock { stretch[target] = factor.isFinite ? max(1, factor) : 1 }
    }

    public func stretchFactor(for target: String) -> Double {
        lock.withLock { stretch[target] ?? 1 }
    }
}
