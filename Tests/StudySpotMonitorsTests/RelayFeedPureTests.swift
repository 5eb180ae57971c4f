import Foundation
import Testing
import StudySpotCore
import StudySpotTestSupport
import StudySpotWire
@testable import StudySpotMonitors

/// The relay feed's pure parts: stream ids, replies, the owner's URL, the
/// start-up activity and the seat overlay.
struct RelayFeedPureTests {
    @Test func streamIdsParseOrderAndStartAtADate() {
        #expect(RelayStreamID("1712345678901-3") == RelayStreamID(ms: 1_712_345_678_901, seq: 3))
        #expect(RelayStreamID("12") == nil && RelayStreamID("a-1") == nil && RelayStreamID("1-2-3") == nil)
        #expect(RelayStreamID(ms: 5, seq: 9) < RelayStreamID(ms: 6, seq: 0))
        #expect(RelayStreamID(atOrAfter: Date(timeIntervalSince1970: 1.5)).description == "1500-0")
    }

    @Test func repliesBecomeEntriesAndMalformedOnesAreErrors() throws {
        let entry = RedisReply.array([.bulk(Array("5-1".utf8)), .array([.bulk(Array("id".utf8)), .bulk(Array("7".utf8))])])
        #expect(try RelayStreamReply.entries(.array([entry])) == [RelayStreamEntry(id: RelayStreamID(ms: 5, seq: 1), fields: ["id": "7"])])
        #expect(try RelayStreamReply.read(.null) == [])
        #expect(try RelayStreamReply.read(.array([.array([.bulk(Array("feed:all".utf8)), .array([entry])])])).count == 1)
        expectError({ try RelayStreamReply.entries(.array([.bulk(Array("x".utf8))])) }) { $0 is RelayStreamReply.Malformed }
        expectError({ try RelayStreamReply.read(.error("NOPERM no permissions")) }) { "\($0)".contains("NOPERM") }
    }

    @Test func theOwnerLogsInAsItsOwnUser() throws {
        let login = LoginConfig(user: "owner_17", password: "p@ss:w/rd", ownerId: 17)
        let url = RelayFeedConnect.ownerURL(stateCache: "rediss://:deploymentsecret@cache.example:6380/2?ssl_ca_certs=/ca.pem", login: login)
        #expect(!url.contains("deploymentsecret"))
        let parsed = try RedisURL(parsing: url)
        #expect(parsed.user == "owner_17" && parsed.password == "p@ss:w/rd")
        #expect(parsed.host == "cache.example" && parsed.port == 6380 && parsed.database == 2 && parsed.tls && parsed.caFile == "/ca.pem")
        let plain = try RedisURL(parsing: RelayFeedConnect.ownerURL(stateCache: "redis://127.0.0.1:6379", login: login))
        #expect(plain.user == "owner_17" && plain.port == 6379 && !plain.tls)
    }

    @Test func startUpActivityCountsEachBookingOnceInItsMinute() {
        let from = Date(timeIntervalSince1970: 1_000 * 60)
        let now = from.addingTimeInterval(600)
        func rec(_ id: Int64, _ shard: String, created: Date) -> BookingRecord {
            var r = RelayTestCache.booking(id, owner: 1, shard: shard, created: created)
            r.createdAt = created
            return r
        }
        let records = [rec(1, "neon", created: from.addingTimeInterval(30)), rec(1, "neon", created: from.addingTimeInterval(30)),
                       rec(1, "supabase", created: from.addingTimeInterval(90)), rec(2, "neon", created: from.addingTimeInterval(-60)),
                       rec(3, "neon", created: now.addingTimeInterval(3_600))]
        let start = RelayFeedCounts.start(records, from: from, now: now, appendedUpTo: now.addingTimeInterval(-1))
        #expect(start.minutes["neon"] == [1_000: 1, BookingActivity.minute(of: now): 1])
        #expect(start.minutes["supabase"] == [1_001: 1])
        #expect(start.cutoffs["neon"] == now && start.cutoffs["supabase"] == from.addingTimeInterval(90))
        #expect(start.cutoff == now.addingTimeInterval(-1))
    }

    @Test func aChangeNewerThanTheStoredMapIsLaidOverIt() {
        let loaded = Date()
        let lib = SeatLibrary(id: 9, name: "N", city: "C", ownerId: 1)
        let seat = SeatInfo(id: 901, libraryId: 9, label: "A1", zone: "Z", row: 1, column: 1, state: "active")
        let old = RelayTestCache.booking(1, owner: 1, library: 9, updated: loaded.addingTimeInterval(-10))
        let map = SeatMapSnapshot(library: lib, seats: [seat], bookings: [old], loadedAt: loaded)
        var newer = RelayTestCache.booking(1, owner: 1, library: 9, status: .checkedIn, updated: loaded.addingTimeInterval(1))
        newer.seatLabel = nil
        let stale = RelayTestCache.booking(1, owner: 1, library: 9, status: .cancelled, updated: loaded.addingTimeInterval(-20))
        let added = RelayTestCache.booking(2, owner: 1, library: 9)
        let elsewhere = RelayTestCache.booking(3, owner: 1, library: 10)
        let out = RelaySeatCache.overlay(map, [newer, stale, added, elsewhere])
        #expect(out.bookings.map(\.id) == [1, 2])
        #expect(out.bookings[0].status == .checkedIn && out.bookings[0].seatLabel == "A1")
        var cache = RelaySeatCache()
        cache.store(libraryId: 9, json: "{not json")
        #expect(cache.failures[9]?.contains("not valid JSON") == true && cache.maps[9] == nil)
        cache.store(libraryId: 9, json: nil)
        #expect(cache.failures[9]?.contains("no seat map for library 9") == true)
    }
}
