import Foundation
import Testing
import StudySpotCore
@testable import StudySpotConsole
@testable import TerminalUI

@Suite("The frame path: clock texts without Calendar, merged booking batches, prompt events")
struct FramePathTests {
    func calendarText(_ d: Date, _ tz: TimeZone) -> (day: String, clock: String, dayNumber: String) {
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = tz
        let c = cal.dateComponents([.year, .month, .day, .hour, .minute, .second], from: d)
        func two(_ n: Int?) -> String { String(format: "%02d", n ?? 0) }
        return ("\(c.day!) \(ClockText.months[c.month! - 1])", "\(two(c.hour)):\(two(c.minute)):\(two(c.second))",
                "\(c.year!)-\(c.month!)-\(c.day!)")
    }

    @Test("ClockText agrees with Calendar across zones, DST changes and centuries",
          arguments: ["Asia/Kolkata", "UTC", "America/New_York", "Europe/London", "Australia/Lord_Howe", "Asia/Kathmandu", "Pacific/Chatham"])
    func clockMatchesCalendar(_ zone: String) throws {
        let tz = try #require(TimeZone(identifier: zone))
        var rng = SystemRandomNumberGenerator()
        // Around DST changes (every 7.5 minutes through 2026) and random moments from 1900 to 2200.
        var moments = stride(from: 1_767_225_600.0, to: 1_798_761_600, by: 450).map { Date(timeIntervalSince1970: $0) }
        moments += (0..<2_000).map { _ in Date(timeIntervalSince1970: Double.random(in: -2_208_988_800...7_258_118_400, using: &rng).rounded(.down)) }
        for d in moments {
            let want = calendarText(d, tz)
            #expect(ClockText.clock(d, tz) == want.clock, "\(zone) \(d)")
            #expect(ClockText.dayAndClock(d, tz) == "\(want.day) \(want.clock)", "\(zone) \(d)")
            let l = ClockText.local(d, tz)
            #expect("\(l.year)-\(l.month)-\(l.day)" == want.dayNumber, "\(zone) \(d)")
        }
    }

    @Test("A feed time is the clock on the same day and the date on another")
    func feedTimes() {
        let ist = TimeZone(identifier: "Asia/Kolkata")!
        let noon = Date(timeIntervalSince1970: 1_764_052_200) // 2025-11-25 12:00 IST
        #expect(ClockText.feedTime(noon.addingTimeInterval(-3_600), now: noon, ist) == "11:00:00")
        #expect(ClockText.feedTime(noon.addingTimeInterval(-13 * 3_600), now: noon, ist) == "24 Nov")
    }

    func record(_ id: Int64) -> BookingRecord {
        let t = Date(timeIntervalSince1970: 1_764_052_200 + Double(id))
        return BookingRecord(id: id, shard: "neon", userId: 1, libraryId: 1, ownerId: 1, seatId: 1, startsAt: t, endsAt: t,
                             status: .reserved, createdAt: t, updatedAt: t)
    }

    @Test("Redraw decisions compare every field of a pane's state, none left out")
    func fullEquality() {
        var a = BookingsState()
        a.feed.append(contentsOf: (1...600).map(record))
        var b = a
        #expect(a == b)
        b.feed.append(contentsOf: [record(601)])  // without a revision bump
        #expect(a != b)
        b = a; b.minuteCounts[1] = 1
        #expect(a != b)
        b = a; b.liveSince = Date(timeIntervalSince1970: 0)
        #expect(a != b)
        b = a; b.recent = [BookingSummary(id: 1, library: "l", seat: "s", status: "reserved", updatedAt: Date(timeIntervalSince1970: 0))]
        #expect(a != b)
        var q = QuotasState(), r = q
        r.problems = ["usage: negative amount"]
        #expect(q != r)
        q.problems = r.problems
        #expect(q == r)
    }

    @Test("Booking batches merge in order and keep the newest shard states; other events do not merge")
    func batchesMerge() {
        var pending = Event.data(.bookings(.batch(BookingFeedBatch(changes: [record(1)], today: ["reserved": 1],
                                                                   shardStatus: ["neon": "catching up"], initialLoadDone: false))))
        #expect(Event.merge(&pending, .data(.bookings(.batch(BookingFeedBatch(changes: [record(2), record(3)], today: ["reserved": 3],
                                                                              shardStatus: ["neon": "live"]))))))
        guard case .data(.bookings(.batch(let b))) = pending else { Issue.record("not a batch"); return }
        #expect(b.changes.map(\.id) == [1, 2, 3])
        #expect(b.shardStatus == ["neon": "live"] && b.initialLoadDone && b.today == ["reserved": 3])
        #expect(!Event.merge(&pending, .tick(Date())))
        var tick = Event.tick(Date())
        #expect(!Event.merge(&tick, pending))
    }

    @Test("Feed batches, seat maps, action results and status lines wake the loop; periodic readings wait")
    func promptEvents() {
        #expect(MonitorEvent.bookings(.batch(BookingFeedBatch(changes: []))).isPrompt)
        #expect(MonitorEvent.status(source: "x", text: "y").isPrompt)
        #expect(MonitorEvent.instances(.actionResult(ok: true, message: "done")).isPrompt)
        #expect(!MonitorEvent.instances(.reading([], stateCacheError: nil)).isPrompt)
        #expect(!MonitorEvent.shards(.configured([])).isPrompt)
        #expect(!MonitorEvent.caches(.configured([])).isPrompt)
    }

    @Test("Until the pane has loaded, readings wake the loop too; afterwards they wait quietly")
    func posterSettles() {
        let q = EventQueue<Event>(merge: Event.merge)
        let poster = MonitorPoster(queue: q)
        poster.post(.shards(.configured([])))
        #expect(q.waitForPush(timeoutMS: 0))
        _ = q.drain()
        poster.settle()
        poster.post(.shards(.configured([])))
        #expect(q.waitForPush(timeoutMS: 0) && !q.acknowledge(), "the first quiet reading says readings wait, no more")
        poster.post(.shards(.configured([])))
        #expect(!q.waitForPush(timeoutMS: 0) && q.count == 2)
        poster.post(.bookings(.batch(BookingFeedBatch(changes: []))))
        #expect(q.waitForPush(timeoutMS: 0))
    }
}
