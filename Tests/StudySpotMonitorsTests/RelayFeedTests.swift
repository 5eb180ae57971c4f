import Foundation
import Testing
import StudySpotCore
import StudySpotTestSupport
import StudySpotWire
@testable import StudySpotMonitors

/// A console on the relay (`[feed] source = "relay"`), against the stack's
/// real Redis: the test appends entries as the relay would, in a database of
/// its own (6), with owner ids no other test uses.
@Suite(.serialized) struct RelayFeedTests {
    /// What the feed posted, folded as the console would.
    final class Watcher: @unchecked Sendable {
        let batches = TestInbox<BookingFeedBatch>()
        let seats = TestInbox<SeatMapMonitor.Output>()
        private let lock = NSLock()
        private(set) var changes: [BookingRecord] = []
        private(set) var last: BookingFeedBatch?
        private(set) var statuses: [String] = []
        private(set) var maps: [SeatMapSnapshot] = []
        private(set) var grids: [[SeatMapSnapshot]] = []
        private(set) var libraries: [[SeatLibrary]] = []

        func take() {
            let new = batches.take()
            let out = seats.take()
            lock.withLock {
                for b in new {
                    changes += b.changes
                    last = b
                    if let st = b.shardStatus[RelayFeed.statusKey], statuses.last != st { statuses.append(st) }
                }
                for o in out {
                    switch o {
                    case .map(let m): maps.append(m)
                    case .grid(let g): grids.append(g)
                    case .libraries(let l): libraries.append(l)
                    default: break
                    }
                }
            }
        }

        func ids() -> [Int64] { lock.withLock { changes.map(\.id) } }

        func wait(_ timeout: Double = 15, _ condition: (Watcher) -> Bool) -> Bool {
            TestEnvironment.waitUntil(timeout: timeout, wakingOn: batches) { () -> Bool in self.take(); return condition(self) }
        }

        func waitSeats(_ timeout: Double = 15, _ condition: (Watcher) -> Bool) -> Bool {
            TestEnvironment.waitUntil(timeout: timeout, wakingOn: seats) { () -> Bool in self.take(); return condition(self) }
        }
    }

    static func feed(_ cache: RelayTestCache, owner: Int64, login: (user: String, password: String), seats: Bool = false,
                     watcher: Watcher, options: RelayFeed.Options = RelayFeed.Options()) -> RelayFeed {
        let url = RelayFeedConnect.ownerURL(stateCache: cache.url, login: LoginConfig(user: login.user, password: login.password, ownerId: owner))
        let sink: @Sendable (SeatMapMonitor.Output) -> Void = { watcher.seats.post($0) }
        return RelayFeed(url: url, scope: .owner(owner), costTarget: "railway-redis", options: options,
                         seats: seats ? sink : nil) { watcher.batches.post($0) }
    }

