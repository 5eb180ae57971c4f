import Foundation

/// Today's bookings per status, kept exact from the feed: the status of each
/// of today's bookings (those whose starts_at falls on today's date in the
/// platform's time zone, Asia/Kolkata) is remembered, so a change moves one
/// count down and another up instead of counting the change twice.
///
/// That memory grows with the day's bookings until midnight, so it is kept
/// compact: per shard, ids in a sorted array with a parallel array of one-byte
/// statuses (grown by an eighth at a time rather than doubled), and counts
/// kept as they change. Ids are stored as their low 32 bits in blocks of one
/// high half each (nearly always a single block): 5 bytes a booking instead
/// of 9, 0.7 MB less at 10x with ~170,000 bookings today on the bench stack
/// (Benchmarks/README.md, the footprint's heap section). The soak (scripts/soak.sh, 200
/// changes/s) found the first version, a dictionary keyed by (shard name, id)
/// whose counts were recomputed on every feed delivery, holding ~40–60 bytes a
/// booking: +1 MB a minute at that rate, and a scan of every booking 200
/// times a second.
public struct BookingTodayTally: Sendable {
    public let timeZone: TimeZone
    public private(set) var day: DateInterval
    private var shards: [String: ShardTally] = [:]

    /// One shard's bookings of today, in blocks ascending by `high`; the
    /// counts per index in `BookingStatus.allCases`.
    struct ShardTally: Sendable {
        var blocks: [Block] = []
        var counts = [Int](repeating: 0, count: BookingStatus.allCases.count)

        /// The ids whose high 32 bits are `high`: `lows` ascending,
        /// `statuses[i]` the status index of `lows[i]`'s booking.
        struct Block: Sendable {
            let high: Int64
            var lows: [UInt32] = []
            var statuses: [UInt8] = []

            init(high: Int64, capacity: Int = 0) {
                self.high = high
                lows.reserveCapacity(capacity)
                statuses.reserveCapacity(capacity)
            }

            /// Sets `low`'s status; returns the status it replaced, if any.
            mutating func set(_ low: UInt32, _ status: UInt8) -> UInt8? {
                // New bookings carry the highest id so far: the common case appends.
                if let last = lows.last, low <= last {
                    let i = lowerBound(low)
                    if i < lows.count && lows[i] == low {
                        defer { statuses[i] = status }
                        return statuses[i]
                    }
                    reserveRoom()
                    lows.insert(low, at: i)
                    statuses.insert(status, at: i)
                } else {
                    reserveRoom()
                    lows.append(low)
                    statuses.append(status)
                }
                return nil
            }

            /// Grows by an eighth (at least 4,096) instead of doubling, so the
            /// slack stays small however many bookings the day brings.
            private mutating func reserveRoom() {
                guard lows.count == lows.capacity || statuses.count == statuses.capacity else { return }
                let room = lows.count + max(4_096, lows.count / 8)
                lows.reserveCapacity(room)
                statuses.reserveCapacity(room)
            }

            private func lowerBound(_ low: UInt32) -> Int {
                var lo = 0, hi = lows.count
                while lo < hi {
                    let mid = (lo + hi) / 2
                    if lows[mid] < low { lo = mid + 1 } else { hi = mid }
                }
                return lo
            }
        }

        static func split(_ id: Int64) -> (high: Int64, low: UInt32) { (id >> 32, UInt32(truncatingIfNeeded: id)) }

        /// The index of the block for `high`, made when missing.
        mutating func block(_ high: Int64, capacity: Int = 0) -> Int {
            if let last = blocks.indices.last, blocks[last].high == high { return last }
            var lo = 0, hi = blocks.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if blocks[mid].high < high { lo = mid + 1 } else { hi = mid }
            }
            if lo == blocks.count || blocks[lo].high != high { blocks.insert(Block(high: high, capacity: capacity), at: lo) }
            return lo
        }

        mutating func set(_ id: Int64, _ status: UInt8) {
            let (high, low) = Self.split(id)
            let b = block(high)
            if let old = blocks[b].set(low, status) { counts[Int(old)] -= 1 }
            counts[Int(status)] += 1
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
    public mutating func load(shard: String, idsByStatus groups: consuming [(status: BookingStatus, ids: [Int64])]) {
        // Each status's ids sorted, then merged: no array of pairs as large as the day.
        // Sorted in place (a caller that consumes its lists makes no copy): at
        // start-up three shards load at once, and sorted copies of 100,000 ids
        // each were part of the start-up peak (Benchmarks/README.md, the
        // footprint's heap section).
        for g in groups.indices { groups[g].ids.sort() }
        let codes = groups.map { Self.statusIndex[$0.status]! }
        var heads = [Int](repeating: 0, count: groups.count)
        var t = ShardTally()
        // Each block made at its size (at most: ids listed twice count twice).
        var perHigh: [Int64: Int] = [:]
        for g in groups.indices {
            let g = groups[g]
            // Sorted: one high half runs on (one lookup per run, not per id).
            var i = 0
            while i < g.ids.count {
                let high = ShardTally.split(g.ids[i]).high
                var j = i + 1
                while j < g.ids.count && ShardTally.split(g.ids[j]).high == high { j += 1 }
                perHigh[high, default: 0] += j - i
                i = j
            }
        }
        var current = -1
        while true {
            var best = -1
            for g in groups.indices where heads[g] < groups[g].ids.count {
                // Strictly smaller: of equal ids the earlier listing goes first, the later replaces it.
                if best < 0 || groups[g].ids[heads[g]] < groups[best].ids[heads[best]] { best = g }
            }
            guard best >= 0 else { break }
            let id = groups[best].ids[heads[best]], status = codes[best]
            heads[best] += 1
            let (high, low) = ShardTally.split(id)
            if current < 0 || t.blocks[current].high != high { current = t.block(high, capacity: perHigh[high] ?? 0) }
            // Ascending ids: a block only ever appends here (or replaces its last).
            if let old = t.blocks[current].set(low, status) { t.counts[Int(old)] -= 1 }
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
