import Foundation

/// Counts every query, command and probe the console makes, per target
/// (a shard, cache or instance name), for the console's own cost. Thread-safe:
/// monitors count from their own threads. One per dashboard, made by its
/// wiring and handed to every monitor (and through `CostTarget` to their
/// connections); the cost meter reads it.
public final class OperationCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var counts: [String: Int] = [:]
    private var day = -1

    public init() {}

    public func count(_ target: String?, _ n: Int = 1) {
        guard let target else { return }
        lock.withLock {
            rollDay()
            counts[target, default: 0] += n
        }
    }

    /// Operations per target since 00:00 UTC.
    public func today() -> [String: Int] {
        lock.withLock { rollDay(); return counts }
    }

    private func rollDay() {
        // Days since 1970 (UTC): counted on every query, so no date formatting.
        let d = Int(Date().timeIntervalSince1970 / 86_400)
        if d != day { day = d; counts = [:] }
    }
}

/// Where a connection's operations count: the target's name (a shard, cache
/// or instance) in one counter. The wire clients count every query, command
/// and probe against it.
public struct CostTarget: Sendable {
    public let name: String
    public let counter: OperationCounter

    public init(_ name: String, in counter: OperationCounter) {
        self.name = name
        self.counter = counter
    }

    func count(_ n: Int = 1) { counter.count(name, n) }
}
