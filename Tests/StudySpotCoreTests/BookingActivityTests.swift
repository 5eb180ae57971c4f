import Foundation
import Testing
@testable import StudySpotCore

@Suite("BookingActivity: bookings made per minute and per hour, read back and live, on the server's clock")
struct BookingActivityTests {
    // 2025-11-25 06:30:30 UTC = 12:00:30 IST.
    static let now = Date(timeIntervalSince1970: 1_764_052_230)
    static let nowMinute = BookingActivity.minute(of: now)
    static let kolkata = TimeZone(identifier: "Asia/Kolkata")!
    static let dayStart = Date(timeIntervalSince1970: 1_764_009_000)  // 2025-11-24 18:30 UTC = midnight IST

    @Test("The read-back fills the last hour's minutes and today's hours")
    func readBack() {
        var a = BookingActivity(timeZone: Self.kolkata)
        // 3 made two minutes ago, 5 ninety minutes ago (today, outside the hour), 4 yesterday.
        let yesterday = BookingActivity.minute(of: Self.dayStart) - 10
        a.replace(shard: "neon", minuteCounts: [Self.nowMinute - 2: 3, Self.nowMinute - 90: 5, yesterday: 4], serverNow: Self.now)
        let c = a.counts(serverNow: Self.now, localNow: Self.now)
        #expect(c.dayStart == Self.dayStart)
        let minutes = c.perMinute(now: Self.now)
        #expect(minutes.count == 60 && minutes[57] == 3 && minutes.reduce(0, +) == 3)
        let hours = c.perHour(now: Self.now)
        #expect(hours.count == 13, "midnight to noon IST")
        #expect(hours[11] == 3 && hours[10] == 5 && hours.reduce(0, +) == 8, "yesterday's 4 are not today's")
    }

    @Test("A booking counts once: not again when the feed re-reads it, not when the read-back had it")
    func liveCountsOnce() {
        var a = BookingActivity(timeZone: Self.kolkata)
        a.replace(shard: "neon", minuteCounts: [Self.nowMinute: 1], serverNow: Self.now)
        let later = Self.now.addingTimeInterval(20)
        // Made before the read-back: already in its count.
        do { let counted = a.record(shard: "neon", id: 1, createdAt: Self.now.addingTimeInterval(-1), serverNow: later); #expect(!counted) }
        do { let counted = a.record(shard: "neon", id: 2, createdAt: Self.now.addingTimeInterval(10), serverNow: later); #expect(counted) }
        do { let counted = a.record(shard: "neon", id: 2, createdAt: Self.now.addingTimeInterval(10), serverNow: later); #expect(!counted, "its check-in") }
        // Another shard's id 2 is another booking, but its shard has not read back yet.
        do { let counted = a.record(shard: "supabase", id: 2, createdAt: Self.now.addingTimeInterval(10), serverNow: later); #expect(!counted) }
        a.replace(shard: "supabase", minuteCounts: [:], serverNow: Self.now)
        do { let counted = a.record(shard: "supabase", id: 2, createdAt: Self.now.addingTimeInterval(10), serverNow: later); #expect(counted) }
        #expect(a.counts(serverNow: later, localNow: later).perMinute(now: later).last == 3)
    }

    @Test("A booking stamped a day ahead counts in the server's current minute and moves no window")
    func futureClamped() {
        var a = BookingActivity(timeZone: Self.kolkata)
        a.replace(shard: "neon", minuteCounts: [Self.nowMinute - 5: 7], serverNow: Self.now)
        let later = Self.now.addingTimeInterval(5)
        do { let counted = a.record(shard: "neon", id: 9, createdAt: Self.now.addingTimeInterval(33 * 3_600), serverNow: later); #expect(counted) }
        let c = a.counts(serverNow: later, localNow: later)
        let minutes = c.perMinute(now: later)
        #expect(minutes[54] == 7 && minutes[59] == 1 && minutes.reduce(0, +) == 8)
        #expect(c.minutes.keys.allSatisfy { $0 <= Self.nowMinute })
        #expect(c.hours.keys.allSatisfy { Double($0) <= later.timeIntervalSince1970 })
    }

    @Test("An id counted is remembered through its hour, minute by minute, and forgotten after it")
    func seenForTheHour() {
        var a = BookingActivity(timeZone: Self.kolkata)
        a.replace(shard: "neon", minuteCounts: [:], serverNow: Self.now)
        let made = Self.now.addingTimeInterval(10)
        for id in 1...100 { a.record(shard: "neon", id: Int64(id), createdAt: made, serverNow: made) }
        #expect(a.seenIds == 100)
        // The feed reads the same bookings again (check-ins, cancellations) through the hour.
        for m in 1...59 {
            let later = made.addingTimeInterval(Double(m) * 60)
            let again = (1...100).filter { a.record(shard: "neon", id: Int64($0), createdAt: made, serverNow: later) }
            #expect(again.isEmpty, "minute \(m)")
        }
        let hourLater = made.addingTimeInterval(59 * 60)
        #expect(a.counts(serverNow: hourLater, localNow: hourLater).perMinute(now: hourLater).reduce(0, +) == 100)
        // Out of the hour: neither counted nor remembered.
        let after = made.addingTimeInterval(62 * 60)
        let oldOne = a.record(shard: "neon", id: 1, createdAt: made, serverNow: after)
        #expect(!oldOne)
        #expect(a.seenIds == 0)
        let newOne = a.record(shard: "neon", id: 101, createdAt: after, serverNow: after)
        #expect(newOne)
        #expect(a.seenIds == 1)
    }

    @Test("Hours without a booking, then one: what was remembered is gone, whatever the minutes' low bytes say")
    func longSilence() {
        var a = BookingActivity(timeZone: Self.kolkata)
        a.replace(shard: "neon", minuteCounts: [:], serverNow: Self.now)
        let made = Self.now.addingTimeInterval(10)
        // 256 minutes apart, the two minutes' low bytes are the same.
        let counted = [(7, made), (8, made.addingTimeInterval(256 * 60))].map { id, at in
            a.record(shard: "neon", id: Int64(id), createdAt: at, serverNow: at)
        }
        #expect(counted == [true, true])
        #expect(a.seenIds == 1)
    }

    @Test("A reconnect's read-back replaces the shard's counts instead of adding to them")
    func replaceOnReconnect() {
        var a = BookingActivity(timeZone: Self.kolkata)
        a.replace(shard: "neon", minuteCounts: [Self.nowMinute - 1: 4], serverNow: Self.now)
        a.replace(shard: "neon", minuteCounts: [Self.nowMinute - 1: 4, Self.nowMinute: 1], serverNow: Self.now)
        #expect(a.counts(serverNow: Self.now, localNow: Self.now).perMinute(now: Self.now).reduce(0, +) == 5)
    }

    @Test("The server's clock ahead of ours is kept as an offset")
    func offset() {
        let a = BookingActivity(timeZone: Self.kolkata)
        let c = a.counts(serverNow: Self.now.addingTimeInterval(42), localNow: Self.now)
        #expect(c.serverOffset == 42)
    }
}
