import Foundation
import StudySpotDevStack
import StudySpotSchema
import StudySpotMonitors
import StudySpotWire
import Testing
@testable import StudySpotSimulator
import StudySpotCore
import StudySpotTestSupport

/// A bounded simulated run on its own databases and its own Redis keys
/// (a separate Redis database number), compared with what the servers hold.
@Suite(.serialized) struct SimulationTests {
    static func quotas() -> [QuotaEntry] {
        [QuotaEntry(provider: "vercel", resource: "bandwidth", category: .frontend, limit: 100, unit: "GB", period: .rolling30d,
                    planLimit: 100, planText: "100 GB/month", currentText: "100 GB", source: "test", checked: "n.d.", verdict: .confirmed),
         QuotaEntry(provider: "resend", resource: "emails-day", category: .email, limit: 100, unit: "emails", period: .day,
                    planLimit: 100, planText: "100/day", currentText: "100/day", source: "test", checked: "n.d.", verdict: .confirmed)]
    }

    func environment() throws -> Topology {
        var topo = try TestEnvironment.isolatedTopology("simtest")
        // Redis database 5 of the state cache: the other tests use database 0.
        for i in topo.caches.indices { topo.caches[i].url = topo.caches[i].url.replacingOccurrences(of: "/0", with: "/5") }
        topo.instances = []
        let r = try RedisConnection(url: try #require(topo.stateCache).url)
        try r.command(["FLUSHDB"])
        #expect(SchemaApplier(topology: topo, ownerPassword: TestEnvironment.ownerPassword).applyAll().shards.allSatisfy { $0.error == nil })
        _ = try Seeder(topology: topo, plan: SeedPlan(scale: .small), ownerPassword: TestEnvironment.ownerPassword).seed(force: true)
        return topo
    }

    @Test func rowsAndKeysMatchTheSimulationsOwnCounts() throws {
        let topo = try environment()
        // Listen before the run: every change must be announced once.
        var listeners: [String: PGConnection] = [:]
        for s in topo.usersShards {
            let l = try PGConnection(dsn: s.dsn)
            try l.listen("studyspot_bookings")
            listeners[s.name] = l
        }
        var opts = PlatformSimulator.Options()
        opts.rate = 200
        opts.requestsPerSecond = 500
        opts.serveInstances = false
        let sim = PlatformSimulator(topology: topo, quotas: Self.quotas(), options: opts)
        let startedAt = Date()
        try sim.run(duration: 2.0)
        let c = sim.counts
        #expect(c.bookingChanges > 0)
        // Bookings created by the run are in the shards, by id range.
        var created = 0
        for s in topo.usersShards {
            let conn = try PGConnection(dsn: s.dsn)
            created += Int(try conn.query("SELECT count(*) AS n FROM bookings WHERE id >= 1000000000000").first?.int("n") ?? 0)
        }
        #expect(created == c.created)
        // Every change was notified.
        var notified = 0
        for (_, l) in listeners {
            _ = TestEnvironment.waitUntil(timeout: 2) { (try? l.drainNotifications().count).map { notified += $0; return false } ?? true }
        }
        #expect(notified == c.bookingChanges)
        // Counters and the queue in Redis agree with the run's own counts.
        let redis = try RedisConnection(url: try #require(topo.stateCache).url)
        let day = StateCacheKeys.utcDay(Date())
        for (provider, n) in c.emailsSent {
            #expect(try redis.command(["GET", "email:sent:\(provider):\(day)"]).integer == Int64(n), "\(provider)")
        }
        #expect(try redis.command(["LLEN", "email_queue"]).integer == Int64(c.emailsQueued))
        #expect(c.emailsSent.values.reduce(0, +) + c.emailsQueued == c.created)
        let ops = try PGConnection(dsn: try #require(topo.opsShard).dsn)
        let samples = try ops.query("SELECT count(*) AS n FROM ops.usage_samples").first?.int("n") ?? 0
        #expect(samples == Int64(c.usageSamples))
        #expect(Date().timeIntervalSince(startedAt) < 30)
    }

    @Test func emailRoutingSpendsResendFirstThenQueues() throws {
        let topo = try environment()
        let redis = try RedisConnection(url: try #require(topo.stateCache).url)
        let router = EmailRouter(senders: [EmailRouter.Sender(provider: "resend", dailyLimit: 3, monthlyLimit: 3_000),
                                           EmailRouter.Sender(provider: "brevo", dailyLimit: 2, monthlyLimit: nil)])
        let email = EmailTraffic(router: router)
        let c = try email.send(bookings: [1, 2, 3, 4, 5, 6, 7], redis: redis, now: Date())
        #expect(c.emailsSent == ["resend": 3, "brevo": 2])
        #expect(c.emailsQueued == 2)
        let day = StateCacheKeys.utcDay(Date())
        #expect(try redis.command(["GET", "email:sent:resend:\(day)"]).integer == 3)
        #expect(try redis.command(["GET", "email:sent:brevo:\(day)"]).integer == 2)
        let queued = try redis.command(["LRANGE", "email_queue", "0", "-1"]).array?.compactMap(\.string) ?? []
        #expect(queued.count == 2 && queued[0].contains("\"booking_id\":6") && queued[1].contains("\"booking_id\":7"))
    }

    @Test func oldFinishedBookingsEndUpOnlyInTheArchive() throws {
        let topo = try environment()
        let neon = try PGConnection(dsn: try #require(topo.shards.first { $0.name == "neon" }).dsn)
        try neon.query("""
            INSERT INTO bookings (id, user_id, library_id, owner_id, seat_id, starts_at, ends_at, status)
            VALUES (999000000001, 1, 1, 1, 1, now() - interval '200 days', now() - interval '200 days' + interval '2 hours', 'completed'),
                   (999000000002, 1, 1, 1, 1, now() - interval '10 days', now() - interval '10 days' + interval '2 hours', 'completed')
            """)
        let moved = try ArchiveJob(usersShards: topo.usersShards, archive: try #require(topo.archiveShard)).run()
        #expect(moved >= 1)
        #expect(try neon.query("SELECT id FROM bookings WHERE id IN (999000000001, 999000000002)").rows.map { try $0.int("id") } == [999000000002])
        let arch = try PGConnection(dsn: try #require(topo.archiveShard).dsn)
        #expect(try arch.query("SELECT count(*) AS n FROM archived_bookings WHERE id = 999000000001").first?.int("n") == 1)
        for s in topo.usersShards {
            let c = try PGConnection(dsn: s.dsn)
            #expect(try c.query("SELECT count(*) AS n FROM bookings WHERE starts_at < now() - interval '183 days'").first?.int("n") == 0)
        }
    }
}
