import Foundation
import StudySpotCore
import TerminalUI

/// How many changes `recent` (snapshot's list) holds.
let bookingsRecentCount = 20

/// Folds a feed batch into the Bookings state, and into the Seats map when
/// a change concerns the library shown there.
func foldBookingBatch(_ s: inout State, _ batch: BookingFeedBatch) {
    var b = s.bookings
    if batch.initialLoadDone {
        if !b.loaded { b.liveSince = s.now }
        b.loaded = true
    }
    if let today = batch.today { b.today = today }
    b.shardStatus = batch.shardStatus
    for lib in batch.libraries { b.libraryNames[lib.id] = lib }
    b.garbagePayloads = batch.garbagePayloads
    if !batch.changes.isEmpty {
        if b.loaded && !s.bookings.loaded || !b.loaded {
            // Start-up loads arrive shard by shard: order them all by time once, so
            // "newest first" holds across shards; later changes go in arrival order.
            var all = b.feed.newestFirst.reversed() + batch.changes
            all.sort { ($0.updatedAt, $0.id) < ($1.updatedAt, $1.id) }
            b.feed = BookingFeedStore(capacity: BookingsState.capacity)
            b.feed.append(contentsOf: all)
        } else {
            b.feed.append(contentsOf: batch.changes)
        }
        b.revision &+= 1
    }
    if !batch.changes.isEmpty || !batch.libraries.isEmpty {
        b.recent = (0..<min(bookingsRecentCount, b.feed.count)).map {
            let r = relabelled(b.feed.newest($0), b)
            return BookingSummary(id: r.id, library: r.libraryName ?? "library \(r.libraryId)",
                                  seat: r.seatLabel ?? "seat \(r.seatId)", status: r.status.rawValue, updatedAt: r.updatedAt)
        }
    }
    if let a = batch.activity {
        b.minuteCounts = a.minutes
        b.hourCounts = a.hours
        b.dayStart = a.dayStart
        b.serverOffset = a.serverOffset
    }
    // The window ends at the clock, never at a change's timestamp: one row
    // stamped a day ahead once moved it there and emptied the series.
    rollBookingMinutes(&b, now: s.now, force: true)
    let flaggedChanged = foldBookingProblems(&b, batch.changes)
    s.bookings = b
    applyChangesToSeatMap(&s.seats, batch.changes)
    if flaggedChanged { s = refreshAlerts(s) }
}

/// How far the charts' clock is from this machine's: the server's offset,
/// or none when it is under 2 s. The offset is measured from a read's answer
/// and carries the read's time (0.1–1 s on one machine, the start-up read the
/// longest), so the chart moved on that long after the status bar's minute:
/// two frames at every minute's turn, and a fold in between drew the clock
/// alone (Benchmarks/README.md, "Idle bytes"). Within 2 s the new minute's
/// bar, empty at its start, comes with the clock's minute instead.
func chartClockOffset(_ serverOffset: TimeInterval) -> TimeInterval {
    abs(serverOffset) < 2 ? 0 : serverOffset
}

/// Shifts the per-minute and per-hour series when the clock enters a new
/// minute (or when `force`), so the charts move on even when nobody books.
/// `now` is this machine's clock; the windows end at the server's.
func rollBookingMinutes(_ b: inout BookingsState, now: Date, force: Bool = false) {
    let serverNow = now.addingTimeInterval(chartClockOffset(b.serverOffset))
    let nowMinute = BookingActivity.minute(of: serverNow)
    guard force || b.perMinute.count != 60 || nowMinute != b.lastMinute else { return }
    b.lastMinute = nowMinute
    b.minuteCounts = b.minuteCounts.filter { $0.key > nowMinute - 60 }
    let counts = BookingActivityCounts(minutes: b.minuteCounts, hours: b.hourCounts, serverNow: serverNow,
                                       dayStart: b.dayStart ?? serverNow)
    b.perMinute = counts.perMinute(now: serverNow)
    b.perHour = b.dayStart == nil ? [] : counts.perHour(now: serverNow)
}

/// The feed as shown: newest first, through the filters and the `/` search;
/// at most `limit` rows, so a frame copies only what it can show.
func visibleBookings(_ s: State, limit: Int = Int.max) -> [BookingRecord] {
    let f = s.bookings.filter
    let q = s.searchQuery.trimmingCharacters(in: .whitespaces)
    var out: [BookingRecord] = []
    let feed = s.bookings.feed
    out.reserveCapacity(min(feed.count, limit, 2_000))
    var i = 0
    while i < feed.count && out.count < limit {
        let r = relabelled(feed.newest(i), s.bookings)
        if bookingPasses(r, f, q) { out.append(r) }
        i += 1
    }
    return out
}

/// How many rows the filters and search let through.
func visibleBookingCount(_ s: State) -> Int {
    let f = s.bookings.filter
    let q = s.searchQuery.trimmingCharacters(in: .whitespaces)
    if f.isEmpty && q.isEmpty { return s.bookings.feed.count }
    var n = 0
    for i in 0..<s.bookings.feed.count where bookingPasses(relabelled(s.bookings.feed.newest(i), s.bookings), f, q) { n += 1 }
    return n
}

/// The record with its library's current name and city, when the catalog
/// renamed it after the record arrived.
func relabelled(_ r: BookingRecord, _ b: BookingsState) -> BookingRecord {
    guard let lib = b.libraryNames[r.libraryId] else { return r }
    var out = r
    out.libraryName = lib.name
    out.libraryCity = lib.city
    return out
}

func bookingPasses(_ r: BookingRecord, _ f: BookingsFilter, _ q: String) -> Bool {
    if let st = f.status, r.status != st { return false }
    if let sh = f.shard, r.shard != sh { return false }
    if let lib = f.libraryId, r.libraryId != lib { return false }
    return q.isEmpty || bookingMatches(r, q)
}

func bookingMatches(_ r: BookingRecord, _ q: String) -> Bool {
    let fields = [r.libraryName ?? "", r.libraryCity ?? "", r.seatLabel ?? "", r.userName ?? "",
                  r.status.rawValue, r.status.label, r.shard, String(r.id)]
    return fields.contains { TextCompare.containsIgnoringCase($0, q) }
}

/// The theme role a status is drawn in.
func bookingRole(_ st: BookingStatus) -> Role {
    switch st {
    case .reserved: .reserved
    case .checkedIn: .checkedIn
    case .completed: .ok
    case .cancelled: .muted
    case .noShow: .warning
    }
}
