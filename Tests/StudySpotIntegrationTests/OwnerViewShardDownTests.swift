import Foundation
@testable import StudySpotDevStack
import StudySpotSchema
@testable import StudySpotMonitors
@testable import StudySpotWire
import Testing
import StudySpotCore
import StudySpotConsole
import StudySpotTestSupport

/// A users shard's server stops under the booking feed (a private stack, so
/// nothing else is disturbed): the shard shows as down, the others keep
/// updating, and when it is back what was written meanwhile appears once.
@Suite(.serialized) struct OwnerViewShardDownTests {
    @Test func aDeadShardIsShownWhileTheOthersKeepUpdatingAndItCatchesUpWhenBack() throws {
        try LocalStackFixture.withStack { stack in
            try stack.up()
            let topo = stack.topology(password: try LocalStackFixture.password(of: stack))
            _ = SchemaApplier(topology: topo).applyAll()
            let cat = try PGConnection(dsn: topo.shards.first { $0.role == .catalog }!.dsn)
            try cat.query("INSERT INTO owners (id, display_name) VALUES (1, 'Owner')")
            try cat.query("INSERT INTO libraries (id, name, city, owner_id) VALUES (1, 'Bodhi Library', 'Kolkata', 1)")
            try cat.query("INSERT INTO seats (id, library_id, label, row_no, col_no) VALUES (1, 1, 'C22', 1, 1)")
            let users = topo.shards.filter { $0.role == .users }
            var next: Int64 = 0
            func insert(_ s: ShardConfig) throws -> Int64 {
                next += 1
                let c = try PGConnection(dsn: s.dsn)
                let user = s.users!.lower
                try c.query("INSERT INTO users (id, display_name) VALUES ($1, 'Priya D.') ON CONFLICT DO NOTHING", [user])
                try c.query("""
                    INSERT INTO bookings (id, user_id, library_id, owner_id, seat_id, starts_at, ends_at, status)
                    VALUES ($1, $2, 1, 1, 1, now(), now() + interval '1 hour', 'reserved')
                    """, [next, user])
                return next
            }
            let console = OwnerViewConsole()
            var options = BookingFeed.Options()
            options.backoffMax = 1
            let feed = BookingFeed(topology: topo, login: nil, options: options) { console.post(.bookings(.batch($0))) }
            feed.start()
            defer { feed.stop() }
            #expect(console.wait(15) { c in users.allSatisfy { c.state.bookings.shardStatus[$0.name] == "live" } })

            let dead = users[2], alive = users[0]
            let pidText = try String(contentsOfFile: stack.paths.postgresData(dead.name) + "/postmaster.pid", encoding: .utf8)
            let pid = try #require(Int32(pidText.split(separator: "\n").first ?? ""))
            kill(pid, SIGINT) // fast shutdown: clients are disconnected (SIGTERM would wait for them)
            #expect(console.wait(15) { c in c.state.bookings.shardStatus[dead.name]?.hasPrefix("reconnecting") == true })
            let whileDown = try insert(alive)
            #expect(console.wait { c in c.changes.contains { $0.id == whileDown } }, "the other shards keep updating")
            #expect(console.screen(.bookings).contains("✕ \(dead.name) reconnecting"))

            try stack.up()
            let afterRestart = try insert(dead)
            #expect(console.wait(20) { c in c.changes.contains { $0.id == afterRestart } && c.state.bookings.shardStatus[dead.name] == "live" })
            #expect(console.changes.filter { $0.id == afterRestart && $0.shard == dead.name }.count == 1)
        }
    }
}
