import Foundation
import StudySpotMonitors
import StudySpotWire
import Testing
import StudySpotCore
import StudySpotConsole
import StudySpotTestSupport
import TerminalUI

/// The owner view against the real stack, acting as the platform with SQL:
/// the booking feed, the seat map and the owners' confinement.
@Suite(.serialized) struct OwnerViewTests {
    func startFeed(_ p: OwnerViewPlatform, _ console: OwnerViewConsole, login: LoginConfig? = nil) -> BookingFeed {
        let feed = BookingFeed(topology: p.topology, login: login) { console.post(.bookings(.batch($0))) }
        feed.start()
        return feed
    }

    func allLive(_ c: OwnerViewConsole, _ p: OwnerViewPlatform) -> Bool {
        c.state.bookings.loaded && p.shards.allSatisfy { c.state.bookings.shardStatus[$0.name] == "live" }
    }

    @Test func aBookingInsertedOnEachUsersShardAppearsInThePane() throws {
        let p = try OwnerViewPlatform()
        defer { p.cleanUp() }
        let console = OwnerViewConsole()
        let feed = startFeed(p, console)
        defer { feed.stop() }
        #expect(console.wait { allLive($0, p) })
        var ids: [String: Int64] = [:]
        for (i, s) in p.shards.enumerated() { ids[s.name] = try p.insert(s, seat: i + 1) }
        #expect(console.wait { c in ids.allSatisfy { kv in c.changes.contains { $0.id == kv.value && $0.shard == kv.key } } })
        // Shown in the pane's headless rendering: library (Devanagari), seat, status and shard, one row per shard.
        let lines = console.screen(.bookings).split(separator: "\n").map(String.init).filter { $0.contains("Owner Test \(p.tag)") }
        #expect(lines.count == p.shards.count, "\(console.screen(.bookings))")
        for s in p.shards { #expect(lines.contains { $0.contains(s.name) && $0.contains("○ reserved") && $0.contains("₹50") }) }
        #expect(lines.contains { $0.contains("Owner View Tester") && $0.contains("A1") })
    }

    @Test func aSeatFollowsReserveCheckInComplete() throws {
        let p = try OwnerViewPlatform()
        defer { p.cleanUp() }
        let console = OwnerViewConsole()
        let feed = startFeed(p, console)
        defer { feed.stop() }
        let seats = SeatMapMonitor(topology: p.topology, login: nil, catalog: CatalogCache(topology: p.topology, login: nil)) { _ in }
        #expect(console.wait { allLive($0, p) })
        guard case .map(let map) = seats.load(libraryId: p.mineOwner) else { Issue.record("no map"); return }
        console.post(.seats(.map(map)))
        let seatId = p.mineOwner * 100 + 3
        func status() -> SeatStatus? {
            guard let m = console.state.seats.map, let i = m.seats.firstIndex(where: { $0.id == seatId }) else { return nil }
            return SeatMapView.compute(m, now: Date()).statuses[i]
        }
        #expect(console.wait { _ in status() == .free })
        let shard = p.shards[1]
        let id = try p.insert(shard, seat: 3)
        #expect(console.wait { _ in status() == .reserved })
        #expect(console.screen(.seats).contains("Owner Test \(p.tag) ज्ञान केंद्र · Pune · 1/12 taken"))
        try p.setStatus(shard, id, "checked_in")
        #expect(console.wait { _ in status() == .checkedIn })
        try p.setStatus(shard, id, "completed")
        #expect(console.wait { _ in status() == .free })
        #expect(console.screen(.seats).contains("· 0/12 taken (0%)"))
    }

    @Test func afterTheConnectionIsKilledEveryChangeAppearsExactlyOnce() throws {
        let p = try OwnerViewPlatform()
        defer { p.cleanUp() }
        let console = OwnerViewConsole()
        let feed = startFeed(p, console)
        defer { feed.stop() }
        #expect(console.wait { allLive($0, p) })
        let shard = p.shards[0]
        let before = try p.insert(shard, seat: 1)
        #expect(console.wait { c in c.changes.contains { $0.id == before } })
        let pid = try #require(feed.listenerPIDs[shard.name])
        let killer = try PGConnection(dsn: shard.dsn)
        try killer.query("SELECT pg_terminate_backend($1)", [Int(pid)])
        // Written while the monitor reconnects: new rows, and changes to an existing one.
        var written: [Int64] = []
        for n in 0..<20 { written.append(try p.insert(shard, seat: n % 12 + 1)) }
        try p.setStatus(shard, before, "checked_in")
        #expect(console.wait(15) { c in
            c.state.bookings.shardStatus[shard.name] == "live" && feed.listenerPIDs[shard.name] != pid
        }, "the monitor reconnected")
        // Written after it came back, so everything before it must be in once this shows.
        let sentinel = try p.insert(shard, seat: 12)
        #expect(console.wait(15) { c in c.changes.contains { $0.id == sentinel } })
        let mine = console.changes.filter { $0.shard == shard.name && (written.contains($0.id) || $0.id == before) }
        let counts = Dictionary(grouping: mine, by: \.changeKey).mapValues(\.count)
        #expect(counts.values.allSatisfy { $0 == 1 }, "no change shown twice: \(counts.filter { $0.value > 1 })")
        #expect(Set(mine.map(\.id)).isSuperset(of: written), "no change lost")
        #expect(mine.contains { $0.id == before && $0.status == .checkedIn }, "the update made while away")
        #expect(console.batches.contains { $0.shardStatus[shard.name]?.hasPrefix("reconnecting") == true }, "the dead shard was shown")
        // The pane's ring also holds each once.
        let inRing = console.state.bookings.feed.newestFirst.filter { written.contains($0.id) }
        #expect(inRing.count == written.count)
    }

    @Test func garbageNotificationsAreIgnoredAndCounted() throws {
        let p = try OwnerViewPlatform()
        defer { p.cleanUp() }
        let console = OwnerViewConsole()
        let feed = startFeed(p, console)
        defer { feed.stop() }
        #expect(console.wait { allLive($0, p) })
        let shard = p.shards[2]
        try p.writer(shard.name).query("SELECT pg_notify('studyspot_bookings', $1)", ["{\"id\": \"drop table\"}"])
        try p.writer(shard.name).query("SELECT pg_notify('studyspot_bookings', $1)", ["not json at all"])
        let id = try p.insert(shard)
        #expect(console.wait { c in c.changes.contains { $0.id == id } && c.state.bookings.garbagePayloads >= 2 })
    }

    @Test func anOwnerConsoleGetsNothingOfAnotherOwnersLibrary() throws {
        let p = try OwnerViewPlatform(ownerRoles: true)
        defer { p.cleanUp() }
        let login = p.ownerLogin()
        let console = OwnerViewConsole(role: .owner)
        let feed = startFeed(p, console, login: login)
        defer { feed.stop() }
        #expect(console.wait { allLive($0, p) }, "\(console.state.bookings.shardStatus)")
        let cache = CatalogCache(topology: p.topology, login: login)
        let seats = SeatMapMonitor(topology: p.topology, login: login, catalog: cache) { _ in }
        // The catalog shows the owner only their own library; asked for the other one, the database returns nothing.
        #expect(try cache.libraries().map(\.id) == [p.mineOwner])
        guard case .failed(_, let why) = seats.load(libraryId: p.otherOwner) else { Issue.record("another owner's map was loaded"); return }
        #expect(why.contains("not visible"))
        // The feed hears both notifications but re-reads through RLS: only the owner's own booking arrives.
        let theirs = try p.insert(p.shards[0], other: true)
        let mine = try p.insert(p.shards[0])
        #expect(console.wait { c in c.changes.contains { $0.id == mine } })
        #expect(!console.changes.contains { $0.id == theirs })
        #expect(console.changes.allSatisfy { $0.ownerId == p.mineOwner })
        // The owner's own map loads, with the owner's booking.
        guard case .map(let map) = seats.load(libraryId: p.mineOwner) else { Issue.record("own map missing"); return }
        #expect(map.bookings.map(\.id) == [mine])
        #expect(!console.screen(.bookings).contains("Other \(p.tag)"))
    }
}
