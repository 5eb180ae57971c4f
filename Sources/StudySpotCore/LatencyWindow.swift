/// The last few probe latencies of one instance, for percentiles and the
/// sparkline. A window of at most `capacity` samples is small enough that
/// sorting a copy is cheaper than keeping a histogram.
public struct LatencyWindow: Sendable, Hashable, Codable {
    public let capacity: Int
    /// Seconds, oldest first.
    public private(set) var samples: [Double] = []

    public init(capacity: Int = 60) { self.capacity = max(1, capacity) }

    public mutating func add(_ seconds: Double) {
        samples.append(seconds)
        if samples.count > capacity { samples.removeFirst(samples.count - capacity) }
    }

    /// Nearest-rank percentile (`p` in 0…100) in seconds; nil when empty.
    public func percentile(_ p: Double) -> Double? {
        guard !samples.isEmpty else { return nil }
        let sorted = samples.sorted()
        let rank = Int((p / 100 * Double(sorted.count)).rounded(.up))
        return sorted[min(sorted.count - 1, max(0, rank - 1))]
    }

    public var p50: Double? { percentile(50) }
    public var p95: Double? { percentile(95) }
    public var p99: Double? { percentile(99) }
}
