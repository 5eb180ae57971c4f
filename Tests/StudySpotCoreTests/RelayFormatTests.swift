import Foundation
import Testing
@testable import StudySpotCore

/// The relay's encoding, as a pure function: what the relay writes, a console reads back unchanged.
struct RelayFormatTests {
    func record() -> BookingRecord {
        var r = BookingRecord(id: 42, shard: "neon", userId: 7, userName: "Aarav ज्ञान", libraryId: 3, ownerId: 9, seatId: 301,
                              startsAt: Date(timeIntervalSince1970: 1_765_000_000.123456), endsAt: Date(timeIntervalSince1970: 1_765_007_200),
                              status: .checkedIn, amountPaise: -1250, createdAt: Date(timeIntervalSince1970: 1_764_990_000.000001),
                              updatedAt: Date(timeIntervalSince1970: 1_765_000_100.654321), libraryName: "Pune Hall", libraryCity: "Pune",
                              seatLabel: "A1")
        r.catalogMatch = .ownerMismatch
        return r
    }

    @Test func aChangeSurvivesTheRoundTripWithItsKey() throws {
        let r = record()
        let back = try RelayEntry.record(Dictionary(uniqueKeysWithValues: RelayEntry.fields(r))).get()
        #expect(back == r)
        #expect(back.changeKey == r.changeKey)
    }

    @Test func optionalNamesStayAbsent() throws {
        var r = record()
        r.userName = nil; r.libraryName = nil; r.libraryCity = nil; r.seatLabel = nil; r.catalogMatch = .unchecked
        let f = Dictionary(uniqueKeysWithValues: RelayEntry.fields(r))
        #expect(f["user_name"] == nil && f["catalog"] == nil)
        #expect(try RelayEntry.record(f).get() == r)
    }

    @Test func aBrokenEntrySaysWhichField() {
        var f = Dictionary(uniqueKeysWithValues: RelayEntry.fields(record()))
        f["updated"] = "yesterday"
        #expect(RelayEntry.record(f) == .failure(RelayEntryError(field: "updated", problem: "not a whole number: yesterday")))
        f.removeValue(forKey: "shard")
        #expect(RelayEntry.record(f) == .failure(RelayEntryError(field: "shard", problem: "missing")))
        f["shard"] = "neon"; f["updated"] = "1"; f["status"] = "lost"
        #expect(RelayEntry.record(f) == .failure(RelayEntryError(field: "status", problem: "not a booking status: lost")))
    }

    @Test func aSeatMapSurvivesJSON() throws {
        let seats = [SeatInfo(id: 301, libraryId: 3, label: "A1", zone: "Quiet", row: 1, column: 1),
                     SeatInfo(id: 302, libraryId: 3, label: "A2", zone: "AC", row: 1, column: 2, state: "maintenance")]
        let snap = SeatMapSnapshot(library: SeatLibrary(id: 3, name: "Pune Hall", city: "Pune", ownerId: 9), seats: seats,
                                   bookings: [record()], loadedAt: Date(timeIntervalSince1970: 1_765_000_200.5), shardErrors: ["xata": "refused"])
        let json = try JSONEncoder().encode(RelaySeatState(snap))
        #expect(try JSONDecoder().decode(RelaySeatState.self, from: json).snapshot == snap)
    }

    @Test func readingsSurviveJSON() throws {
        var shard = ShardHealth(name: "neon", provider: "neon", role: .users, users: UserRange(lower: 1, upper: 7500))
        shard.sizeBytes = 123; shard.checkedAt = Date(timeIntervalSince1970: 1_765_000_000)
        var cache = CacheHealth(name: "upstash", provider: "upstash", role: .state)
        cache.usedMemoryBytes = 1_000
        var instance = InstanceHealth(config: InstanceConfig(name: "render-1", provider: "render", url: "https://example.org", priority: 1, weight: 60, sleeps: false))
        instance.latencies.add(0.2)
        let r = RelayReadings(shards: [shard], caches: [cache], instances: [instance], stateCacheError: nil,
                              publishedAt: Date(timeIntervalSince1970: 1_765_000_000))
        #expect(try JSONDecoder().decode(RelayReadings.self, from: JSONEncoder().encode(r)) == r)
    }
}
