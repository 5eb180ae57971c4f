import Foundation
import StudySpotCore

/// The activity read-back of a console on the relay, from the entries the
/// relay appended since the platform's midnight (or the last hour, if
/// longer): what `BookingFeed` asks each shard with `madePerMinute`.
public enum RelayFeedCounts {
    public struct Start: Sendable, Equatable {
        /// Bookings made per minute (minutes since 1970), per shard, each booking once.
        public var minutes: [String: [Int64: Int]] = [:]
        /// Per shard, the newest `created_at` counted: a booking made later is counted live.
        public var cutoffs: [String: Date] = [:]
        /// For a shard the entries did not name: bookings made before the last entry was appended.
        public var cutoff: Date
    }

    private struct Booking: Hashable { var shard: String; var id: Int64 }

    /// A booking counts once, in the minute of its `created_at` (clamped to
    /// `now`, as a row stamped ahead lands in the current minute); an entry for
    /// a booking made before `from` is a later change of an older booking.
    public static func start(_ records: [BookingRecord], from: Date, now: Date, appendedUpTo: Date) -> Start {
        var out = Start(cutoff: min(appendedUpTo, now))
        var seen: Set<Booking> = []
        for r in records where r.createdAt >= from {
            guard seen.insert(Booking(shard: r.shard, id: r.id)).inserted else { continue }
            let made = min(r.createdAt, now)
            out.minutes[r.shard, default: [:]][BookingActivity.minute(of: made), default: 0] += 1
            out.cutoffs[r.shard] = max(out.cutoffs[r.shard] ?? made, made)
        }
        return out
    }
}
