import Foundation
import Testing
import StudySpotConfig
import StudySpotConsole
import StudySpotCore
import StudySpotMonitors
import StudySpotTestSupport
import StudySpotWire
@testable import studyspot

/// An owner's console with `[feed] source = "relay"` as `dash` wires it:
/// bookings and seats from the state cache, and no database connection at
/// all, proved by pointing every shard at a listener that counts knocks.
@Suite(.serialized) struct RelayConsoleTests {
    /// A TCP port that accepts nothing: a connection attempt waits in its backlog, where `knocked` sees it.
    struct PortError: Error {}

    final class CountingPort {
        let fd: Int32
        let port: Int
        init() throws {
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            self.fd = fd
            var addr = sockaddr_in()
            addr.sin_family = sa_family_t(AF_INET)
            addr.sin_addr.s_addr = inet_addr("127.0.0.1")
            addr.sin_port = 0
            let bound = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
            guard bound == 0, listen(fd, 16) == 0 else { throw PortError() }
            var len = socklen_t(MemoryLayout<sockaddr_in>.size)
            _ = withUnsafeMutablePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) } }
            port = Int(UInt16(bigEndian: addr.sin_port))
        }
        deinit { close(fd) }
        var knocked: Bool {
            var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            return poll(&p, 1, 0) > 0
        }
    }

    final class Inbox: @unchecked Sendable {
        let events = TestInbox<MonitorEvent>()
        private(set) var bookingIds: [Int64] = []
        private(set) var grid: [SeatMapSnapshot] = []
        private(set) var statuses: [String: String] = [:]
        func fold() {
            for e in events.take() {
                switch e {
                case .bookings(.batch(let b)): bookingIds += b.changes.map(\.id)
                case .seats(.grid(let g)): grid = g
                case .status(let source, let text): statuses[source] = text
                default: break
                }
            }
        }
    }

    @Test func anOwnerOnTheRelayOpensNoDatabaseConnection() throws {
        let cache = try RelayTestCache(database: 6)
        let owner = cache.ownerId(9)
        let login = try cache.grant(owner: owner)
        try cache.append(RelayKeys.owner(owner), RelayTestCache.booking(1, owner: owner))
        let lib = SeatLibrary(id: owner, name: "Relay Hall", city: "Pune", ownerId: owner)
        let seat = SeatInfo(id: owner * 100 + 1, libraryId: owner, label: "A1", zone: "Quiet", row: 1, column: 1, state: "active")
        try cache.storeSeats(RelaySeatState(SeatMapSnapshot(library: lib, seats: [seat], bookings: [], loadedAt: Date())))

        let closed = try CountingPort()
        var config = try TestEnvironment.config()
        for i in config.topology.shards.indices {
            config.topology.shards[i].dsn = "host=127.0.0.1 port=\(closed.port) dbname=studyspot user=nobody connect_timeout=2"
        }
        for i in config.topology.caches.indices where config.topology.caches[i].role == .state { config.topology.caches[i].url = cache.url }
        config.feed = .relay
        config.login = LoginConfig(user: login.user, password: login.password, ownerId: owner)

        let inbox = Inbox()
        let monitors = Monitors.start(config: config, options: DashboardOptions(role: .owner)) { inbox.events.post($0) }
        defer { monitors.stopAll() }
        #expect(TestEnvironment.waitUntil(timeout: 15, wakingOn: inbox.events) { inbox.fold(); return inbox.bookingIds == [1] && inbox.grid.count == 1 },
                "\(inbox.bookingIds) \(inbox.grid.count) \(inbox.statuses)")
        monitors.handle(.selectLibrary(id: owner))
        try cache.append(RelayKeys.owner(owner), RelayTestCache.booking(2, owner: owner))
        #expect(TestEnvironment.waitUntil(timeout: 15, wakingOn: inbox.events) { inbox.fold(); return inbox.bookingIds == [1, 2] })
        #expect(!closed.knocked, "the owner's console connected to a shard")
    }

    /// Without `[login] owner` the panes say what is missing instead of waiting.
    @Test func anOwnerOnTheRelayWithoutAnOwnerIdIsToldWhy() throws {
        var config = try TestEnvironment.config()
        config.feed = .relay
        config.login = LoginConfig(user: "someone", password: "secret-word", ownerId: nil)
        let inbox = Inbox()
        let monitors = Monitors.start(config: config, options: DashboardOptions(role: .owner)) { inbox.events.post($0) }
        defer { monitors.stopAll() }
        #expect(TestEnvironment.waitUntil(timeout: 5, wakingOn: inbox.events) { inbox.fold(); return inbox.statuses[Pane.bookings.rawValue] != nil })
        #expect(inbox.statuses[Pane.bookings.rawValue]?.contains("needs [login] owner = ID") == true)
        #expect(inbox.statuses.values.allSatisfy { !$0.contains("secret-word") })
    }

    /// An operator's console on the relay shows the readings the relay published, not its own polls.
    @Test func anOperatorOnTheRelayShowsThePublishedReadings() throws {
        let cache = try RelayTestCache(database: 8)
        var config = try TestEnvironment.config()
        for i in config.topology.caches.indices where config.topology.caches[i].role == .state { config.topology.caches[i].url = cache.url }
        config.feed = .relay
        let shard = try #require(config.topology.shards.first)
        var published = ShardHealth(name: shard.name, provider: shard.provider, role: shard.role, users: shard.users)
        published.reachable = true; published.sizeBytes = 123_456_789
        let readings = RelayReadings(shards: [published], caches: [], instances: [], publishedAt: Date())
        try cache.admin.command(["SET", RelayKeys.readings, String(decoding: try JSONEncoder().encode(readings), as: UTF8.self)])
        try cache.admin.command(["HSET", RelayKeys.status, "heartbeat", String(Date().timeIntervalSince1970)])
        let inbox = Inbox()
        let seen = TestInbox<ShardHealth>()
        let monitors = Monitors.start(config: config, options: DashboardOptions(role: .operator)) { e in
            if case .shards(.reading(let h)) = e { seen.post(h) }
            inbox.events.post(e)
        }
        defer { monitors.stopAll() }
        var shards: [ShardHealth] = []
        #expect(TestEnvironment.waitUntil(timeout: 15, wakingOn: seen) { shards += seen.take(); return shards.contains { $0.sizeBytes == 123_456_789 } })
        // Only the relay's reading of that shard: no monitor of the console's own measured it.
        #expect(shards.filter { $0.name == shard.name }.allSatisfy { $0.sizeBytes == 123_456_789 }, "\(shards)")
    }

    /// Silence from the relay shows every target with unknown figures and the reason.
    @Test func relaySilencePostsUnknownFiguresNotOldOnes() throws {
        let topo = try TestEnvironment.topology()
        let events = Monitors.relayEvents(.silent("relay silent since 14:05"), topology: topo)
        let shards = events.compactMap { e -> ShardHealth? in if case .shards(.reading(let h)) = e { h } else { nil } }
        #expect(shards.count == topo.shards.count)
        #expect(shards.allSatisfy { $0.reachable == nil && $0.sizeBytes == nil && $0.error == "relay silent since 14:05" })
        let statuses = events.compactMap { e -> String? in if case .status(_, let t) = e { t } else { nil } }
        #expect(statuses.contains("relay silent since 14:05"))
        let instances = events.compactMap { e -> [InstanceHealth]? in if case .instances(.reading(let l, _)) = e { l } else { nil } }.first
        #expect(instances?.allSatisfy { $0.state == .unknown } == true)
    }
}
