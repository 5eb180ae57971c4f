import Foundation

/// Today's bookings per status, kept exact from the feed: the status of each
/// of today's bookings (those whose starts_at falls on today's date in the
/// platform's time zone, Asia/Kolkata) is remembered, so a change moves one
/// count down and another up instead of counting the change twice.
public struct BookingTodayTally: Sendable {
    public let timeZone: TimeZone
    public private(set) var day: DateInterval
    private var statusById: [BookingChangeKeyID: BookingStatus] = [:]
    /// Kept with every change, so reading the counts does not walk today's
    /// bookings (tens of thousands at 10x) for every feed batch.
    private var perStatus: [BookingStatus: Int] = [:]

    struct BookingChangeKeyID: Hashable, Sendable { var shard: String; var id: Int64 }

    public init(now: Date, timeZone: TimeZone = TimeZone(identifier: "Asia/Kolkata")!) {
        self.timeZone = timeZone
        day = BookingTodayTally.dayInterval(containing: now, timeZone)
    }

    /// Today in `timeZone`, as a half-open interval.
    public static func dayInterval(containing date: Date, _ tz: TimeZone) -> DateInterval {
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = tz
        let start = cal.startOfDay(for: date)
        let end = cal.date(byAdding: .day, value: 1, to: start)!
        return DateInterval(start: start, end: end)
    }

    /// Starts a new day when `now` left the current one (the caller reloads).
    public mutating func rollIfNeeded(now: Date) -> Bool {
        guard now >= day.end || now < day.start else { return false }
        day = BookingTodayTally.dayInterval(containing: now, timeZone)
        statusById = [:]
        perStatus = [:]
        return true
    }

    /// Records a booking's status if it starts today.
    public mutating func record(shard: String, id: Int64, startsAt: Date, status: BookingStatus) {
        guard startsAt >= day.start && startsAt < day.end else { return }
        if let old = statusById.updateValue(status, forKey: BookingChangeKeyID(shard: shard, id: id)) {
            perStatus[old, default: 0] -= 1
        }
        perStatus[status, default: 0] += 1
    }

    /// Forgets a shard's bookings before its start-up load replaces them.
    public mutating func reset(shard: String) {
        statusById = statusById.filter { $0.key.shard != shard }
        perStatus = [:]
        for st in statusById.values { perStatus[st, default: 0] += 1 }
    }

    /// Counts keyed by the contract's status names (every status present).
    public var counts: [String: Int] {
        Dictionary(uniqueKeysWithValues: BookingStatus.allCases.map { ($0.rawValue, perStatus[$0] ?? 0) })
    }
}
