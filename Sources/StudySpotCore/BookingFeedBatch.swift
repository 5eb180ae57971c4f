import Foundation

/// One coalesced delivery from the booking feed monitor to the console.
public struct BookingFeedBatch: Sendable {
    /// New changes, each shown once, oldest first.
    public var changes: [BookingRecord]
    /// Today's counts per status (contract names), when the tally is known.
    public var today: [String: Int]?
    /// Bookings made per minute and per hour (`BookingActivity`), when the read-back is known.
    public var activity: BookingActivityCounts?
    /// Libraries whose name or city changed in the catalog since they were
    /// read: the console re-labels its feed by library id when it draws.
    public var libraries: [SeatLibrary] = []
    /// Each users shard's feed state: "live", "catching up", "reconnecting in 2s: …".
    public var shardStatus: [String: String]
    /// Every shard has done its first load (or failed it).
    public var initialLoadDone: Bool
    /// Notifications whose payload was garbage (ignored), so far.
    public var garbagePayloads: Int
    /// When the monitor handed this batch over (for latency measurement).
    public var postedAt: Date

    public init(changes: [BookingRecord], today: [String: Int]? = nil, shardStatus: [String: String] = [:],
                initialLoadDone: Bool = true, garbagePayloads: Int = 0, postedAt: Date = Date(),
                activity: BookingActivityCounts? = nil) {
        self.changes = changes; self.today = today; self.activity = activity; self.shardStatus = shardStatus
        self.initialLoadDone = initialLoadDone; self.garbagePayloads = garbagePayloads; self.postedAt = postedAt
    }

    /// Appends a later batch: its changes after ours, its counts and shard
    /// states instead of ours; `postedAt` stays the earlier one.
    public mutating func merge(_ later: BookingFeedBatch) {
        changes.append(contentsOf: later.changes)
        if let t = later.today { today = t }
        if let a = later.activity { activity = a }
        libraries.append(contentsOf: later.libraries)
        shardStatus = later.shardStatus
        initialLoadDone = later.initialLoadDone
        garbagePayloads = later.garbagePayloads
    }
}
