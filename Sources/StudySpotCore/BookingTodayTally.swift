import Foundation

/// Today's bookings per status, kept exact from the feed: the status of each
/// of today's bookings (those whose starts_at falls on today's date in the
/// platform's time zone, Asia/Kolkata) is remembered, so a change moves one
/// count down and another up instead of counting the change twice.
///
/// That memory grows with the day's bookings until midnight, so it is kept
/// compact: per shard, an `IdByteTable` of ids and one-byte statuses (5 bytes
/// a booking; 0.7 MB less than 9 at 10x with ~170,000 bookings today on the
/// bench stack: Benchmarks/README.md, the footprint's heap section), and
/// counts kept as they change. The soak (scripts/soak.sh, 200
/// changes/s) found the first version, a dictionary keyed by (shard name, id)
/// whose counts were recomputed on every feed delivery, holding ~40–60 bytes a
/// booking: +1 MB a minute at that rate, and a scan of every booking 200
/// times a second.
public struct BookingTodayTally: Sendable {
    public let timeZone: TimeZone
    public private(set) var day: DateInterval
    private var shards: [String: ShardTally] = [:]

    /// One shard's bookings of today with their status indices (in
    /// `BookingStatus.allCases`), and the counts per index.
    struct ShardTally: Sendable {
        var ids = IdByteTable()
        var counts = [Int](repeating: 0, count: BookingStatus.allCases.count)

        mutating func set(_ id: Int64, _ status: UInt8) {
            if let old = ids.set(id, status) { counts[Int(old)] -= 1 }
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
                let high = IdByteTable.split(g.ids[i]).high
                var j = i + 1
                while j < g.ids.count && IdByteTable.split(g.ids[j]).high == high { j += 1 }
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
            let (high, low) = IdByteTable.split(id)
            if current < 0 || t.ids.blocks[current].high != high { current = t.ids.block(high, capacity: perHigh[high] ?? 0) }
            // Ascending ids: a block only ever appends here (or replaces its last).
            if let old = t.ids.set(low: low, status, inBlock: current) { t.counts[Int(old)] -= 1 }
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
