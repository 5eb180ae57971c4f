import Foundation
import Testing
@testable import StudySpotCore

/// The compact today's tally (found by the soak) against the plain
/// model it replaced: a dictionary of each booking's last status.
@Suite("Today's tally: compact and exact")
struct BookingTodayTallySoakTests {
    let ist = TimeZone(identifier: "Asia/Kolkata")!
    let noon = Date(timeIntervalSince1970: 1_764_052_200) // 2025-11-25 12:00 IST

    struct Key: Hashable { var shard: String; var id: Int64 }

    @Test func agreesWithTheDictionaryModelOnARandomStream() {
        var tally = BookingTodayTally(now: noon, timeZone: ist)
        var model: [Key: BookingStatus] = [:]
        var rng = SystemRandomNumberGenerator()
        var next: Int64 = 1_000
        let shards = ["neon", "supabase", "planetscale"]
        for step in 0..<60_000 {
            let shard = shards[Int.random(in: 0..<3, using: &rng)]
            let id: Int64
            switch Int.random(in: 0..<10, using: &rng) {
            case 0..<5: next += Int64.random(in: 1...3, using: &rng); id = next  // a new booking
            case 5..<9: id = Int64.random(in: 1_000...max(1_001, next), using: &rng)  // a change to an older one, or a late one
            default: id = Int64.random(in: Int64.min / 2...Int64.max / 2, using: &rng)  // hostile ids anywhere
            }
            let status = BookingStatus.allCases.randomElement(using: &rng)!
            let today = Int.random(in: 0..<20, using: &rng) != 0
            let startsAt = today ? noon : noon.addingTimeInterval(86_400)
            tally.record(shard: shard, id: id, startsAt: startsAt, status: status)
            if today { model[Key(shard: shard, id: id)] = status }
            if step % 20_000 == 19_999 {
                // A shard reconnects: its share is forgotten before the reload.
                tally.reset(shard: "supabase")
                model = model.filter { $0.key.shard != "supabase" }
            }
        }
        var expected = Dictionary(uniqueKeysWithValues: BookingStatus.allCases.map { ($0.rawValue, 0) })
        for s in model.values { expected[s.rawValue, default: 0] += 1 }
        #expect(tally.counts == expected)
        #expect(tally.counts.values.reduce(0, +) == model.count)
    }

    @Test func aLoadByStatusIsTheSameTallyAsARecordOfEachBooking() {
        var rng = SystemRandomNumberGenerator()
        var groups: [(status: BookingStatus, ids: [Int64])] = BookingStatus.allCases.map { ($0, []) }
        var recorded = BookingTodayTally(now: noon, timeZone: ist)
        for _ in 0..<30_000 {
            let g = Int.random(in: 0..<groups.count, using: &rng)
            // Some ids listed under two statuses: the later listing wins.
            let id = Int64.random(in: 1...20_000, using: &rng)
            groups[g].ids.append(id)
        }
        for g in groups { for id in g.ids { recorded.record(shard: "planetscale", id: id, startsAt: noon, status: g.status) } }
        // Another shard's bookings stay as they were.
        recorded.record(shard: "neon", id: 7, startsAt: noon, status: .cancelled)
        var loaded = BookingTodayTally(now: noon, timeZone: ist)
        loaded.record(shard: "neon", id: 7, startsAt: noon, status: .cancelled)
        loaded.record(shard: "planetscale", id: 1, startsAt: noon, status: .noShow)  // replaced by the load
        loaded.load(shard: "planetscale", idsByStatus: groups.map { ($0.status, $0.ids.shuffled()) })
        #expect(loaded.counts == recorded.counts)
        // And it goes on like the recorded one: a change to a loaded booking moves one count.
        let id = groups[1].ids[0]
        recorded.record(shard: "planetscale", id: id, startsAt: noon, status: .completed)
        loaded.record(shard: "planetscale", id: id, startsAt: noon, status: .completed)
        #expect(loaded.counts == recorded.counts)
    }

    @Test func theSameChangeTwiceCountsOnce() {
        var t = BookingTodayTally(now: noon, timeZone: ist)
        for _ in 0..<3 { t.record(shard: "neon", id: 7, startsAt: noon, status: .checkedIn) }
        t.record(shard: "supabase", id: 7, startsAt: noon, status: .reserved) // the same id on another shard is another booking
        #expect(t.counts == ["reserved": 1, "checked_in": 1, "completed": 0, "cancelled": 0, "no_show": 0])
    }

    @Test func aDayRollForgetsEverything() {
        var t = BookingTodayTally(now: noon, timeZone: ist)
        for id in Int64(1)...10_000 { t.record(shard: "neon", id: id, startsAt: noon, status: .reserved) }
        #expect(t.counts["reserved"] == 10_000)
        let rolled = t.rollIfNeeded(now: noon.addingTimeInterval(86_400))
        #expect(rolled)
        #expect(t.counts.values.reduce(0, +) == 0)
        t.record(shard: "neon", id: 1, startsAt: noon.addingTimeInterval(86_400), status: .completed)
        #expect(t.counts["completed"] == 1)
    }

    /// Ids are kept as 32-bit halves in blocks per high half: ids around the
    /// halves' edges, negative ones and far-apart ones, loaded and recorded,
    /// against the dictionary of each booking's last status.
    @Test func idsAcrossHighHalvesLoadAndRecordLikeTheModel() {
        var rng = SystemRandomNumberGenerator()
        let bases: [Int64] = [0, 1 << 32, (1 << 32) - 50, 7_000_000_000_000, -(1 << 32), Int64.max - 100, Int64.min]
        func someId() -> Int64 { bases.randomElement(using: &rng)!.addingReportingOverflow(Int64.random(in: 0...100, using: &rng)).partialValue }
        var groups: [(status: BookingStatus, ids: [Int64])] = BookingStatus.allCases.map { ($0, []) }
        for _ in 0..<5_000 { groups[Int.random(in: 0..<groups.count, using: &rng)].ids.append(someId()) }
        var model: [Int64: BookingStatus] = [:]
        for g in groups { for id in g.ids { model[id] = g.status } }
        var loaded = BookingTodayTally(now: noon, timeZone: ist)
        loaded.load(shard: "neon", idsByStatus: groups.map { ($0.status, $0.ids.shuffled()) })
        var recorded = BookingTodayTally(now: noon, timeZone: ist)
        for g in groups { for id in g.ids { recorded.record(shard: "neon", id: id, startsAt: noon, status: g.status) } }
        func expected() -> [String: Int] {
            var e = Dictionary(uniqueKeysWithValues: BookingStatus.allCases.map { ($0.rawValue, 0) })
            for st in model.values { e[st.rawValue, default: 0] += 1 }
            return e
        }
        #expect(loaded.counts == expected() && recorded.counts == expected())
        for _ in 0..<5_000 {
            let id = someId(), status = BookingStatus.allCases.randomElement(using: &rng)!
            loaded.record(shard: "neon", id: id, startsAt: noon, status: status)
            model[id] = status
        }
        #expect(loaded.counts == expected())
    }
}
