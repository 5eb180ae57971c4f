import Foundation
import StudySpotMonitors
import StudySpotWire
import Testing
import StudySpotCore
import StudySpotConsole
import StudySpotTestSupport
import TerminalUI

/// The bookings charts' series against the real stack: read back at start,
/// kept by the live feed without counting a booking twice, and library names
/// that follow the catalog while the console runs.
@Suite(.serialized) struct BookingChartsFeedTests {
    func startFeed(_ p: OwnerViewPlatform, _ console: OwnerViewConsole, namesRefresh: TimeInterval = 60) -> BookingFeed {
        var o = BookingFeed.Options()
        o.namesRefresh = namesRefresh
        let feed = BookingFeed(topology: p.topology, login: nil, options: o) { console.post(.bookings(.batch($0))) }
        feed.start()
        return feed
    }

    /// Bookings made in minute `m` (minutes since 1970) on every users shard, counted by SQL.
    func madeIn(minute m: Int64, _ p: OwnerViewPlatform) throws -> Int {
        var n = 0
        for s in p.shards {
            n += Int(try p.writer(s.name).query("""
                SELECT count(*) AS n FROM bookings WHERE created_at >= to_timestamp($1::bigint * 60) AND created_at < to_timestamp(($1::bigint + 1) * 60)
                """, [m]).first?.int("n") ?? 0)
        }
        return n
    }

    func minute(of id: Int64, on shard: ShardConfig, _ p: OwnerViewPlatform) throws -> Int64 {
        try p.writer(shard.name).query("SELECT floor(extract(epoch FROM created_at) / 60)::bigint AS m FROM bookings WHERE id = $1", [id])
            .first!.int("m")
    }

    @Test func aFreshConsoleShowsTheLastHourAndAFutureStampMovesNothing() throws {
        let p = try OwnerViewPlatform(isolated: "charts_fresh")
        defer { p.cleanUp() }
        // Made five minutes before the console starts, and one stamped 33 hours ahead (as the seed writes).
        var ids: [Int64] = []
        for n in 1...3 { ids.append(try p.insert(p.shards[0], madeAt: "-5 minutes", seat: n)) }
        try p.insert(p.shards[1], madeAt: "33 hours", seat: 4)
        let m = try minute(of: ids[0], on: p.shards[0], p)
        let expected = try madeIn(minute: m, p)
        #expect(expected >= 3)
        let console = OwnerViewConsole()
        let feed = startFeed(p, console)
        defer { feed.stop() }
        #expect(console.wait { $0.state.bookings.loaded && $0.state.bookings.minuteCounts[m] == expected },
                "read back \(String(describing: console.state.bookings.minuteCounts[m])) of \(expected)")
        let b = console.state.bookings
        #expect((b.perMinute.max() ?? 0) >= 3, "a non-zero peak at start")
        #expect((b.perHour.max() ?? 0) >= 3)
        // The window ends at the server's now, not 33 hours ahead.
        #expect(b.perMinute.count == 60 && b.lastMinute < m + 10)
        #expect(console.screen(.bookings).contains("peak \(LineChart.compact(b.perMinute.max() ?? 0))/min"))
    }

    @Test func aLiveBookingCountsOnceInItsMinute() throws {
        let p = try OwnerViewPlatform(isolated: "charts_live")
        defer { p.cleanUp() }
        let console = OwnerViewConsole()
        let feed = startFeed(p, console)
        defer { feed.stop() }
        #expect(console.wait { c in c.state.bookings.loaded && p.shards.allSatisfy { c.state.bookings.shardStatus[$0.name] == "live" } })
        let shard = p.shards[1]
        let id = try p.insert(shard, seat: 2)
        let m = try minute(of: id, on: shard, p)
        #expect(console.wait { c in c.changes.contains { $0.id == id } })
        // Equal to the table's count for that minute (the databases are the test's own: nothing else books or deletes in them).
        #expect(console.wait { c in (try? madeIn(minute: m, p)) == c.state.bookings.minuteCounts[m] })
        let before = console.state.bookings.minuteCounts[m] ?? 0
        #expect(before >= 1)
        try p.setStatus(shard, id, "checked_in")
        #expect(console.wait { c in c.changes.contains { $0.id == id && $0.status == .checkedIn } })
        #expect(console.wait { c in (try? madeIn(minute: m, p)) == c.state.bookings.minuteCounts[m] },
                "the check-in is not a second booking")
    }

    @Test func aRenamedLibraryShowsItsNewNameInTheFeed() throws {
        let p = try OwnerViewPlatform()
        defer { p.cleanUp() }
        let console = OwnerViewConsole()
        let feed = startFeed(p, console, namesRefresh: 0.2)
        defer { feed.stop() }
        #expect(console.wait { c in c.state.bookings.loaded && p.shards.allSatisfy { c.state.bookings.shardStatus[$0.name] == "live" } })
        let id = try p.insert(p.shards[0], seat: 1)
        #expect(console.wait { c in c.changes.contains { $0.id == id && $0.libraryName == p.mineLibrary } })
        let renamed = "Renamed \(p.tag) Hall"
        try p.catalog.query("UPDATE libraries SET name = $2, city = 'Nagpur' WHERE id = $1", [p.mineOwner, renamed])
        #expect(console.wait { c in c.screen(.bookings).contains("\(renamed), Nagpur") }, "\(console.screen(.bookings))")
        #expect(!console.screen(.bookings).contains(p.mineLibrary))
        #expect(console.state.bookings.recent.contains { $0.id == id && $0.library == renamed })
    }
}
