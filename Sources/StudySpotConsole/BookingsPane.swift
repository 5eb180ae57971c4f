import Foundation
import StudySpotCore
import TerminalUI

// The Bookings pane: its state, the monitor events it folds in, its key
// actions and its drawing. Everything for this pane lives in this file and
// files named Bookings*.swift.

/// What the Bookings pane knows. Its synthesized `==` decides whether a
/// frame is drawn: every field counts. `revision` comes before `feed` so that
/// states with a different feed differ at once, and a feed compared with its
/// own copy shares its chunks (see `BookingRing`, `BookingFeedStore`).
public struct BookingsState: Sendable, Equatable {
    /// How many changes the feed keeps (older ones are dropped).
    public static let capacity = 10_000

    /// Set when the first full data has arrived (`snapshot` waits for it).
    public var loaded = false
    /// Bumped whenever `feed` changes.
    public var revision = 0
    /// Today's bookings per status (reserved, checked_in, completed, cancelled, no_show),
    /// counted over bookings whose starts_at is today in Asia/Kolkata: read by Overview and snapshot.
    public var today: [String: Int] = [:]
    /// Bookings made per minute over the last hour, oldest first (`BookingActivity`):
    /// read by the charts, the Overview and the quiet-period alert.
    public var perMinute: [Double] = []
    /// Bookings made per hour today (the tally's day), midnight first.
    public var perHour: [Double] = []
    /// The newest changes for `snapshot --format json` ("recent").
    public var recent: [BookingSummary] = []
    /// The last `capacity` changes, in arrival order.
    public var feed = BookingFeedStore(capacity: BookingsState.capacity)
    /// Bookings made per minute (minutes since 1970) for the last hour, as the feed counted them.
    public var minuteCounts: [Int64: Int] = [:]
    /// Bookings made per hour (the hour's start, seconds since 1970) today.
    public var hourCounts: [Int64: Int] = [:]
    /// Today's start in the platform's zone, from the feed.
    public var dayStart: Date?
    /// The users shards' clock minus this machine's: every window ends at the server's now.
    public var serverOffset: TimeInterval = 0
    /// When the feed first finished loading: "no changes for 15 minutes" needs
    /// 15 minutes of watching first.
    public var liveSince: Date?
    /// The minute `perMinute` ends at.
    public var lastMinute: Int64 = 0
    /// Each users shard's feed state ("live", "reconnecting …").
    public var shardStatus: [String: String] = [:]
    /// Notifications ignored because their payload was garbage.
    public var garbagePayloads = 0
    public var filter = BookingsFilter()
    /// The booking whose details are open, if any.
    public var detail: BookingRecord?
    /// Libraries renamed in the catalog while the console runs, by id: the
    /// feed's rows keep the names read when they arrived and are re-labelled
    /// from here when drawn (`relabelled`).
    public var libraryNames: [Int64: SeatLibrary] = [:]
    /// Bookings in the feed whose newest version is inconsistent (BookingsPane+Problems).
    public var problems = BookingProblemTally()
    public init() {}
}

/// The feed's filters (nil = all).
public struct BookingsFilter: Sendable, Equatable {
    public var status: BookingStatus?
    public var shard: String?
    public var libraryId: Int64?
    public var libraryName: String?
    public init() {}
    public var isEmpty: Bool { status == nil && shard == nil && libraryId == nil }
}

/// What the Bookings pane's monitors report.
public enum BookingsEvent: Sendable {
    /// A coalesced batch from the booking feed.
    case batch(BookingFeedBatch)
}

// Keys: BookingsPane+Keys.swift; drawing: BookingsPane+Draw.swift.
extension BookingsState: PaneModel {
    static let pane = Pane.bookings
    static let minimumSize = Size(width: 60, height: 10)
    static let summary = "the live booking feed from every users shard: time, library, seat, user, status, amount and shard, newest first, filterable."

    static func update(_ state: State, _ event: BookingsEvent) -> (State, [Effect]) {
        switch event {
        case .batch(let batch):
            var s = state
            foldBookingBatch(&s, batch)
            return (s, [])
        }
    }
}
