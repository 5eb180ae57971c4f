import Foundation

/// Today's bookings per status, kept exact from the feed: the status of each
/// of today's bookings (those whose starts_at falls on today's date in the
/// platform's time zone, Asia/Kolkata) is remembered, so a change moves one
/// count down and another up instead of counting the change twice.
///
/// That memory grows with the day's bookings until midnight, so it is kept
/// compact: per shard, ids in a sorted array with a parallel array of one-byte
/// statuses (9 bytes a booking, grown by an eighth at a time rather than
/// doubled), and counts kept as they change. The soak (scripts/soak.sh, 200
/// changes/s) found the first version, a dictionary keyed by (shard name, id)
/// whose counts were recomputed on every feed delivery, holding ~40–60 bytes a
/// booking: +1 MB a minute at that rate, and a scan of every booking 200
/// times a second.
public struct BookingTodayTally: Sendable {
    public let timeZone: TimeZone
    public private(set) var day: DateInterval
    private var shards: [String: ShardTally] = [:]

    /// One shard's bookings of today: `ids` ascending, `statuses[i]` the
    /// index in `BookingStatus.allCases` of `ids[i]`'s status.
    struct ShardTally: Sendable {
        var ids: [Int64] = []
        var statuses: [UInt8] = []
        var counts = [Int](repeating: 0, count: BookingStatus.allCases.count)

        mutating func set(_ id: Int64, _ status: UInt8) {
            // New bookings carry the highest id so far: the common case appends.
            if let last = ids.last, id <= last {
                let i = lowerBound(id)
                if i < ids.count && ids[i] == id {
                    counts[Int(statuses[i])] -= 1
                    statuses[i] = status
                } else {
                    reserveRoom()
                    ids.insert(id, at: i)
                    statuses.insert(status, at: i)
                }
            } else {
                reserveRoom()
                ids.append(id)
                statuses.append(status)
            }
            counts[Int(status)] += 1
        }

        /// Grows by an eighth (at least 4,096) instead of doubling, so the
        /// slack stays small however many bookings the day brings.
        private mutating func reserveRoom() {
            guard ids.count == ids.capacity || statuses.count == statuses.capacity else { return }
            let room = ids.count + max(4_096, ids.count / 8)
            ids.reserveCapacity(room)
            statuses.reserveCapacity(room)
        }

        private func lowerBound(_ id: Int64) -> Int {
            var lo = 0, hi = ids.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if ids[mid] < id { lo = mid + 1 } else { hi = mid }
            }
            return lo
        }
    }

    private static let statusIndex: [BookingStatus: UInt8] =
        Dictionary(uniqueKeysWithValues: BookingStatus.allCases.enumerated().map { ($0.element, UInt8($0.offset)) })

    /// The platform's day is Asia/Kolkata's, wherever the console runs: a
    /// fixed +05:30 (India has had no daylight saving since 1945). A zone by
    /// identifier would make Foundation load ICU's time-zone code and data,
    /// megabytes resident for one offset (Benchmarks/README.md, the
    /// footprint's memory section).
    public static let platformTimeZone = TimeZone(secondsFromGMT: 19_800)!

    public init(now: Date, timeZone: TimeZone = BookingTodayTally.platformTimeZone) {
        self.timeZone = timeZone
        day = BookingTodayTally.dayInterval(containing: now, timeZone)
    }

    /// Today in `timeZone`, as a half-open interval (by `CivilTime`: a
    /// `Calendar` would load ICU).
    public static func dayInterval(containing date: Date, _ tz: TimeZone) -> DateInterval {
        CivilTime.dayInterval(containing: date, tz)
    }

    /// Starts a new day when `now` left the current one (the caller reloads).
    public mutating func rollIfNeeded(now: Date) -> Bool {
        guard now >= day.end || now < day.start else { return false }
        day = BookingTodayTally.dayInterval(containing: now, timeZone)
        shards = [:]
        return true
    }

    /// Records a booking's status if it starts today.
    public mutating func record(shard: String, id: Int64, startsAt: Date, status: BookingStatus) {
        guard startsAt >= day.start && startsAt < day.end else { return }
        shards[shard, default: ShardTally()].set(id, Self.statusIndex[status]!)
    }

    /// Replaces a shard's bookings with today's ids by status (as `reset` and
    /// a `record` of each, without a lookup per booking: tens of thousands at
    /// 10x). An id listed twice keeps the status it is listed with last.
    /// The caller checks that `day` is still the day the ids were read for.
    public mutating func load(shard: String, idsByStatus: [(status: BookingStatus, ids: [Int64])]) {
        // Each status's ids sorted, then merged: no array of pairs as large as the day.
        let groups = idsByStatus.map { (status: Self.statusIndex[$0.status]!, ids: $0.ids.sorted()) }
        var heads = [Int](repeating: 0, count: groups.count)
        var t = ShardTally()
        let total = groups.reduce(0) { $0 + $1.ids.count }
        t.ids.reserveCapacity(total)
        t.statuses.reserveCapacity(total)
        while true {
            var best = -1
            for g in groups.indices where heads[g] < groups[g].ids.count {
                // Strictly smaller: of equal ids the earlier listing goes first, the later replaces it.
                if best < 0 || groups[g].ids[heads[g]] < groups[best].ids[heads[best]] { best = g }
            }
            guard best >= 0 else { break }
            let id = groups[best].ids[heads[best]], status = groups[best].status
            heads[best] += 1
            if let last = t.ids.last, last == id {
                t.counts[Int(t.statuses[t.statuses.count - 1])] -= 1
                t.statuses[t.statuses.count - 1] = status
            } else {
                t.ids.append(id)
                t.statuses.append(status)
            }
            t.counts[Int(status)] += 1
        }
        shards[shard] = t
    }

    /// Forgets a shard's bookings before its start-up load replaces them.
    public mutating func reset(shard: String) {
        shards[shard] = nil
    }

    /// Counts keyed by the contract's status names (every status present).
    public var counts: [String: Int] {
        var out: [String: Int] = [:]
        for (i, status) in BookingStatus.allCases.enumerated() {
            out[status.rawValue] = shards.values.reduce(0) { $0 + $1.counts[i] }
        }
        return out
    }
}
