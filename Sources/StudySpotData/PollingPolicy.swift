import Foundation

/// How often a monitor may poll a target so that the console's own use
/// stays inside its budget (by default 2% of each free-tier quota). Every
/// polling monitor asks before it sleeps: `interval(target:base:)` returns
/// the base interval, stretched when the target's projected use would
/// exceed the budget.
public final class PollingPolicy: @unchecked Sendable {
    public static let shared = PollingPolicy()
    private let lock = NSLock()
    private var stretch: [String: Double] = [:]

    public init() {}

    /// Seconds to wait before the next poll of `target`.
    public func interval(target: String, base: Double) -> Double {
        lock.withLock { base * max(1, stretch[target] ?? 1) }
    }

    /// Sets how much longer than asked a target's polls must wait (1 = as asked).
    public func setStretch(_ factor: Double, for target: String) {
        lock.withLock { stretch[target] = max(1, factor) }
    }

    public func stretchFactor(for target: String) -> Double {
        lock.withLock { stretch[target] ?? 1 }
    }
}
