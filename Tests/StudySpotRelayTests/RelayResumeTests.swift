import Foundation
import StudySpotCore
import Testing
@testable import StudySpotRelay

/// Where a restarted relay resumes, from the tail of feed:all (pure).
struct RelayResumeTests {
    func entry(_ shard: String, _ id: Int64, updated: Double) -> [String: String] {
        let at = Date(timeIntervalSince1970: updated)
        let r = BookingRecord(id: id, shard: shard, userId: 1, userName: nil, libraryId: 11, ownerId: 1, seatId: 1101,
                              startsAt: at, endsAt: at, status: .reserved, amountPaise: 0, createdAt: at, updatedAt: at,
                              libraryName: nil, libraryCity: nil, seatLabel: nil)
        return Dictionary(RelayEntry.fields(r), uniquingKeysWith: { a, _ in a })
    }

    @Test func keepsTheChangesWithinTheMarginOfEachShardsNewest() {
        var r = RelayResume(margin: 10)
        // Newest first, as XREVRANGE gives them; stream ids (milliseconds) about a second after each change.
        r.add(id: "1000001000-0", fields: entry("neon", 3, updated: 1_000_000))
        r.add(id: "1000000996-0", fields: entry("supabase", 9, updated: 999_995))
        r.add(id: "1000000995-0", fields: entry("neon", 2, updated: 999_994))
        #expect(!r.isComplete(usersShards: ["neon", "supabase"]), "appended within the margin")
        r.add(id: "999900000-0", fields: entry("neon", 1, updated: 999_899))
        r.add(id: "999890000-0", fields: ["id": "x"])
        #expect(r.isComplete(usersShards: ["neon", "supabase"]))
        #expect(!r.isComplete(usersShards: ["neon", "supabase", "planetscale"]), "a shard not seen yet")
        #expect(r.newest["neon"] == Date(timeIntervalSince1970: 1_000_000))
        #expect(Set(r.delivered.map(\.id)) == [3, 9, 2], "id 1 is older than twice the margin")
        #expect(r.undecodable == 1 && r.entries == 5)
        #expect(r.startFrom(usersShards: ["neon", "planetscale"]) == ["planetscale": Date(timeIntervalSince1970: 999_899)])
    }

    @Test func anEmptyStreamResumesNothing() {
        let r = RelayResume(margin: 10)
        #expect(r.delivered.isEmpty && r.startFrom(usersShards: ["neon"]).isEmpty && !r.isComplete(usersShards: ["neon"]))
    }
}
