import Foundation

/// Counts every query, command and probe the console makes, per target
/// (a shard, cache or instance name), for the console's own cost. Thread-safe:
/// monitors count from their own threads.
public final class OperationCounter: @unchecked Sendable {
    public static let shared = OperationCounter()
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
