import Foundation

/// Counts every query, command and probe the console makes, per target
/// (a shard, cache or instance name), for the console's own cost. Thread-safe:
/// monitors count from their own threads.
public final class OperationCounter: @unchecked Sendable {
    public static let shared = OperationCounter()
    private let lock = NSLock()
    private var counts: [String: Int] = [:]
    private var day = ""

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
        let d = String(PGTimestamp.format(Date()).prefix(10))
        if d != day { day = d; counts = [:] }
    }
}
