import Foundation
import Testing
import StudySpotCore

@Suite("Booking feed building blocks: payloads, dedupe, ring buffer, today's tally")
struct BookingFeedCoreTests {
    @Test(arguments: [
        (#"{"id" : 42, "op" : "INSERT"}"#, Int64(42)),
        (#"{"id":9007199254740993,"op":"UPDATE"}"#, Int64(9007199254740993)),
        (#"{"op":"UPDATE","id":7,"extra":[1,2]}"#, Int64(7)),
    ])
    func payloadsNameTheRowToReRead(_ payload: String, _ id: Int64) {
        #expect(BookingPayload.bookingId(payload) == id)
    }

    @Test(arguments: ["", "garbage", "{}", #"{"id":"42"}"#, #"{"id":-1}"#, #"{"id":0}"#, #"{"id":1.5}"#,
                      #"{"id":true}"#, #"{"id":null}"#, "[1,2]", #"{"id":99999999999999999999999}"#,
                      "{\"id\":1" , String(repeating: " ", count: 9_000) + #"{"id":1}"#])
    func garbagePayloadsAreIgnored(_ payload: String) {
        #expect(BookingPayload.bookingId(payload) == nil)
    }

    @Test func theSameChangeIsAdmittedOnceAndTheWatermarkMovesForward() {
        var f = BookingChangeFilter(margin: 10)
        let t = Date(timeIntervalSince1970: 1_000_000)
        #expect(f.catchUpFrom("neon") == nil)
        do { let ok = f.admit(BookingChangeKey(shard: "neon", id: 1, updatedAt: t)); #expect(ok) }
        do { let ok = f.admit(BookingChangeKey(shard: "neon", id: 1, updatedAt: t)); #expect(!ok, "the same change twice") }
        do { let ok = f.admit(BookingChangeKey(shard: "neon", id: 1, updatedAt: t.addingTimeInterval(1))); #expect(ok, "a later change of the same row") }
        do { let ok = f.admit(BookingChangeKey(shard: "supabase", id: 1, updatedAt: t)); #expect(ok, "another shard's row with the same id") }
        do { let ok = f.admit(BookingChangeKey(shard: "neon", id: 2, updatedAt: t.addingTimeInterval(-5))); #expect(ok, "committed late, stamped earlier") }
        #expect(f.catchUpFrom("neon") == t.addingTimeInterval(1 - 10))
        // Keys within the catch-up window survive pruning, so a catch-up cannot show them twice.
        f.prune()
        do { let ok = f.admit(BookingChangeKey(shard: "neon", id: 2, updatedAt: t.addingTimeInterval(-5))); #expect(!ok) }
        do { let ok = f.admit(BookingChangeKey(shard: "neon", id: 3, updatedAt: t.addingTimeInterval(100))); #expect(ok) }
        f.prune()
        #expect(f.rememberedCount == 2, "old keys are forgotten: neon 3 and supabase 1 remain")
    }

    @Test func aLongStreamAt250PerSecondStaysNearThePruneFloorAndStillRefusesRepeats() {
        var f = BookingChangeFilter(margin: 10)
        let t0 = Date(timeIntervalSince1970: 3_000_000)
        var keys: [BookingChangeKey] = []
        for i in 0..<30_000 {
            let key = BookingChangeKey(shard: "planetscale", id: Int64(i), updatedAt: t0.addingTimeInterval(Double(i) * 0.004))
            keys.append(key)
            let ok = f.admit(key)
            #expect(ok)
        }
        // 20 s (twice the margin) at 250/s is 5,000 keys; pruning keeps about that.
        #expect(f.rememberedCount <= 2 * BookingChangeFilter.pruneFloor)
        // Everything a catch-up may read again (the last margin) is still refused.
        var repeats = 0
        for key in keys.suffix(2_500) where f.admit(key) { repeats += 1 }
        #expect(repeats == 0)
    }

    @Test func aRowStampedInTheFutureDoesNotMoveTheWatermarkPastTheServersClock() {
        var f = BookingChangeFilter(margin: 10)
        let now = Date(timeIntervalSince1970: 2_000_000)
        let ok = f.admit(BookingChangeKey(shard: "neon", id: 1, updatedAt: now.addingTimeInterval(86_400 * 3)), serverNow: now)
        #expect(ok)
        #expect(f.catchUpFrom("neon") == now.addingTimeInterval(-10))
    }

    @Test func aResumedShardCatchesUpFromWhereItLeftOffUnlessItSawSomethingAlready() {
        var f = BookingChangeFilter(margin: 10)
        let t = Date(timeIntervalSince1970: 3_000_000)
        f.resume("neon", from: t)
        #expect(f.catchUpFrom("neon") == t.addingTimeInterval(-10))
        #expect(f.catchUpFrom("supabase") == nil)
        _ = f.admit(BookingChangeKey(shard: "supabase", id: 1, updatedAt: t))
        f.resume("supabase", from: t.addingTimeInterval(-500))
        #expect(f.catchUpFrom("supabase") == t.addingTimeInterval(-10), "what it saw wins")
    }

    @Test func theRingKeepsOnlyTheNewest() {
        var r = BookingRing<Int>(capacity: 3)
        r.append(contentsOf: 1...5)
        #expect(r.count == 3)
        #expect(r.newestFirst == [5, 4, 3])
        r.append(6)
        #expect(r.newest(0) == 6 && r.newest(2) == 4)
    }

    @Test func theRingKeepsExactlyItsCapacityAcrossChunksAndCopiesStayIndependent() {
        var r = BookingRing<Int>(capacity: 1_000)
        r.append(contentsOf: 0..<2_345)
        #expect(r.count == 1_000)
        #expect(r.newest(0) == 2_344 && r.newest(999) == 1_345)
        #expect(r.newestFirst == Array((1_345..<2_345).reversed()))
        let copy = r
        r.append(9_999)
        r.updateAll { $0 += 1 }
        #expect(copy.newest(0) == 2_344 && copy.count == 1_000)
        #expect(r.newest(0) == 10_000 && r.newest(999) == 1_347 && r.count == 1_000)
    }

    @Test func todaysTallyMovesABookingBetweenStatusesAndIgnoresOtherDays() {
        let ist = TimeZone(identifier: "Asia/Kolkata")!
        let noonIST = Date(timeIntervalSince1970: 1_764_052_200) // 2025-11-25 12:00 IST
        var t = BookingTodayTally(now: noonIST, timeZone: ist)
        t.record(shard: "neon", id: 1, startsAt: noonIST, status: .reserved)
        t.record(shard: "neon", id: 2, startsAt: noonIST, status: .reserved)
        t.record(shard: "neon", id: 1, startsAt: noonIST, status: .checkedIn)
        t.record(shard: "neon", id: 3, startsAt: noonIST.addingTimeInterval(86_400), status: .reserved)
        #expect(t.counts == ["reserved": 1, "checked_in": 1, "completed": 0, "cancelled": 0, "no_show": 0])
        let rolled = t.rollIfNeeded(now: noonIST.addingTimeInterval(86_400))
        #expect(rolled)
        #expect(t.counts.values.reduce(0, +) == 0)
    }

    @Test func amountsReadAsRupees() {
        var b = BookingRecord(id: 1, shard: "neon", userId: 1, libraryId: 1, ownerId: 1, seatId: 1, startsAt: Date(),
                              endsAt: Date(), status: .reserved, amountPaise: 5000, createdAt: Date(), updatedAt: Date())
        #expect(b.amountText == "₹50")
        b.amountPaise = 1205
        #expect(b.amountText == "₹12.05")
    }
}
