import Foundation
import StudySpotCore
import StudySpotMonitors
import StudySpotTestSupport
import StudySpotWire
import Testing
@testable import StudySpotRelay

/// Issue 19's "Done when", on the stack's real PostgreSQL and Redis: two
/// dozen owner consoles (each a `RelayFeed` on a connection of its own, as its
/// owner's ACL user made by `RelayGrant`) on one relay; on databases of its
/// own and a state cache database no other test uses (it empties it first).
@Suite struct RelayManyConsolesTests {
    let wait = 60.0
    static let cacheDatabase = 10

    /// One owner console: what its feed posted, by change key.
    final class Console: @unchecked Sendable {
        let owner: Int64
        let feed: RelayFeed
        let news = TestSignal()
        private let lock = NSLock()
        private var keys: [String] = []
        private var status = ""

        init(owner: Int64, url: String) {
            self.owner = owner
            let box = Box()
            feed = RelayFeed(url: url, scope: .owner(owner), costTarget: "relay-test") { b in box.console?.take(b) }
            box.console = self
        }

        private final class Box: @unchecked Sendable { weak var console: Console? }

        private func take(_ b: BookingFeedBatch) {
            lock.withLock {
                keys += b.changes.map { "\($0.ownerId)/\($0.shard)/\($0.id)/\($0.status.rawValue)" }
                status = b.shardStatus[RelayFeed.statusKey] ?? status
            }
            news.signal()
        }

        var received: [String] { lock.withLock { keys } }
        var live: Bool { lock.withLock { status == "live" } }
        func count(_ key: String) -> Int { received.filter { $0 == key }.count }
    }

    /// Connections on the test's own database of `shard`, other than the asking session.
    func connections(_ p: RelayTestPlatform, _ shard: ShardConfig, excluding writer: Int64) throws -> Int64 {
        try p.writer(shard).query("""
            SELECT count(*) AS n FROM pg_stat_activity
            WHERE datname = current_database() AND pid <> pg_backend_pid() AND pid <> $1
            """, [writer]).first?.int("n") ?? -1
    }

