import Foundation
import StudySpotSchema
@testable import StudySpotMonitors
@testable import StudySpotWire
import Testing
import StudySpotCore
import StudySpotConfig
import StudySpotTestSupport

/// Where each gauge's figure came from, per account, and what the collector
/// last found: rows written by SQL into a real ops shard, read back through
/// the quota monitor.
@Suite struct QuotaProvenanceTests {
    /// An isolated copy of the stack's shards, nothing else.
    func topology(_ name: String) throws -> Topology {
        var topo = try TestEnvironment.isolatedTopology(name)
        topo.caches = []; topo.instances = []
        return topo
    }

    func insert(_ ops: PGConnection, _ provider: String, _ resource: String, _ used: Double, minutesAgo: Double,
                account: String? = nil, source: String? = nil, limit: Double? = nil) throws {
        try ops.query("""
            INSERT INTO ops.usage_samples (provider, resource, used, unit, period_start, observed_at, account, source, limit_amount)
            VALUES ($1, $2, $3, 'x', date_trunc('month', now())::date, now() - make_interval(secs => $4), $5, $6, $7)
            """, [provider, resource, used, minutesAgo * 60, account, source, limit])
    }

    @Test func eachAccountGetsItsOwnSamplesSourceAndCollectorStatus() throws {
        let topo = try topology("quota_provenance")
        #expect(SchemaApplier(topology: topo, ownerPassword: TestEnvironment.ownerPassword).applyAll().shards.allSatisfy { $0.error == nil })
        let ops = try PGConnection(dsn: try #require(topo.opsShard).dsn)
        try insert(ops, "render", "compute", 100, minutesAgo: 120, account: "render-1", source: "simulation")
        try insert(ops, "render", "compute", 300, minutesAgo: 10, account: "render-2", source: "api:render", limit: 750)
        // Account-less render compute rows feed nothing: the resource is kept per account.
        try insert(ops, "render", "compute", 999, minutesAgo: 5)
        try insert(ops, "netlify", "credits", 120, minutesAgo: 6, source: "api:netlify", limit: 300)
        try insert(ops, "upstash", "commands-month", 4_000, minutesAgo: 2 * 1_440, source: "manual")
        try insert(ops, "supabase", "storage", 0.1, minutesAgo: 3)
        try ops.query("""
            INSERT INTO ops.collector_status (provider, account, last_success_at, failing_since, http_status, error, calls, updated_at)
            VALUES ('netlify', '', now() - interval '2 hours', now() - interval '1 hour', 401, 'token refused', 12, now()),
                   ('render', 'render-2', now() - interval '10 minutes', NULL, NULL, NULL, 40, now())
            """)
        let catalog = ConsoleConfig.defaults.quotas
        let report = try #require(QuotaMonitor(topology: topo, catalog: catalog) { _ in }.round(now: Date(), force: true))
        #expect(report.problems.isEmpty, "\(report.problems)")
        func g(_ key: String) throws -> QuotaGauge { try #require(report.gauges.first { $0.entry.key == key }, "no gauge \(key)") }

        #expect(report.gauges.contains { $0.entry.key == "render/compute" } == false)
        let r1 = try g("render/compute@render-1"), r2 = try g("render/compute@render-2")
        #expect(r1.used == 100 && r1.provenance?.source == .simulation && r1.entry.limit == 750)
        #expect(r2.used == 300 && r2.provenance?.source == .api(provider: "render") && r2.provenance?.apiLimit == 750)
        #expect(r2.collector?.account == "render-2" && r2.collector?.isFailing == false && r2.collector?.callsToday == 40)
        #expect(r1.collector == nil)

        let netlify = try g("netlify/credits")
        #expect(netlify.provenance?.source == .api(provider: "netlify"))
        #expect(abs(try #require(netlify.provenance).observedAt.timeIntervalSinceNow + 360) < 60)
        #expect(netlify.collector?.httpStatus == 401 && netlify.collector?.error == "token refused" && netlify.collector?.isFailing == true)
        #expect(try g("upstash/commands-month").provenance?.source == .manual)
        #expect(try g("supabase/storage").provenance?.source == .platform)
        // Nothing wrote a row: unknown, never 0.
        let vercel = try g("vercel/bandwidth")
        #expect(vercel.used == nil && vercel.provenance == nil && vercel.severity == .unknown)
        #expect(report.collectors.count == 2)
        // Two Render accounts: twice the free tier in the capacity view.
        let compute = try #require(report.capacity.first { $0.need.name == "compute" })
        #expect(compute.shares.first { $0.provider == "render" }?.current == .limited(1_500))
    }

    /// An ops shard `schema apply` has not upgraded: the old table, no status
    /// table. Account-less gauges still read their samples; a line says what to run.
    @Test func anOpsShardWithoutTheNewColumnsIsReadTheOldWay() throws {
        let topo = try topology("quota_provenance_old")
        let ops = try PGConnection(dsn: try #require(topo.opsShard).dsn)
        try ops.query("CREATE SCHEMA ops")
        try ops.query("""
            CREATE TABLE ops.usage_samples (provider text NOT NULL, resource text NOT NULL, used double precision NOT NULL,
              unit text NOT NULL, period_start date NOT NULL, observed_at timestamptz NOT NULL DEFAULT now())
            """)
        try ops.query("""
            INSERT INTO ops.usage_samples (provider, resource, used, unit, period_start, observed_at)
            VALUES ('netlify', 'credits', 150, 'credits', date_trunc('month', now())::date, now() - interval '5 minutes')
            """)
        let monitor = QuotaMonitor(topology: topo, catalog: ConsoleConfig.defaults.quotas) { _ in }
        let report = try #require(monitor.round(now: Date(), force: true))
        let name = try #require(topo.opsShard).name
        #expect(report.problems == ["\(name) schema: run studyspot schema apply: ops.usage_samples lacks source/account, ops.collector_status is missing"])
        let netlify = try #require(report.gauges.first { $0.entry.key == "netlify/credits" })
        #expect(netlify.used == 150 && netlify.percent == 50 && netlify.provenance?.source == .platform)
        #expect(report.gauges.first { $0.entry.key == "render/compute@render-1" }?.used == nil)
        #expect(report.collectors.isEmpty)

        // Once `schema apply` adds them, the same reader reads the new way.
        #expect(SchemaApplier(topology: topo, ownerPassword: TestEnvironment.ownerPassword).applyAll().shards.allSatisfy { $0.error == nil })
        let again = try #require(monitor.round(now: Date(), force: true))
        #expect(again.problems.isEmpty, "\(again.problems)")
    }

    /// Instance hours from heartbeats count against the instance's account:
    /// render-1 and render-2 by their names, "api" by its `account` key.
    @Test func measuredInstanceHoursGoToEachInstancesAccount() throws {
        var topo = try topology("quota_provenance_hours")
        var state = try #require(try TestEnvironment.topology().stateCache)
        state.url = state.url.replacingOccurrences(of: "/0", with: "/7") // a Redis database of its own
        topo.caches = [state]
        func instance(_ name: String, account: String? = nil) -> InstanceConfig {
            InstanceConfig(name: name, provider: "render", url: "http://127.0.0.1:9", priority: 1, weight: 1, sleeps: true, account: account)
        }
        topo.instances = [instance("render-1"), instance("render-2"), instance("api", account: "render-2")]
        let redis = try RedisConnection(url: state.url)
        try redis.command(["FLUSHDB"])
        let now = Date()
        // Started within this month (unless the month began less than 5 hours ago).
        for (name, hours) in [("render-1", 2.0), ("render-2", 3.0), ("api", 1.0)] {
            try redis.command(["HSET", StateCacheKeys.heartbeat(name), "started_at", PGTimestamp.format(now.addingTimeInterval(-hours * 3_600))])
        }
        let monthStart = try #require(QuotaPeriod.month.window(at: now).start)
        try #require(now.timeIntervalSince(monthStart) > 4 * 3_600, "too early in the month for this test's figures")
        let report = try #require(QuotaMonitor(topology: topo, catalog: ConsoleConfig.defaults.quotas) { _ in }.round(now: now, force: true))
        func measured(_ key: String) -> Double? { report.gauges.first { $0.entry.key == key }?.measured }
        #expect(abs((measured("render/compute@render-1") ?? 0) - 2) < 0.01)
        #expect(abs((measured("render/compute@render-2") ?? 0) - 4) < 0.01)
        // No sample at all: the gauge shows what was measured, and says so.
        let r2 = try #require(report.gauges.first { $0.entry.key == "render/compute@render-2" })
        #expect(r2.provenance == nil && abs((r2.used ?? 0) - 4) < 0.01)
    }
}
