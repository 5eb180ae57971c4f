import Foundation

/// Drops changes already shown. A change is (shard, id, updated_at); the
/// catch-up after a reconnect re-reads a safety margin before the watermark,
/// so keys are kept for that margin (and a little more) and then forgotten,
/// which keeps memory bounded.
public struct BookingChangeFilter: Sendable {
    /// How far before the newest `updated_at` seen the catch-up reads again:
    /// transactions commit out of order, so a row stamped earlier can appear later.
    public let margin: TimeInterval
    /// The newest `updated_at` seen per shard.
    public private(set) var watermark: [String: Date] = [:]
    private var seen: Set<BookingChangeKey> = []
    /// Prune when the set grows past this; doubled when pruning frees little,
    /// so a busy window never makes every admit pay for a scan. The floor is
    /// what twice the margin holds at a few hundred changes a second: at
    /// 50,000 the set reached 32,768 buckets (1 MB) after 12,500 changes
    /// (Benchmarks/README.md, "Footprint: start-up").
    public static let pruneFloor = 8_192
    private var pruneAt = BookingChangeFilter.pruneFloor

    public init(margin: TimeInterval = 10) { self.margin = margin }

    /// Where the catch-up for `shard` should start reading (`updated_at >` this), or nil before anything was seen.
    public func catchUpFrom(_ shard: String) -> Date? { watermark[shard].map { $0.addingTimeInterval(-margin) } }

    /// Makes the next catch-up of `shard` read from `from` (minus the margin)
    /// when nothing of it was seen: a restarted reader that knows where it left off.
    public mutating func resume(_ shard: String, from: Date) {
        if watermark[shard] == nil { watermark[shard] = from }
    }

    /// True when the change is new (and remembers it); false when already shown.
    /// `serverNow` is the server's clock when the row was read: a row stamped
    /// in the future (the platform may write such) must not move the watermark
    /// past the present, or the next catch-up would skip real changes.
    public mutating func admit(_ key: BookingChangeKey, serverNow: Date? = nil) -> Bool {
        guard seen.insert(key).inserted else { return false }
        let stamp = serverNow.map { min(key.updatedAt, $0) } ?? key.updatedAt
        if let w = watermark[key.shard] {
            if stamp > w { watermark[key.shard] = stamp }
        } else {
            watermark[key.shard] = stamp
        }
        if seen.count > pruneAt {
            prune()
            pruneAt = max(Self.pruneFloor, seen.count * 2)
        }
        return true
    }

    /// Forgets keys too old for any catch-up to read again.
    public mutating func prune() {
        // The catch-up never reads before watermark - margin, so older keys cannot come back from it.
        seen = seen.filter { k in
            guard let w = watermark[k.shard] else { return true }
            return k.updatedAt >= w.addingTimeInterval(-2 * margin)
        }
    }

    public var rememberedCount: Int { seen.count }
}
