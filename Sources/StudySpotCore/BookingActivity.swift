import Foundation

/// Bookings made per minute over the last hour and per hour over today, the
/// series the Bookings charts, the Overview and the quiet-period alert read.
///
/// A booking counts once, in the minute of its `created_at`: that is what the
/// start-up read-back can count exactly (a row's earlier changes are gone
/// from the table, its `created_at` never changes), so the read-back and the
/// live feed agree. Every timestamp is clamped to the server's clock before
/// it is bucketed, so a row stamped hours ahead (the seed writes some) lands
/// in the current minute instead of moving the window into the future.
///
/// Per shard: what its read-back found (replaced on every reconnect, so a
/// shard that was away is counted again from the table), then the bookings
/// its feed read that were made after that read-back, each id once.
public struct BookingActivity: Sendable {
    public let timeZone: TimeZone
    private var shards: [String: ShardActivity] = [:]

    struct ShardActivity: Sendable {
        /// The server's clock when the read-back ran: bookings made up to it are in its counts.
        var cutoff: Date
        var minutes: [Int64: Int] = [:]
        /// Keyed by the hour's start (seconds since 1970), hours of the platform's day.
        var hours: [Int64: Int] = [:]
        /// Ids counted live in the last hour (older ones cannot come back
        /// uncounted: a reconnect reads the table again), each with its
        /// minute's low byte: once pruned every one is within the last 61
        /// minutes, so its age reads without the rest. At 200 bookings a
        /// second a dictionary of them grew the soak's console by several
        /// megabytes an hour (Benchmarks/README.md, "the soak").
        var seen = IdByteTable()
        var prunedAt: Int64 = 0

        /// Minutes since `stored`'s minute, from `now`'s; negative for a minute
        /// ahead (a server clock that stepped back).
        static func age(_ stored: UInt8, now: Int64) -> Int {
            Int(Int8(bitPattern: UInt8(truncatingIfNeeded: now) &- stored))
        }

        /// Drops what left the hour (the day's hours from yesterday's start on).
        mutating func prune(nowMinute: Int64, keepHoursFrom: Int64) {
            prunedAt = nowMinute
            minutes = minutes.filter { $0.key > nowMinute - 60 }
            seen.filter { Self.age($0, now: nowMinute) <= 60 }
            hours = hours.filter { $0.key >= keepHoursFrom }
        }
    }

    public init(timeZone: TimeZone = BookingTodayTally.platformTimeZone) {
        self.timeZone = timeZone
    }

    /// Replaces a shard's counts with its read-back: bookings made per minute
    /// (minutes since 1970, already clamped to the server's clock), as of `serverNow`.
    public mutating func replace(shard: String, minuteCounts: [Int64: Int], serverNow: Date) {
        var a = ShardActivity(cutoff: serverNow)
        let nowMinute = Self.minute(of: serverNow)
        for (m, n) in minuteCounts where n > 0 {
            let minute = min(m, nowMinute)
            if minute > nowMinute - 60 { a.minutes[minute, default: 0] += n }
            a.hours[hourStart(of: Date(timeIntervalSince1970: Double(minute) * 60)), default: 0] += n
        }
        shards[shard] = a
    }

