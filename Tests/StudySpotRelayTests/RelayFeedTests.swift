import Foundation
import StudySpotCore
import StudySpotTestSupport
import StudySpotWire
import Testing
@testable import StudySpotRelay

/// The relay against the stack's real PostgreSQL and Redis: each test on
/// databases of its own and the state cache's relay database (emptied first),
/// one at a time since they share that database.
@Suite(.serialized) struct RelayFeedTests {
    let wait = 30.0

    @Test func aBookingReachesItsOwnersStreamAndTheWholeFeedOnly() throws {
        let p = try RelayTestPlatform("routing")
        let running = try RunningRelay(p.topology)
        defer { _ = running.shutDown() }
        let a = try p.book(p.shards[0], owner: 1)
        let b = try p.book(p.shards[1], owner: 2, seat: 2)
        #expect(TestEnvironment.waitUntil(timeout: wait) { (try? p.length(RelayKeys.all)) == 2 })
        let mine = try p.records(RelayKeys.owner(1)), other = try p.records(RelayKeys.owner(2))
        #expect(mine.map(\.id) == [a] && mine.first?.ownerId == 1 && mine.first?.shard == p.shards[0].name)
        #expect(other.map(\.id) == [b] && other.first?.ownerId == 2)
        // Annotated from the catalog, as a direct console would show it.
        #expect(mine.first?.libraryName == "Gyan Kendra" && mine.first?.seatLabel == "A1")
        #expect(Set(try p.records(RelayKeys.all).map(\.id)) == [a, b])
        #expect(try p.length(RelayKeys.owner(3)) == 0)
    }

    @Test func streamsAreTrimmedNearTheirBound() throws {
        let p = try RelayTestPlatform("trim")
        var settings = Relay.Settings()
        settings.ownerStreamLength = 100
        settings.allStreamLength = 150
        let running = try RunningRelay(p.topology, settings: settings)
        defer { _ = running.shutDown() }
        #expect(TestEnvironment.waitUntil(timeout: wait) { running.relay.shardStatus.values.filter { $0 == "live" }.count == p.shards.count })
        for _ in 1...500 { try p.book(p.shards[0], owner: 1) }
        #expect(TestEnvironment.waitUntil(timeout: 60) { running.relay.counts.appended >= 500 })
        // MAXLEN ~ trims whole stream nodes (100 entries by default): near the bound, never far past it.
        let owner = try p.length(RelayKeys.owner(1)), all = try p.length(RelayKeys.all)
        #expect(owner >= 100 && owner <= 200, "feed:owner:1 holds \(owner)")
        #expect(all >= 150 && all <= 250, "feed:all holds \(all)")
        // The newest change is kept.
        #expect(try p.records(RelayKeys.owner(1)).last?.id == 1_500)
    }

    @Test func aRestartLosesNothingAndAppendsNothingTwice() throws {
        let p = try RelayTestPlatform("restart")
        let first = try RunningRelay(p.topology)
        var ids = [try p.book(p.shards[0], owner: 1), try p.book(p.shards[1], owner: 2)]
        #expect(TestEnvironment.waitUntil(timeout: wait) { (try? p.length(RelayKeys.all)) == 2 })
        #expect(first.shutDown())
        // Made while no relay runs: new bookings and a change of one already appended.
        ids.append(try p.book(p.shards[0], owner: 1, seat: 3))
        ids.append(try p.book(p.shards[2], owner: 2, seat: 3))
        try p.setStatus(p.shards[0], ids[0], "checked_in")
        let second = try RunningRelay(p.topology)
        defer { _ = second.shutDown() }
        #expect(TestEnvironment.waitUntil(timeout: wait) { (try? p.length(RelayKeys.all)) == 5 })
        #expect(TestEnvironment.waitUntil(timeout: wait) { second.relay.shardStatus.values.filter { $0 == "live" }.count == p.shards.count })
        let all = try p.changes(RelayKeys.all)
        #expect(all.count == 5 && Set(all).count == 5, "\(all)")
        #expect(all.contains("\(p.shards[0].name)/\(ids[0])/checked_in"))
        #expect(try p.records(RelayKeys.owner(1)).map(\.id) == [ids[0], ids[2], ids[0]])
        #expect(try p.length(RelayKeys.owner(2)) == 2)
    }

