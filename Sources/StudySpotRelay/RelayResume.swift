import Foundation
import StudySpotCore

/// Where a restarted relay left off, learnt from the tail of `feed:all`
/// (newest first): per users shard the newest `updated_at` appended and the
/// change keys near it. The feed then catches up from there minus its margin
/// and treats those keys as delivered, so a restart loses nothing and
/// appends nothing twice. Pure: the relay feeds it pages of `XREVRANGE`.
public struct RelayResume: Sendable, Equatable {
    /// The feed's catch-up margin: keys this close to a shard's newest are kept.
    public let margin: TimeInterval
    /// How far the relay's clock (stream ids) may be from the shards' clocks.
    public static let clockSlack: TimeInterval = 60
    public private(set) var newest: [String: Date] = [:]
    public private(set) var oldest: Date?
    public private(set) var entries = 0
    /// Entries that did not decode (counted, never guessed at).
    public private(set) var undecodable = 0
    private var keys: [BookingChangeKey] = []
    private var lastAppendedMs: Int64?

    public init(margin: TimeInterval) { self.margin = margin }

    /// Adds one entry, newest first: its stream id (`ms-seq`) and fields.
    public mutating func add(id: String, fields: [String: String]) {
        entries += 1
        lastAppendedMs = id.split(separator: "-").first.flatMap { Int64($0) }
        guard case .success(let r) = RelayEntry.record(fields) else { undecodable += 1; return }
        keys.append(r.changeKey)
        if r.updatedAt > (newest[r.shard] ?? .distantPast) { newest[r.shard] = r.updatedAt }
        if r.updatedAt < (oldest ?? .distantFuture) { oldest = r.updatedAt }
    }

    /// Whether older entries can matter no more: every users shard has been
    /// seen and the last entry was appended (relay clock) before the earliest
    /// shard's newest change minus the margin and the clock slack. A change
    /// is appended after it is stamped, so nothing older is within a margin.
    public func isComplete(usersShards: [String]) -> Bool {
        guard let ms = lastAppendedMs, usersShards.allSatisfy({ newest[$0] != nil }),
              let earliest = usersShards.compactMap({ newest[$0] }).min() else { return false }
        let appended = Date(timeIntervalSince1970: Double(ms) / 1000)
        return appended < earliest.addingTimeInterval(-margin - Self.clockSlack)
    }

    /// The changes to treat as delivered: those within twice the margin of their shard's newest.
    public var delivered: [BookingChangeKey] {
        keys.filter { k in newest[k.shard].map { k.updatedAt >= $0.addingTimeInterval(-2 * margin) } ?? false }
    }

    /// Catch-up starts for users shards with nothing in the stream read: from
    /// the oldest change read (none of theirs is in the stream after it). An
    /// empty stream gives none: the feed then reads each shard's newest rows.
    public func startFrom(usersShards: [String]) -> [String: Date] {
        guard let oldest else { return [:] }
        return Dictionary(uniqueKeysWithValues: usersShards.filter { newest[$0] == nil }.map { ($0, oldest) })
    }
}