    /// Counts a booking the feed read, once, when it was made after its
    /// shard's read-back and within the last hour. Returns whether it counted.
    @discardableResult
    public mutating func record(shard: String, id: Int64, createdAt: Date, serverNow: Date) -> Bool {
        // Taken out while it changes: a copy that the dictionary still shared
        // would copy `seen` (every id counted in the last hour) on every
        // booking. The soak found it: the feed threads' CPU grew with the
        // hour's bookings, 5 % → 20 % of a core in 12 minutes at 200 changes/s.
        guard var a = shards.removeValue(forKey: shard) else { return false }
        defer { shards[shard] = a }
        let made = min(createdAt, serverNow)
        let nowMinute = Self.minute(of: serverNow)
        let minute = Self.minute(of: made)
        if a.prunedAt != nowMinute {
            // Before the look-up: a byte's age is only unambiguous within the hour.
            if nowMinute - a.prunedAt > 60 { a.seen = IdByteTable() }
            a.prune(nowMinute: nowMinute, keepHoursFrom: Int64(dayInterval(serverNow).start.timeIntervalSince1970) - 86_400)
        }
        guard made > a.cutoff, minute > nowMinute - 60, a.seen.get(id) == nil else { return false }
        a.seen.set(id, UInt8(truncatingIfNeeded: minute))
        a.minutes[minute, default: 0] += 1
        a.hours[hourStart(of: made), default: 0] += 1
        return true
    }

    /// Ids remembered as counted, every shard together (what the hour's memory holds).
    var seenIds: Int { shards.values.reduce(0) { $0 + $1.seen.count } }

    /// Every shard's counts together, for the console; `localNow` is this
    /// machine's clock at the same instant (the console keeps the difference).
    public func counts(serverNow: Date, localNow: Date) -> BookingActivityCounts {
        var out = BookingActivityCounts(serverNow: serverNow, localNow: localNow, dayStart: dayInterval(serverNow).start)
        let nowMinute = Self.minute(of: serverNow)
        for a in shards.values {
            for (m, n) in a.minutes where m > nowMinute - 60 { out.minutes[m, default: 0] += n }
            for (h, n) in a.hours where h >= Int64(out.dayStart.timeIntervalSince1970) { out.hours[h, default: 0] += n }
        }
        return out
    }

    public static func minute(of d: Date) -> Int64 { Int64((d.timeIntervalSince1970 / 60).rounded(.down)) }

    func dayInterval(_ d: Date) -> DateInterval { BookingTodayTally.dayInterval(containing: d, timeZone) }

    /// The start of the platform-day hour holding `d` (seconds since 1970).
    func hourStart(of d: Date) -> Int64 {
        let start = dayInterval(d).start.timeIntervalSince1970
        return Int64(start + ((d.timeIntervalSince1970 - start) / 3_600).rounded(.down) * 3_600)
    }
}

/// What the feed hands the console: bookings made per minute (minutes since
/// 1970) over the last hour and per hour (the hour's start, seconds since
/// 1970) over today, with the server's clock they were taken at.
public struct BookingActivityCounts: Sendable, Equatable {
    public var minutes: [Int64: Int] = [:]
    public var hours: [Int64: Int] = [:]
    public var serverNow: Date
    /// This machine's clock when `serverNow` was taken.
    public var localNow: Date
    /// Today's start in the platform's zone (the same day as the status tally).
    public var dayStart: Date

    public init(minutes: [Int64: Int] = [:], hours: [Int64: Int] = [:], serverNow: Date, localNow: Date? = nil, dayStart: Date) {
        self.minutes = minutes; self.hours = hours; self.serverNow = serverNow; self.localNow = localNow ?? serverNow
        self.dayStart = dayStart
    }

    /// How far the server's clock is ahead of this machine's.
    public var serverOffset: TimeInterval { serverNow.timeIntervalSince(localNow) }

    /// The 60 minutes ending at `now`'s minute, oldest first.
    public func perMinute(now: Date) -> [Double] {
        let m = BookingActivity.minute(of: now)
        return ((m - 59)...m).map { Double(minutes[$0] ?? 0) }
    }

    /// Today's hours from midnight to `now`'s hour, oldest first (24 at most;
    /// a day of 23 or 25 hours in a zone with summer time shows what it has).
    public func perHour(now: Date) -> [Double] {
        let start = Int64(dayStart.timeIntervalSince1970)
        let upTo = min(23, max(0, Int((now.timeIntervalSince1970 - Double(start)) / 3_600)))
        return (0...upTo).map { Double(hours[start + Int64($0) * 3_600] ?? 0) }
    }
}
