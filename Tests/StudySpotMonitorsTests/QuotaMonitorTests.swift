import Foundation
@testable import StudySpotDevStack
import StudySpotSchema
@testable import StudySpotMonitors
@testable import StudySpotWire
import Testing
import StudySpotCore
import StudySpotConfig
import StudySpotTestSupport

/// The quota monitor against the real stack: metering rows written by SQL
/// as the platform writes them come out as the right gauges.
@Suite struct QuotaMonitorTests {
    @Test func samplesWrittenBySQLBecomeGaugesWithTheRightSeverity() throws {
        var topo = try TestEnvironment.isolatedTopology("quota_monitor_gauges")
        // Only the shards: this test's caches and instances are not its business.
        topo.caches = []; topo.instances = []
        let reports = SchemaApplier(topology: topo, ownerPassword: TestEnvironment.ownerPassword).applyAll()
        #expect(reports.shards.allSatisfy { $0.error == nil })
        let ops = try PGConnection(dsn: try #require(topo.opsShard).dsn)
        let now = Date()
        // (provider, resource, used, hours ago); storage sizes are `total` quotas.
        let rows: [(String, String, Double, Double)] = [
            ("supabase", "storage", 0.10, 48), ("supabase", "storage", 0.10, 0.1),   // 20%, flat: ok
            ("xata", "storage", 12.3, 48), ("xata", "storage", 12.3, 0.1),           // 82%: warning
            ("turso", "storage", 4.0, 24), ("turso", "storage", 4.9, 0.1),           // 98%: critical
            ("neon", "storage", 0.30, 24), ("neon", "storage", 0.35, 0.1),           // 70%, +0.05 GB/day: full in 3 days
            ("planetscale", "storage", 1.0, 0.1),                                    // no free tier any more
            ("redis-cloud", "memory", 28, 2), ("redis-cloud", "memory", 3, 1),       // a reset: 3 of 30 MB
        ]
        for r in rows {
            try ops.query("""
                INSERT INTO ops.usage_samples (provider, resource, used, unit, period_start, observed_at)
                VALUES ($1, $2, $3, 'GB', '2026-01-01', now() - make_interval(secs => $4))
                """, [r.0, r.1, r.2, r.3 * 3_600])
        }
        let catalog = ConsoleConfig.defaults.quotas
        let monitor = QuotaMonitor(topology: topo, catalog: catalog) { _ in }
        let report = try #require(monitor.round(now: now, force: true))
        #expect(report.problems.isEmpty, "\(report.problems)")
        func g(_ key: String) throws -> QuotaGauge { try #require(report.gauges.first { $0.entry.key == key }) }
        #expect(try g("supabase/storage").severity == .ok)
        #expect(abs(try g("supabase/storage").percent! - 20) < 0.01)
        #expect(try g("xata/storage").severity == .warning)
        #expect(try g("turso/storage").severity == .critical)
        let neon = try g("neon/storage")
        #expect(neon.severity == .critical && abs(neon.percent! - 70) < 0.01)
        let out = try #require(neon.runsOutAt)
        #expect(abs(out.timeIntervalSince(now) - 3 * 86_400) < 3_600)
        #expect(try g("planetscale/storage").severity == .critical && g("planetscale/storage").isGone)
        #expect(try g("redis-cloud/memory").used == 3)
        // The console measured the databases itself: a size beside the metered one.
        #expect(try g("neon/storage").measured.map { $0 > 0 } == true)
        // Resources nothing meters and nothing measures have no figure yet.
        #expect(try g("sentry/errors").severity == .unknown)
        #expect(report.gauges.count == catalog.count)
        #expect(report.capacity.contains { $0.need.name == "e-mail" && $0.plan == .limited(35_100) })
    }

    /// An idle round reports the gauges it made before; a new sample makes its
    /// gauge again at once, and a minute makes every gauge again (run-out
    /// dates move with the clock).
    @Test func gaugesAreMadeAgainOnlyWhenTheirInputsChangeOrAMinutePassed() throws {
        var topo = try TestEnvironment.isolatedTopology("quota_monitor_made")
        topo.caches = []; topo.instances = []
        let reports = SchemaApplier(topology: topo, ownerPassword: TestEnvironment.ownerPassword).applyAll()
        #expect(reports.shards.allSatisfy { $0.error == nil })
        let ops = try PGConnection(dsn: try #require(topo.opsShard).dsn)
        func sample(_ used: Double, hoursAgo: Double) throws {
            try ops.query("""
                INSERT INTO ops.usage_samples (provider, resource, used, unit, period_start, observed_at)
                VALUES ('neon', 'storage', $1, 'GB', '2026-01-01', now() - make_interval(secs => $2))
                """, [used, hoursAgo * 3_600])
        }
        try sample(0.30, hoursAgo: 24); try sample(0.35, hoursAgo: 0.1)
        let catalog = ConsoleConfig.defaults.quotas
        let monitor = QuotaMonitor(topology: topo, catalog: catalog) { _ in }
        // A monitor that never saw a round: every gauge made from scratch.
        func fresh(_ at: Date) throws -> QuotaGauge {
            let r = try #require(QuotaMonitor(topology: topo, catalog: catalog) { _ in }.round(now: at, force: true))
            return try #require(r.gauges.first { $0.entry.key == "neon/storage" })
        }
        func neon(_ at: Date) throws -> QuotaGauge {
            let r = try #require(monitor.round(now: at, force: true))
            return try #require(r.gauges.first { $0.entry.key == "neon/storage" })
        }
        let t = Date()
        let first = try neon(t)
        let runsOut = try #require(first.runsOutAt)
        #expect(first == (try fresh(t)))
        // 10 s on, nothing new: the same gauge, though one made now would run out 10 s later.
        let idle = try neon(t.addingTimeInterval(10))
        #expect(idle == first)
        #expect(try fresh(t.addingTimeInterval(10)).runsOutAt == runsOut.addingTimeInterval(10))
        // A new sample: made again at once, as a fresh monitor makes it.
        try sample(0.40, hoursAgo: 0)
        let later = t.addingTimeInterval(20)
        let changed = try neon(later), expected = try fresh(later)
        #expect(changed.used == 0.40 && changed.used == expected.used)
        #expect(changed.runsOutAt == expected.runsOutAt && changed.runsOutAt != first.runsOutAt)
        // A minute after it was made, an unchanged gauge is made again with the clock.
        let aged = later.addingTimeInterval(QuotaMonitor.gaugeMaxAge)
        #expect(try neon(aged).runsOutAt == (try fresh(aged)).runsOutAt)
        #expect(try neon(aged).runsOutAt != changed.runsOutAt)
    }

    /// A private Redis server, so `INFO commandstats` counts this test's commands only.
    final class PrivateRedis {
        let process: ChildProcess
        let url: String
        init() throws {
            // Outside the ephemeral range: a PING polled at a port nothing listens
            // on yet can otherwise connect to itself and answer itself.
            let port = TestEnvironment.freeServerPort()
            let log = "/tmp/studyspot-quota-cost-\(port).log"
            process = try ChildProcess.start("/usr/bin/redis-server",
                                             ["--port", "\(port)", "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
                                             logPath: log)
            url = "redis://127.0.0.1:\(port)/3"
            let up = TestEnvironment.waitUntil(timeout: 10) { (try? RedisConnection(url: url).command(["PING"])) != nil }
            if !up { process.stop(); throw RedisError(kind: .connection, message: "private redis-server did not answer (log \(log))") }
        }
        deinit { process.stop() }

        func infoCalls() throws -> Int {
            let text = try RedisConnection(url: url).command(["INFO", "commandstats"]).string ?? ""
            guard let line = text.split(separator: "\r\n").first(where: { $0.hasPrefix("cmdstat_info:") }),
                  let calls = line.split(separator: ",").first?.split(separator: "=").last else { return 0 }
            return Int(calls) ?? 0
        }
    }

    /// Rounds of the monitor's own loop each measurement spans: the monitor
    /// is counted in its own rounds, not in seconds of a clock a loaded
    /// machine may not give it.
    static let rounds = 12

    /// Lets the monitor poll an Upstash-like cache as fast as allowed for
    /// `rounds` reports (each a round that polled the cache or looked at the
    /// cost, every 0.25 s) and returns the INFO commands the server saw
    /// meanwhile and the stretch applied.
    func poll(_ redis: PrivateRedis, budgetPercent: Double, settle: Bool) throws -> (calls: Int, stretch: Double) {
        let name = "upstash-cost-\(UUID().uuidString.prefix(8))"
        let topo = Topology(shards: [], caches: [CacheConfig(name: name, provider: "upstash", role: .cache, url: redis.url)], instances: [])
        var o = QuotaMonitor.Options()
        o.cachesEvery = 0.02; o.costEvery = 0.25; o.budgetPercent = budgetPercent
        let policy = PollingPolicy()
        let reports = TestInbox<QuotaReport>()
        let monitor = QuotaMonitor(topology: topo, catalog: ConsoleConfig.defaults.quotas, options: o, policy: policy) { reports.post($0) }
        monitor.start()
        defer { monitor.stop() }
        if settle {
            // Wait for the meter to see the rate and stretch the polling.
            #expect(TestEnvironment.waitUntil(timeout: 10) { policy.stretchFactor(for: name) > 10 })
        }
        let before = try redis.infoCalls()
        let start = reports.postedCount
        try #require(TestEnvironment.waitUntil(timeout: 120, wakingOn: reports) { reports.postedCount >= start + Self.rounds },
                     "the monitor made \(reports.postedCount - start) of \(Self.rounds) rounds")
        let calls = try redis.infoCalls() - before - 1 // the second look is one INFO too
        return (calls, policy.stretchFactor(for: name))
    }

    /// With no Caches monitor beside it (its readings missing), the quota
    /// monitor asks the cache itself, on a connection that closes after: the
    /// soak found a second connection to upstash held for good once the
    /// cache's readings went stale.
    @Test func askingACacheItselfHoldsNoConnection() throws {
        let redis = try PrivateRedis()
        let topo = Topology(shards: [], caches: [CacheConfig(name: "upstash-own-\(UUID().uuidString.prefix(8))", provider: "upstash",
                                                             role: .cache, url: redis.url)], instances: [])
        var o = QuotaMonitor.Options()
        o.cachesEvery = 0.05; o.budgetPercent = 1e9
        let monitor = QuotaMonitor(topology: topo, catalog: ConsoleConfig.defaults.quotas, options: o) { _ in }
        let before = try redis.infoCalls()
        monitor.start()
        defer { monitor.stop() }
        // Each look below is an INFO of its own: more than 3 means the monitor asked too.
        #expect(TestEnvironment.waitUntil(timeout: 30) { ((try? redis.infoCalls()) ?? 0) - before > 6 })
        let watcher = try RedisConnection(url: redis.url)
        func others() -> Int {
            let list = (try? watcher.command(["CLIENT", "LIST"]).string) ?? ""
            return list.split(separator: "\n").filter { !$0.contains("cmd=client") }.count
        }
        // Between its polls nobody else is connected (a held connection would always be).
        #expect(TestEnvironment.waitUntil(timeout: 10) { others() == 0 }, "clients besides this test's: \(others())")
    }

    @Test func aTightBudgetMakesTheConsolePollLess() throws {
        let redis = try PrivateRedis()
        let loose = try poll(redis, budgetPercent: 1e9, settle: false)
        let tight = try poll(redis, budgetPercent: 2, settle: true)
        // 2% of 500,000 commands a month is 333 a day: one poll every 4 minutes, not every 20 ms.
        // Loose: nearly every round polls the cache (a few only looked at the cost); tight: hardly any.
        #expect(loose.calls >= Self.rounds / 2, "loose budget polled \(loose.calls) times in \(Self.rounds) rounds")
        #expect(loose.stretch == 1)
        #expect(tight.calls <= 3, "tight budget polled \(tight.calls) times in \(Self.rounds) rounds")
        #expect(tight.stretch >= 10)
    }
}

/// The e-mail router's counters as the platform keeps them, on a private Redis.
@Suite struct EmailRouterReaderTests {
    @Test func countsTodayTheMonthAndTheQueue() throws {
        let redis = try QuotaMonitorTests.PrivateRedis()
        let r = try RedisConnection(url: redis.url)
        let now = Date()
        let days = StateCacheKeys.daysOfMonthSoFar(now)
        _ = try r.command(["SET", "email:sent:resend:\(days.last!)", "100"])
        _ = try r.command(["SET", "email:sent:brevo:\(days.last!)", "61"])
        if days.count > 1 { _ = try r.command(["SET", "email:sent:resend:\(days[0])", "1812"]) }
        let queuedAt = "2026-11-25 09:00:00+00"
        _ = try r.command(["RPUSH", "email_queue", "{\"template\":\"booking_confirmation\",\"booking_id\":1,\"queued_at\":\"\(queuedAt)\"}",
                           "{\"booking_id\":2}"])
        let c = try EmailRouterReader.read(redis: r, providers: EmailRouter.plan.senders.map(\.provider), now: now)
        #expect(c.sentToday["resend"] == 100 && c.sentToday["brevo"] == 61 && c.sentToday["postmark"] == 0)
        #expect(c.sentThisMonth["resend"] == (days.count > 1 ? 1_912 : 100))
        #expect(c.queueLength == 2)
        #expect(c.oldestQueuedAt == PGTimestamp.parse(queuedAt))
        // Resend spent today: the router moves on to SendGrid, which has no free tier any more.
        let status = EmailRouterStatus.make(router: .plan, sentToday: c.sentToday, sentThisMonth: c.sentThisMonth,
                                            catalog: ConsoleConfig.defaults.quotas, queueLength: c.queueLength,
                                            oldestQueuedAt: c.oldestQueuedAt)
        #expect(status.next == "sendgrid")
        #expect(status.senders.first { $0.provider == "sendgrid" }?.gone == true)
        #expect(status.senders.first { $0.provider == "mailersend" }?.currentMonthlyLimit == 500)
    }
}
