import Foundation
import Testing
import StudySpotConfig
import StudySpotCore
import StudySpotSchema
import StudySpotTestSupport
import StudySpotWire
@testable import StudySpotCollectors

/// The runner against the real ops shard of the test stack (a database of
/// its own per test) and `scripts/fake_providers`.
@Suite(.serialized) struct CollectorRunnerTests {
    let fake: FakeProviders
    init() throws { fake = try FakeProviders() }

    static let catalog = ConsoleConfig.defaults.quotas

    /// An ops shard in a fresh database with the console's schema.
    static func opsShard(_ name: String) throws -> ShardConfig {
        var topo = try TestEnvironment.isolatedTopology(name)
        topo.caches = []; topo.instances = []
        let reports = SchemaApplier(topology: topo, ownerPassword: TestEnvironment.ownerPassword).applyAll()
        #expect(reports.shards.allSatisfy { $0.error == nil })
        return try #require(topo.opsShard)
    }

    func runner(_ configs: [CollectorConfig], ops: ShardConfig) -> CollectorRunner {
        let r = CollectorRunner(configs: configs, quotas: Self.catalog, store: CollectorStore(ops: ops), counter: OperationCounter())
        r.timeout = 3
        return r
    }

    func netlify(token: String = FakeProviders.token(for: "netlify")) -> CollectorConfig {
        FakeCollectorConfigs.config("netlify", fake: fake, token: token)
    }