    /// The owner's ACL user reads its own stream (so the console sends only the
    /// commands an owner may run); another owner's entries never reach it.
    @Test func anOwnerSeesItsOwnStreamOnly() throws {
        let cache = try RelayTestCache(database: 6)
        let mine = cache.ownerId(1), other = cache.ownerId(2)
        let login = try cache.grant(owner: mine)
        for i in 1...3 { try cache.append(RelayKeys.owner(mine), RelayTestCache.booking(Int64(i), owner: mine)) }
        try cache.append(RelayKeys.owner(other), RelayTestCache.booking(100, owner: other))
        let w = Watcher()
        let feed = Self.feed(cache, owner: mine, login: login, watcher: w)
        feed.start()
        defer { feed.stop() }
        #expect(w.wait { $0.last?.initialLoadDone == true && $0.ids().count == 3 }, "backfill: \(w.ids()) \(w.statuses)")
        #expect(w.last?.shardStatus == [RelayFeed.statusKey: "live"])
        // Three bookings reserved for later today (unless the test runs in the platform's last 10 minutes).
        let day = BookingTodayTally.dayInterval(containing: Date(), BookingTodayTally.platformTimeZone)
        if Date().addingTimeInterval(700) < day.end { #expect(w.last?.today?["reserved"] == 3) }
        #expect(w.last?.activity.map { $0.minutes.values.reduce(0, +) } == 3)

        try cache.append(RelayKeys.owner(other), RelayTestCache.booking(101, owner: other))
        try cache.append(RelayKeys.owner(mine), RelayTestCache.booking(4, owner: mine))
        try cache.append(RelayKeys.owner(mine), RelayTestCache.booking(2, owner: mine, status: .checkedIn, updated: Date().addingTimeInterval(1)))
        #expect(w.wait { $0.ids().count == 5 }, "live: \(w.ids())")
        #expect(w.ids() == [1, 2, 3, 4, 2])
        #expect(!w.ids().contains(100) && !w.ids().contains(101))
        if Date().addingTimeInterval(700) < day.end {
            #expect(w.last?.today?["reserved"] == 3 && w.last?.today?["checked_in"] == 1)
        }
    }

    /// The console's connection dropped mid-XREAD: entries appended while it
    /// was away arrive once; a change the relay appended twice (its restart
    /// re-reads a margin) shows once.
    @Test func aReconnectResumesFromTheLastEntrySeen() throws {
        let cache = try RelayTestCache(database: 6)
        let mine = cache.ownerId(3)
        let login = try cache.grant(owner: mine)
        let first = RelayTestCache.booking(1, owner: mine)
        try cache.append(RelayKeys.owner(mine), first)
        let w = Watcher()
        let feed = Self.feed(cache, owner: mine, login: login, watcher: w)
        feed.start()
        defer { feed.stop() }
        #expect(w.wait { $0.ids() == [1] && $0.last?.shardStatus[RelayFeed.statusKey] == "live" })
        #expect(try cache.kill(user: login.user) == 1)
        for i in 2...6 { try cache.append(RelayKeys.owner(mine), RelayTestCache.booking(Int64(i), owner: mine)) }
        try cache.append(RelayKeys.owner(mine), first)
        #expect(w.wait { $0.ids().count >= 6 && $0.last?.shardStatus[RelayFeed.statusKey] == "live" }, "\(w.ids()) \(w.statuses)")
        #expect(w.statuses.contains { $0.hasPrefix("reconnecting") }, "the connection was not dropped: \(w.statuses)")
        try cache.append(RelayKeys.owner(mine), RelayTestCache.booking(7, owner: mine))
        #expect(w.wait { $0.ids().contains(7) })
        #expect(w.ids() == [1, 2, 3, 4, 5, 6, 7])
    }

    /// A console started afresh shows the backfill once, though the newest
    /// entries and today's entries overlap.
    @Test func aRestartFromScratchShowsTheBackfillOnce() throws {
        let cache = try RelayTestCache(database: 6)
        let mine = cache.ownerId(4)
        let login = try cache.grant(owner: mine)
        for i in 1...5 { try cache.append(RelayKeys.owner(mine), RelayTestCache.booking(Int64(i), owner: mine)) }
        let w1 = Watcher()
        let one = Self.feed(cache, owner: mine, login: login, watcher: w1)
        one.start()
        #expect(w1.wait { $0.ids().count == 5 })
        one.stop()
        try cache.append(RelayKeys.owner(mine), RelayTestCache.booking(6, owner: mine))
        let w2 = Watcher()
        var options = RelayFeed.Options()
        options.initialRows = 4
        let two = Self.feed(cache, owner: mine, login: login, watcher: w2, options: options)
        two.start()
        defer { two.stop() }
        #expect(w2.wait { $0.last?.initialLoadDone == true && $0.ids().count >= 4 })
        try cache.append(RelayKeys.owner(mine), RelayTestCache.booking(7, owner: mine))
        #expect(w2.wait { $0.ids().contains(7) })
        #expect(w2.ids() == [3, 4, 5, 6, 7])
        // Today's counts come from every entry since midnight, not only the rows shown.
        #expect(w2.last?.activity.map { $0.minutes.values.reduce(0, +) } == 7)
    }

    /// An entry the console cannot read is counted, never guessed at; the rest arrive.
    @Test func aGarbageEntryIsCounted() throws {
        let cache = try RelayTestCache(database: 6)
        let mine = cache.ownerId(5)
        let login = try cache.grant(owner: mine)
        try cache.append(RelayKeys.owner(mine), fields: [("id", "1"), ("shard", "neon")])
        try cache.append(RelayKeys.owner(mine), RelayTestCache.booking(2, owner: mine))
        let w = Watcher()
        let feed = Self.feed(cache, owner: mine, login: login, watcher: w)
        feed.start()
        defer { feed.stop() }
        #expect(w.wait { $0.ids() == [2] && $0.last?.garbagePayloads == 1 })
        var bad = RelayEntry.fields(RelayTestCache.booking(3, owner: mine))
        bad[0] = ("id", "three")
        try cache.append(RelayKeys.owner(mine), fields: bad)
        try cache.append(RelayKeys.owner(mine), RelayTestCache.booking(4, owner: mine))
        #expect(w.wait { $0.ids() == [2, 4] && $0.last?.garbagePayloads == 2 }, "\(w.ids()) \(String(describing: w.last?.garbagePayloads))")
    }

    /// Another owner's stream is refused by the server, and the console says so.
    @Test func anotherOwnersStreamIsRefusedAndShown() throws {
        let cache = try RelayTestCache(database: 6)
        let login = try cache.grant(owner: cache.ownerId(6))
        let w = Watcher()
        let feed = Self.feed(cache, owner: cache.ownerId(7), login: login, watcher: w)
        feed.start()
        defer { feed.stop() }
        #expect(w.wait { $0.statuses.contains { $0.hasPrefix("reconnecting") && $0.contains("NOPERM") } }, "\(w.statuses)")
        #expect(!w.statuses.joined().contains(login.password))
        #expect(w.last?.initialLoadDone == true)
    }

    static func seatState(owner: Int64, library: Int64, name: String, bookings: [BookingRecord], loadedAt: Date = Date()) -> RelaySeatState {
        let lib = SeatLibrary(id: library, name: name, city: "Pune", ownerId: owner)
        let seats = (1...4).map { SeatInfo(id: library * 100 + Int64($0), libraryId: library, label: "A\($0)", zone: "Quiet",
                                           row: 1, column: $0, state: "active") }
        return RelaySeatState(SeatMapSnapshot(library: lib, seats: seats, bookings: bookings, loadedAt: loadedAt))
    }

    /// An owner's grid and map come from the seat keys, and a change for a
    /// library reads its map again (with the change laid over a map written before it).
    @Test func seatsComeFromTheOwnersKeys() throws {
        let cache = try RelayTestCache(database: 6)
        let mine = cache.ownerId(8)
        let login = try cache.grant(owner: mine)
        let libA = mine * 10 + 1, libB = mine * 10 + 2
        let booked = RelayTestCache.booking(1, owner: mine, library: libA, startsIn: -60)
        try cache.storeSeats(Self.seatState(owner: mine, library: libA, name: "Alpha", bookings: [booked]))
        try cache.storeSeats(Self.seatState(owner: mine, library: libB, name: "Beta", bookings: []))
        let w = Watcher()
        let feed = Self.feed(cache, owner: mine, login: login, seats: true, watcher: w)
        feed.start()
        defer { feed.stop() }
        #expect(w.waitSeats { $0.grids.last?.count == 2 && $0.libraries.last?.map(\.name) == ["Alpha", "Beta"] })
        #expect(w.grids.last?.first?.bookings.map(\.id) == [1])
        feed.select(libraryId: libB)
        #expect(w.waitSeats { $0.maps.last?.library.id == libB })
        feed.select(libraryId: libA)
        #expect(w.waitSeats { $0.maps.last?.library.id == libA })

        // The relay appends a check-in, then (later) rewrites the map: the map read between shows the check-in.
        let checkedIn = RelayTestCache.booking(1, owner: mine, library: libA, status: .checkedIn, startsIn: -60, updated: Date().addingTimeInterval(1))
        let mapsBefore = w.maps.count
        try cache.append(RelayKeys.owner(mine), checkedIn)
        #expect(w.waitSeats { $0.maps.count > mapsBefore && $0.maps.last?.library.id == libA })
        #expect(w.maps.last?.bookings.first?.status == .checkedIn)
        // A new library in the owner's set appears on the next full read.
        try cache.storeSeats(Self.seatState(owner: mine, library: mine * 10 + 3, name: "Gamma", bookings: []))
        #expect(try cache.kill(user: login.user) == 1)
        #expect(w.waitSeats { $0.libraries.last?.map(\.name) == ["Alpha", "Beta", "Gamma"] })
    }

    /// An operator's console reads every owner's changes from `feed:all`, as the deployment's user.
    @Test func anOperatorReadsTheWholeFeed() throws {
        let cache = try RelayTestCache(database: 9)
        try cache.admin.command(["DEL", RelayKeys.all])
        try cache.append(RelayKeys.all, RelayTestCache.booking(1, owner: cache.ownerId(1)))
        let w = Watcher()
        let feed = RelayFeed(url: cache.url, scope: .all, costTarget: "railway-redis") { w.batches.post($0) }
        feed.start()
        defer { feed.stop() }
        #expect(w.wait { $0.ids() == [1] && $0.last?.shardStatus[RelayFeed.statusKey] == "live" })
        try cache.append(RelayKeys.all, RelayTestCache.booking(2, owner: cache.ownerId(2), shard: "supabase"))
        #expect(w.wait { $0.ids() == [1, 2] })
        #expect(try cache.kill(named: feed.connectionName) == 1)
        try cache.append(RelayKeys.all, RelayTestCache.booking(3, owner: cache.ownerId(3)))
        #expect(w.wait { $0.ids() == [1, 2, 3] }, "\(w.ids()) \(w.statuses)")
    }

    /// A state cache that cannot be reached is said in the status, without the owner's password.
    @Test func anUnreachableCacheIsSaidWithoutThePassword() throws {
        let w = Watcher()
        let port = TestEnvironment.freeServerPort()
        let login = LoginConfig(user: "owner_x", password: "never-print-me", ownerId: 1)
        let url = RelayFeedConnect.ownerURL(stateCache: "redis://127.0.0.1:\(port)/6", login: login)
        let feed = RelayFeed(url: url, scope: .owner(1), costTarget: "railway-redis") { w.batches.post($0) }
        feed.start()
        defer { feed.stop() }
        #expect(w.wait { $0.statuses.contains { $0.hasPrefix("reconnecting") } && $0.last?.initialLoadDone == true }, "\(w.statuses)")
        #expect(!w.statuses.joined().contains("never-print-me"), "\(w.statuses)")
    }
}