    @Test func aCheckInShowsTheSeatTakenInTheSeatState() throws {
        let p = try RelayTestPlatform("seats")
        let running = try RunningRelay(p.topology)
        defer { _ = running.shutDown() }
        func state(_ owner: Int64, _ lib: Int64) -> RelaySeatState? {
            guard let json = try? p.redis.command(["GET", RelayKeys.seats(owner: owner, library: lib)]).string else { return nil }
            return try? JSONDecoder().decode(RelaySeatState.self, from: Data(json.utf8))
        }
        #expect(TestEnvironment.waitUntil(timeout: wait) { state(1, 11) != nil && state(2, 21) != nil })
        #expect(state(1, 11)?.seats.count == 6 && state(1, 11)?.name == "Gyan Kendra" && state(1, 11)?.bookings.isEmpty == true)
        let members = try p.redis.command(["SMEMBERS", RelayKeys.seatLibraries(owner: 1)]).array?.compactMap(\.string)
        #expect(members == ["11"])
        let id = try p.book(p.shards[1], owner: 1, seat: 4)
        try p.setStatus(p.shards[1], id, "checked_in")
        func seatStatus() -> SeatStatus? {
            guard let snap = state(1, 11)?.snapshot, let seat = snap.seats.first(where: { $0.id == 1_104 }) else { return nil }
            return SeatOccupancy.status(catalogState: seat.state, bookings: snap.bookings.filter { $0.seatId == seat.id }, now: Date())
        }
        #expect(TestEnvironment.waitUntil(timeout: wait) { seatStatus() == .checkedIn })
        #expect(seatStatus()?.isTaken == true)
        // The other owner's map is untouched.
        #expect(state(2, 21)?.bookings.isEmpty == true)
    }

    @Test func readingsAndStatusArePublished() throws {
        let p = try RelayTestPlatform("readings")
        let running = try RunningRelay(p.topology)
        func readings() -> RelayReadings? {
            guard let json = try? p.redis.command(["GET", RelayKeys.readings]).string else { return nil }
            return try? JSONDecoder().decode(RelayReadings.self, from: Data(json.utf8))
        }
        #expect(TestEnvironment.waitUntil(timeout: wait) {
            guard let r = readings() else { return false }
            return r.shards.count == p.topology.shards.count && r.shards.allSatisfy { $0.reachable == true }
                && r.caches.count == p.topology.caches.count
        })
        #expect(try p.redis.command(["TTL", RelayKeys.readings]).integer ?? -1 > 0)
        func status() -> [String: String] {
            let flat = (try? p.redis.command(["HGETALL", RelayKeys.status]).array?.compactMap(\.string)) ?? []
            return Dictionary(stride(from: 0, to: flat.count - 1, by: 2).map { (flat[$0], flat[$0 + 1]) }, uniquingKeysWith: { a, _ in a })
        }
        #expect(TestEnvironment.waitUntil(timeout: wait) { status()["shard:\(p.shards[0].name)"] == "live" })
        #expect(status()["pid"] == String(getpid()))
        #expect(abs((Double(status()["heartbeat"] ?? "") ?? 0) - Date().timeIntervalSince1970) < 30)
        #expect(try p.redis.command(["TTL", RelayKeys.status]).integer ?? -1 > 0)
        // A clean stop takes the status away at once.
        #expect(running.shutDown())
        #expect(try p.redis.command(["EXISTS", RelayKeys.status]).integer == 0)
    }

    @Test func aLostListenerReconnectsAndCatchesUp() throws {
        let p = try RelayTestPlatform("listener")
        let running = try RunningRelay(p.topology)
        defer { _ = running.shutDown() }
        let shard = p.shards[0]
        #expect(TestEnvironment.waitUntil(timeout: wait) { running.relay.listenerPIDs[shard.name] != nil && running.relay.shardStatus[shard.name] == "live" })
        let before = running.relay.listenerPIDs[shard.name]!
        // The shard ends the relay's session and bookings are made at once, while it reconnects.
        try p.writer(shard).query("SELECT pg_terminate_backend($1)", [Int64(before)])
        let ids = try (1...5).map { try p.book(shard, owner: 1, seat: $0) }
        #expect(TestEnvironment.waitUntil(timeout: wait) { (running.relay.listenerPIDs[shard.name] ?? before) != before })
        #expect(TestEnvironment.waitUntil(timeout: wait) { (try? p.length(RelayKeys.all)) == 5 })
        #expect(try p.records(RelayKeys.owner(1)).map(\.id).sorted() == ids)
    }

    @Test func aSecondRelayWaitsUntilTheFirstStops() throws {
        let p = try RelayTestPlatform("second")
        let first = try RunningRelay(p.topology)
        #expect(TestEnvironment.waitUntil(timeout: wait) { first.relay.shardStatus.values.filter { $0 == "live" }.count == p.shards.count })
        let second = try RunningRelay(p.topology)
        defer { _ = second.shutDown() }
        #expect(TestEnvironment.waitUntil(timeout: wait, wakingOn: second.logged) {
            second.logged.take().contains { $0.hasPrefix("another relay is running") }
        })
        try p.book(p.shards[0], owner: 1)
        #expect(TestEnvironment.waitUntil(timeout: wait) { (try? p.length(RelayKeys.all)) == 1 })
        #expect(second.relay.shardStatus.isEmpty, "the second relay has not started its feed")
        #expect(first.shutDown())
        #expect(TestEnvironment.waitUntil(timeout: wait) { second.relay.shardStatus.values.filter { $0 == "live" }.count == p.shards.count })
        try p.book(p.shards[1], owner: 2)
        #expect(TestEnvironment.waitUntil(timeout: wait) { (try? p.length(RelayKeys.all)) == 2 })
        #expect(Set(try p.changes(RelayKeys.all)).count == 2)
    }
}