    @Test func aPollWritesTheFigureWithItsSourceAccountAndLimitAndAStatusRow() throws {
        let ops = try Self.opsShard("collector_runner_rows")
        let counter = OperationCounter()
        let r = CollectorRunner(configs: [netlify()], quotas: Self.catalog, store: CollectorStore(ops: ops), counter: counter)
        let outcomes = r.pollAll()
        #expect(outcomes.count == 1 && outcomes[0].failureLine == nil && outcomes[0].written == 1 && outcomes[0].calls == 1)
        let db = try PGConnection(dsn: ops.dsn)
        let row = try #require(try db.query("""
            SELECT provider, resource, used, unit, period_start::text AS start, account, source, limit_amount FROM ops.usage_samples
            """).first)
        #expect(try row.string("provider") == "netlify" && row.string("resource") == "bandwidth" && row.string("unit") == "GB")
        #expect(try abs(row.double("used") - 25.3016) < 0.001)
        // The provider's only account: Netlify's `account` is its team slug, not a second quota.
        #expect(row.isNull("account"))
        #expect(try row.string("source") == "api:netlify" && row.double("limit_amount") == 100)
        #expect(try row.string("start") == "2026-11-17")
        let status = try #require(try db.query("""
            SELECT account, last_success_at IS NOT NULL AS ok, failing_since IS NULL AS clear, calls,
                   calls_day = (now() AT TIME ZONE 'UTC')::date AS today FROM ops.collector_status WHERE provider = 'netlify'
            """).first)
        #expect(try status.string("account") == "studyspot" && status.bool("ok") && status.bool("clear"))
        #expect(try status.int("calls") == 1 && status.bool("today"))
        // The calls count against the console's own cost budget, per provider.
        #expect(counter.today()[CollectorRunner.costTarget(netlify())] == 1)
    }

    @Test func failingSinceStaysWhileFailuresContinueAndClearsOnSuccess() throws {
        let ops = try Self.opsShard("collector_runner_failing")
        let r = runner([netlify()], ops: ops)
        let db = try PGConnection(dsn: ops.dsn)
        func status() throws -> PGRow { try #require(try db.query("""
            SELECT failing_since::text AS since, http_status, error, last_success_at IS NULL AS never, calls FROM ops.collector_status
            """).first) }
        try fake.fault("netlify", "401", times: 2)
        let first = r.poll(r.jobs[0])
        #expect(first.error?.httpStatus == 401 && first.written == 0)
        let since = try #require(try status().optionalString("since"))
        _ = r.poll(r.jobs[0])
        let failing = try status()
        #expect(failing.optionalString("since") == since)
        #expect(try failing.int("http_status") == 401 && failing.string("error").contains("HTTP 401 token refused"))
        #expect(try failing.bool("never"))
        _ = r.poll(r.jobs[0])
        let recovered = try status()
        #expect(recovered.isNull("since") && recovered.isNull("http_status") && recovered.isNull("error"))
        #expect(try !recovered.bool("never") && recovered.int("calls") == 3)
        #expect(try db.query("SELECT count(*) AS n FROM ops.usage_samples").first?.int("n") == 1)
    }

    @Test func aRateLimitedPollIsNotRepeatedBeforeRetryAfterAndSaysUntilWhen() throws {
        let ops = try Self.opsShard("collector_runner_429")
        let r = runner([netlify()], ops: ops)
        try fake.fault("netlify", "429", retryAfter: "1800", times: 1)
        let before = Date()
        let outcome = r.poll(r.jobs[0])
        #expect(outcome.error?.kind == .rateLimited && outcome.failureLine?.contains("HTTP 429 rate-limited until") == true)
        let next = CollectorRunner.rescheduled(r.jobs[0], after: outcome, at: Date()).next
        #expect(next >= before.addingTimeInterval(1_799) && next <= Date().addingTimeInterval(1_801))
        #expect(r.jobs[0].interval == NetlifyCollector.defaultEvery && next > Date().addingTimeInterval(NetlifyCollector.defaultEvery))
        let db = try PGConnection(dsn: ops.dsn)
        let row = try #require(try db.query("""
            SELECT http_status, extract(epoch FROM retry_at)::float8 AS at FROM ops.collector_status
            """).first)
        #expect(try row.int("http_status") == 429 && abs(row.double("at") - next.timeIntervalSince1970) < 5)
        // The next success clears it and polls again one interval later.
        let ok = r.poll(r.jobs[0])
        let after = CollectorRunner.rescheduled(r.jobs[0], after: ok, at: Date())
        #expect(ok.error == nil && after.failures == 0 && after.next <= Date().addingTimeInterval(NetlifyCollector.defaultEvery))
        #expect(try db.query("SELECT retry_at FROM ops.collector_status").first?.isNull("retry_at") == true)
    }

    @Test func callsAreCountedPerUTCDay() throws {
        let ops = try Self.opsShard("collector_runner_calls")
        let store = CollectorStore(ops: ops)
        defer { store.close() }
        let day = 86_400.0
        let yesterday = Date(timeIntervalSince1970: (Date().timeIntervalSince1970 / day).rounded(.down) * day - 60)
        let record = PollRecord(provider: "netlify", account: nil, error: nil, calls: 4)
        try store.write([], record, now: yesterday)
        try store.write([], record, now: yesterday.addingTimeInterval(30))
        let db = try PGConnection(dsn: ops.dsn)
        #expect(try db.query("SELECT calls FROM ops.collector_status").first?.int("calls") == 8)
        try store.write([], record, now: yesterday.addingTimeInterval(120))
        let row = try #require(try db.query("SELECT calls, calls_day::text AS d, account FROM ops.collector_status").first)
        #expect(try row.int("calls") == 4 && row.string("d") == ProviderDates.day(yesterday.addingTimeInterval(120)))
        #expect(try row.string("account") == "")
    }

    @Test func aSecondRunnerIsRefusedTheLockAndToldWhoHoldsIt() throws {
        let ops = try Self.opsShard("collector_runner_lock")
        let first = CollectorStore(ops: ops), second = CollectorStore(ops: ops)
        try first.lock()
        do { try second.lock(); Issue.record("two runners held the lock") } catch {
            guard case .lockHeld(let holder) = error else { Issue.record("\(error)"); return }
            #expect(holder?.hasPrefix(CollectorStore.applicationPrefix) == true)
            #expect(error.description.hasPrefix("another studyspot collect is running"))
        }
        first.close()
        try second.lock()
        second.close()
    }

    @Test func aDroppedSessionTakesTheLockAgainOrGivesItUp() throws {
        let ops = try Self.opsShard("collector_runner_relock")
        let admin = try PGConnection(dsn: ops.dsn)
        func dropCollectorSessions() throws {
            try admin.query("""
                SELECT pg_terminate_backend(pid) FROM pg_stat_activity
                WHERE datname = current_database() AND application_name LIKE 'studyspot-collect%'
                """)
        }
        let record = PollRecord(provider: "netlify", account: nil, error: nil, calls: 1)
        let first = CollectorStore(ops: ops)
        try first.lock()
        try dropCollectorSessions()
        // Nobody took it meanwhile: the next write reconnects and holds it again.
        try first.write([], record, now: Date())
        #expect(first.locked)
        let second = CollectorStore(ops: ops)
        #expect(throws: CollectorStoreError.self) { try second.lock() }
        try dropCollectorSessions()
        try second.lock()
        // Another took it: the first gives it up instead of writing beside it.
        #expect(throws: CollectorStoreError.self) { try first.write([], record, now: Date()) }
        #expect(!first.locked)
        first.close(); second.close()
    }

    @Test func aReadingOutsideTheCatalogIsSkippedAndAnotherUnitConverted() {
        let now = Date(timeIntervalSince1970: 1_796_000_000)  // 2026-11-30
        let c = CollectorConfig(provider: "netlify", account: "studyspot")
        let readings = [UsageReading(resource: "build-minutes-typo", used: 3, unit: "minutes"),
                        UsageReading(resource: "bandwidth", used: 2_048, unit: "MB", limit: 102_400),
                        UsageReading(resource: "credits", used: 12, unit: "GB"),
                        UsageReading(resource: "bandwidth", used: -1, unit: "GB")]
        let (rows, skipped) = CollectorRunner.rows(readings, config: c, quotas: Self.catalog, now: now)
        #expect(rows.count == 1 && rows[0].used == 2 && rows[0].limit == 100 && rows[0].unit == "GB")
        #expect(rows[0].source == .api(provider: "netlify") && rows[0].account == nil)
        // No period from the API: the catalog's (netlify bandwidth resets monthly).
        #expect(ProviderDates.day(rows[0].periodStart) == "2026-11-01")
        #expect(skipped.count == 3)
        #expect(skipped[0] == "netlify/build-minutes-typo: not in the quota catalog")
        #expect(skipped[1].contains("read in GB, the catalog counts credits"))
    }

    @Test func aCollectorMissingAnIdentifierFailsWithoutACall() throws {
        let ops = try Self.opsShard("collector_runner_config")
        var c = netlify()
        c.account = nil
        let r = runner([c], ops: ops)
        let o = r.poll(r.jobs[0])
        #expect(o.error?.kind == .config && o.calls == 0)
        #expect(o.failureLine == "netlify: netlify's collector needs \"account\" in its [[collector]] (CONTRACT §9, docs/collect.md)")
        #expect(try fake.calls("netlify") == 0)
    }
}