    @Test func twoDozenOwnerConsolesOnOneRelay() throws {
        let cacheURL = RelayTestPlatform.inDatabase(try TestEnvironment.redisURL(), Self.cacheDatabase)
        let p = try RelayTestPlatform(topology: TestEnvironment.isolatedTopology("relay_many_consoles"), stateURL: cacheURL, flush: true)
        let admin = try RedisConnection(url: cacheURL)
        let tag = UInt32.random(in: 0...UInt32.max)
        var users: [String] = []
        defer { for u in users { _ = try? admin.command(["ACL", "DELUSER", u]) }; admin.close() }
        // Each owner's ACL user, as `relay grant` makes it.
        var urls: [Int64: String] = [:]
        for owner: Int64 in [1, 2] {
            let user = "relaytest_many_\(tag)_\(owner)", password = "pw-\(UInt64.random(in: 0...UInt64.max))@:/x"
            _ = try RelayGrant.apply(.grant(password: password), user: user, owner: owner, cacheName: "test", on: admin)
            users.append(user)
            urls[owner] = RelayFeedConnect.ownerURL(stateCache: cacheURL, login: LoginConfig(user: user, password: password, ownerId: owner))
        }
        // The test's own session on each shard (its writes) is not counted.
        let writers = try Dictionary(uniqueKeysWithValues: p.shards.map { s in
            (s.name, try p.writer(s).query("SELECT pg_backend_pid() AS pid").first!.int("pid"))
        })

        var relay = try RunningRelay(p.topology)
        #expect(TestEnvironment.waitUntil(timeout: wait) { relay.relay.shardStatus.values.filter { $0 == "live" }.count == p.shards.count })
        #expect(TestEnvironment.waitUntil(timeout: wait) { relay.relay.counts.seatMaps >= 2 })
        // The relay's own connections, before any console: each users shard's listener at least.
        var relayOnly: [String: Int64] = [:]
        for s in p.shards {
            relayOnly[s.name] = try connections(p, s, excluding: writers[s.name]!)
            #expect(relayOnly[s.name]! >= 1, "\(s.name): the relay's listener")
        }

        // 16 consoles of owner 1, 8 of owner 2.
        let consoles = (0..<24).map { i in Console(owner: i < 16 ? 1 : 2, url: urls[i < 16 ? 1 : 2]!) }
        for c in consoles { c.feed.start() }
        defer { for c in consoles { c.feed.stop() } }
        #expect(TestEnvironment.waitUntil(timeout: wait) { consoles.allSatisfy(\.live) })
        // Each its own connection to the state cache, as its owner's user.
        let list = try admin.command(["CLIENT", "LIST"]).string ?? ""
        let consoleLines = list.split(separator: "\n").filter { line in consoles.contains { line.contains(" name=\($0.feed.connectionName) ") } }
        #expect(consoleLines.count == 24)
        #expect(consoleLines.filter { $0.contains(" user=\(users[0]) ") }.count == 16)
        #expect(consoleLines.filter { $0.contains(" user=\(users[1]) ") }.count == 8)
        // No console adds a connection to any users shard.
        for s in p.shards {
            let n = try connections(p, s, excluding: writers[s.name]!)
            #expect(n <= relayOnly[s.name]!, "\(s.name): \(n) connections with 24 consoles, the relay alone had \(relayOnly[s.name]!)")
        }

        // A booking reaches every console of its owner and none of the other's.
        let first = try p.book(p.shards[0], owner: 1)
        let second = try p.book(p.shards[1 % p.shards.count], owner: 2, seat: 2)
        let firstKey = "1/\(p.shards[0].name)/\(first)/reserved", secondKey = "2/\(p.shards[1 % p.shards.count].name)/\(second)/reserved"
        #expect(TestEnvironment.waitUntil(timeout: wait) {
            consoles.allSatisfy { $0.count($0.owner == 1 ? firstKey : secondKey) == 1 }
        })
        #expect(consoles.allSatisfy { c in c.received.allSatisfy { $0.hasPrefix("\(c.owner)/") } }, "a console got another owner's booking")

        // Changes made while the relay is stopped reach every console once when it returns.
        #expect(relay.shutDown())
        // The consoles stay connected to the cache, waiting; still nothing of theirs on the shards.
        // (A stopped relay object still holds some of its monitors' idle sessions until it is released.)
        var leftOver: [String: Int64] = [:]
        for s in p.shards {
            let n = try connections(p, s, excluding: writers[s.name]!)
            leftOver[s.name] = n
            #expect(n <= relayOnly[s.name]!, "\(s.name): \(n) connections with the relay stopped, the relay alone had \(relayOnly[s.name]!)")
        }
        let third = try p.book(p.shards[0], owner: 1, seat: 3)
        let fourth = try p.book(p.shards[2 % p.shards.count], owner: 2, seat: 3)
        try p.setStatus(p.shards[0], first, "checked_in")
        let whileStopped: [Int64: [String]] = [
            1: ["1/\(p.shards[0].name)/\(third)/reserved", "1/\(p.shards[0].name)/\(first)/checked_in"],
            2: ["2/\(p.shards[2 % p.shards.count].name)/\(fourth)/reserved"],
        ]
        relay = try RunningRelay(p.topology)
        defer { _ = relay.shutDown() }
        #expect(TestEnvironment.waitUntil(timeout: wait) { consoles.allSatisfy { c in whileStopped[c.owner]!.allSatisfy { c.count($0) >= 1 } } })
        #expect(TestEnvironment.waitUntil(timeout: wait) { relay.relay.shardStatus.values.filter { $0 == "live" }.count == p.shards.count })
        // Once the restarted relay is live, a last booking per owner: everything before it has arrived.
        let last1 = try p.book(p.shards[0], owner: 1, seat: 5), last2 = try p.book(p.shards[0], owner: 2, seat: 1)
        #expect(TestEnvironment.waitUntil(timeout: wait) {
            consoles.allSatisfy { c in c.received.contains { $0.hasSuffix("/\(c.owner == 1 ? last1 : last2)/reserved") } }
        })
        for c in consoles {
            let got = c.received
            #expect(Set(got).count == got.count, "console of owner \(c.owner) shows a change twice: \(got)")
            #expect(got.allSatisfy { $0.hasPrefix("\(c.owner)/") }, "console of owner \(c.owner) got another owner's booking: \(got)")
            #expect(got.count == (c.owner == 1 ? 4 : 3), "console of owner \(c.owner): \(got)")
        }
        // The new relay's and what the stopped one still holds: still none of the consoles'.
        for s in p.shards {
            let n = try connections(p, s, excluding: writers[s.name]!)
            #expect(n <= relayOnly[s.name]! + leftOver[s.name]!,
                    "\(s.name): \(n) connections after the restart; a relay alone had \(relayOnly[s.name]!), the stopped one left \(leftOver[s.name]!)")
        }
    }
}
