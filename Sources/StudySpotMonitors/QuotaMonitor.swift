import Foundation
import StudySpotCore
import StudySpotWire

/// The admin view's monitor: on a thread of its own it reads the metering
/// (`ops.usage_samples`), measures what the console can see itself
/// (database sizes, Redis memory, e-mail counters, instance uptimes),
/// computes the gauges, the capacity verdicts and the e-mail router's
/// state, meters the console's own cost and posts one `QuotaReport` per
/// round. Every poll of a target waits `PollingPolicy.interval` first, so
/// the cost budget can slow it down.
public final class QuotaMonitor: @unchecked Sendable {
    public struct Options: Sendable {
        /// Base seconds between polls of each kind (stretched by the policy).
        public var samplesEvery = 30.0
        public var sizesEvery = 60.0
        public var cachesEvery = 30.0
        public var emailEvery = 10.0
        /// Seconds between looks at the console's own operation counts.
        public var costEvery = 15.0
        public var budgetPercent = 2.0
        public init() {}
    }

    let topology: Topology
    let catalog: [QuotaEntry]
    let options: Options
    let policy: PollingPolicy
    let counter: OperationCounter
    let post: @Sendable (QuotaReport) -> Void
    public let cost: CostMeter
    private let reader = UsageSampleReader()
    static let databaseSizeSQL = "SELECT pg_database_size(current_database())::float8 AS bytes"
    private let lock = NSLock()
    private let wake = DispatchSemaphore(value: 0)
    private var stopped = false
    private var paused = false
    private var thread: Thread?

    // Measurements, by shard / cache / instance name.
    private var shards: [String: PGConnection] = [:]
    private var caches: [String: RedisConnection] = [:]
    private var dbSizeBytes: [String: Double] = [:]
    private var redisMemoryBytes: [String: Double] = [:]
    /// Commands a cache processed today / this month, when the console can
    /// tell (see `countCommands`).
    private var redisCommandsToday: [String: Double] = [:]
    private var redisCommandsMonth: [String: Double] = [:]
    private var lastCommandTotal: [String: (at: Date, total: Double)] = [:]
    private var email: EmailRouterReader.Counts?
    private var startedAt: [String: Date] = [:]
    private var problems: [String: String] = [:]
    private var costLines: [CostProjection] = []
    private var due: [String: Date] = [:]
    private var lastCost = Date.distantPast
    /// Each entry's last gauge and what it was made from (`gauges(now:)`).
    private var made: [String: MadeGauge] = [:]

    /// What a gauge is made from besides the clock.
    struct GaugeInputs: Hashable {
        var samples: [QuotaSample]
        var provenance: QuotaProvenance?
        var measured: Double?
        var collector: CollectorStatus?
    }

    struct MadeGauge {
        var inputs: GaugeInputs
        var at: Date
        var gauge: QuotaGauge
    }

    /// How long a gauge whose inputs did not change is reported again before
    /// it is made anew: its projection, burn and run-out move with the clock
    /// (slowly: a day's pace over a minute), so they are at most this old,
    /// as the Overview's other figures are (sampled at the minute).
    static let gaugeMaxAge: TimeInterval = 60

    public init(topology: Topology, catalog: [QuotaEntry], options: Options = Options(),
                policy: PollingPolicy = PollingPolicy(), counter: OperationCounter = OperationCounter(),
                post: @escaping @Sendable (QuotaReport) -> Void) {
        self.topology = topology; self.catalog = catalog; self.options = options
        self.policy = policy; self.counter = counter; self.post = post
        cost = CostMeter(topology: topology, catalog: catalog, budgetPercent: options.budgetPercent,
                         policy: policy, counter: counter)
    }

    public func start() {
        let t = NamedThread.thread("quotas") { [self] in run() }
        thread = t
        t.start()
    }

    public func stop() {
        lock.withLock { stopped = true }
        wake.signal()
    }

    private var isStopped: Bool { lock.withLock { stopped } }

    /// While paused (the console's `p`) nothing is polled and nothing posted.
    public func setPaused(_ value: Bool) {
        lock.withLock { paused = value }
        wake.signal()
    }
    private var isPaused: Bool { lock.withLock { paused } }

    private func run() {
        while !isStopped {
            let report = round(now: Date())
            if let report { post(report) }
            let next = due.values.min() ?? Date().addingTimeInterval(1)
            var wait = min(max(0.01, next.timeIntervalSinceNow), max(0.05, lastCost.addingTimeInterval(options.costEvery).timeIntervalSinceNow), 5)
            // Wake on a whole second, with the other monitors' polls (see
            // `StopSignal.sleepAligned`), so the dashboard draws once for all
            // (sub-second intervals, in tests, are left alone).
            if wait >= 0.5 {
                let now = Date().timeIntervalSince1970
                wait = (now + wait).rounded(.up) - now
            }
            _ = wake.wait(timeout: .now() + wait)
        }
        shards.values.forEach { $0.close() }
        caches.values.forEach { $0.close() }
    }

    /// Polls every target that is due and returns a report when anything
    /// was polled; `force` polls everything now (tests, `snapshot`).
    public func round(now: Date, force: Bool = false) -> QuotaReport? {
        if isPaused && !force { return nil }
        var polled = false
        func isDue(_ task: String) -> Bool { force || (due[task] ?? .distantPast) <= now }
        func done(_ task: String, target: String, base: Double) {
            due[task] = Date().addingTimeInterval(policy.interval(target: target, base: base))
            polled = true
        }
        if let ops = topology.opsShard, isDue("samples") {
            attempt(ops.name) { try reader.refresh(ops: try shard(ops), entries: catalog, now: now) }
            // An old ops schema is read the old way; the line says what to run
            // (its own key: the shard's size poll clears the shard's).
            if problems[ops.name] == nil { problems["\(ops.name) schema"] = reader.schemaProblem }
            done("samples", target: ops.name, base: options.samplesEvery)
        }
        for s in topology.shards where isDue("size:\(s.name)") {
            attempt(s.name) {
                // The Shards pane's monitor reads the same figure every few seconds
                // (for a shard on Turso's HTTP API, the only reading: no libpq here).
                if let shared = SharedReading.databaseSize.fresh(s.endpoint, maxAge: sharedMaxAge(s.name, base: options.sizesEvery), now: now) {
                    dbSizeBytes[s.name] = Double(shared)
                } else if !s.overHTTP {
                    let r = try shard(s).query(QuotaMonitor.databaseSizeSQL)
                    dbSizeBytes[s.name] = try r.first?.double("bytes")
                }
            }
            done("size:\(s.name)", target: s.name, base: options.sizesEvery)
        }
        for c in topology.caches where isDue("cache:\(c.name)") {
            attempt(c.name) {
                // The Caches pane's monitor reads INFO every few seconds.
                let info = try SharedReading.redisInfo.fresh(c.url, maxAge: sharedMaxAge(c.name, base: options.cachesEvery), now: now)
                    ?? RedisInfo(parsing: try infoReply(c), keeping: RedisInfo.monitorFields)
                redisMemoryBytes[c.name] = info.value("used_memory").flatMap(Double.init)
                countCommands(c.name, info, now: now)
            }
            done("cache:\(c.name)", target: c.name, base: options.cachesEvery)
        }
        if let state = topology.stateCache, isDue("email") {
            attempt(state.name + " (e-mail)") {
                let r = try cache(state)
                email = try EmailRouterReader.read(redis: r, providers: EmailRouter.plan.senders.map(\.provider), now: now)
                if !topology.instances.isEmpty {
                    let replies = try r.pipeline(topology.instances.map { ["HGET", StateCacheKeys.heartbeat($0.name), "started_at"] })
                    startedAt = [:]
                    for (i, reply) in zip(topology.instances, replies) { startedAt[i.name] = reply.string.flatMap(PGTimestamp.parse) }
                }
            }
            done("email", target: state.name, base: options.emailEvery)
        }
        let costDue = force || now.timeIntervalSince(lastCost) >= options.costEvery
        // The loop wakes at least every 5 s; a round that polled nothing and
        // owes no cost line reports nothing, so its gauges need not be made
        // (they were a sixth of an idle console's CPU: Benchmarks/README.md).
        guard polled || costDue else { return nil }
        let gauges = self.gauges(now: now)
        if costDue {
            var writes: [String: Date] = [:]
            if let ops = topology.opsShard, let at = reader.newestSample { writes[ops.name] = at }
            costLines = cost.evaluate(now: now, gauges: gauges, platformWrites: writes)
            lastCost = now
        }
        let router = email.map {
            EmailRouterStatus.make(router: .plan, sentToday: $0.sentToday, sentThisMonth: $0.sentThisMonth,
                                   catalog: catalog, queueLength: $0.queueLength, oldestQueuedAt: $0.oldestQueuedAt)
        }
        return QuotaReport(gauges: gauges, capacity: Capacity.evaluate(catalog: catalog, gauges: gauges, now: now),
                           email: router, cost: costLines,
                           problems: problems.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }, generatedAt: now,
                           collectors: reader.collectors)
    }

    /// Every catalog resource's gauge from its samples and what was measured,
    /// with where its figure came from and how its collector fares. A gauge
    /// is made again only when one of those changed, its period reset, or
    /// it is `gaugeMaxAge` old: an idle round (e-mail counters every 10 s)
    /// made every gauge from its samples, most of the quota thread's CPU
    /// (Benchmarks/README.md, "Idle CPU").
    func gauges(now: Date) -> [QuotaGauge] {
        catalog.map { e in
            let samples = reader.samples(e.key)
            let inputs = GaugeInputs(samples: samples, provenance: samples.isEmpty ? nil : reader.provenance(e.key),
                                     measured: measured(e, now: now), collector: CollectorStatus.matching(e, in: reader.collectors))
            // The reset is the gauge's own (no calendar call to find the period).
            if let last = made[e.key], last.inputs == inputs, now >= last.at, now.timeIntervalSince(last.at) < Self.gaugeMaxAge,
               last.gauge.resetsAt.map({ now < $0 }) ?? true {
                return last.gauge
            }
            let g = Self.gauge(e, inputs, now: now)
            made[e.key] = MadeGauge(inputs: inputs, at: now, gauge: g)
            return g
        }
    }

    /// One entry's gauge from its inputs at `now`.
    static func gauge(_ e: QuotaEntry, _ inputs: GaugeInputs, now: Date) -> QuotaGauge {
        var samples = inputs.samples
        let m = inputs.measured
        // Not metered at all: what the console sees is the best figure there is.
        if samples.isEmpty, let m { samples = [QuotaSample(used: m, observedAt: now)] }
        var entry = e
        // The configuration's limit wins; the API's stands in where it has none.
        if entry.limit == nil, entry.verdict != .gone, let api = inputs.provenance?.apiLimit { entry.limit = api }
        var g = QuotaMath.gauge(entry: entry, samples: samples, now: now, measured: m)
        g.provenance = inputs.provenance
        g.collector = inputs.collector
        return g
    }

    /// What the console measured itself for an entry, in the entry's unit.
    func measured(_ e: QuotaEntry, now: Date) -> Double? {
        func scaled(_ bytes: Double) -> Double? {
            switch e.unit.uppercased() {
            case "GB": bytes / 1_073_741_824
            case "MB": bytes / 1_048_576
            default: nil
            }
        }
        func sum(_ values: [Double]) -> Double? { values.isEmpty ? nil : values.reduce(0, +) }
        // Each target counts against its account's entry (`QuotaAccounts`).
        func feeds(_ name: String, _ provider: String, _ account: String?) -> Bool {
            provider == e.provider && QuotaAccounts.feeds(e, account: QuotaAccounts.account(
                name: name, provider: provider, explicit: account, entries: catalog), entries: catalog)
        }
        switch e.category {
        case .database where e.resource == "storage":
            return sum(topology.shards.filter { feeds($0.name, $0.provider, $0.account) }.compactMap { dbSizeBytes[$0.name] }).flatMap(scaled)
        case .cache where e.resource.contains("memory"):
            return sum(topology.caches.filter { feeds($0.name, $0.provider, $0.account) }.compactMap { redisMemoryBytes[$0.name] }).flatMap(scaled)
        case .cache where e.unit == "commands":
            let counts = e.period == .day ? redisCommandsToday : e.period == .month ? redisCommandsMonth : [:]
            return sum(topology.caches.filter { feeds($0.name, $0.provider, $0.account) }.compactMap { counts[$0.name] })
        case .email:
            guard let email, EmailRouter.plan.senders.contains(where: { $0.provider == e.provider }) else { return nil }
            let daily = e.period == .day || e.period == .rolling24h
            return Double((daily ? email.sentToday : email.sentThisMonth)[e.provider] ?? 0)
        case .compute where e.unit == "hours":
            // Hours each instance of the provider has run this month, from its
            // heartbeat's start time (a sleeping instance has none: 0 now).
            let monthStart = QuotaPeriod.month.window(at: now).start!
            return sum(topology.instances.filter { feeds($0.name, $0.provider, $0.account) }.compactMap { i in
                startedAt[i.name].map { now.timeIntervalSince(max($0, monthStart)) / 3_600 }
            })
        default:
            return nil
        }
    }

    /// Redis counts commands since it started (`total_commands_processed`).
    /// That is today's count when it started today (this month's when it
    /// started this month); otherwise today's is the growth since the
    /// console's last look before midnight, if that look was close to it.
    private func countCommands(_ name: String, _ info: RedisInfo, now: Date) {
        guard let total = info.value("total_commands_processed").flatMap(Double.init),
              let uptime = info.value("uptime_in_seconds").flatMap(Double.init) else { return }
        let started = now.addingTimeInterval(-uptime)
        let dayStart = QuotaPeriod.day.window(at: now).start!, monthStart = QuotaPeriod.month.window(at: now).start!
        if started >= dayStart {
            redisCommandsToday[name] = total
        } else if let last = lastCommandTotal[name], last.at < dayStart, last.at >= dayStart.addingTimeInterval(-600) {
            redisCommandsToday[name] = total - last.total
        } else if let last = lastCommandTotal[name], last.at >= dayStart, let known = redisCommandsToday[name] {
            redisCommandsToday[name] = known + total - last.total
        } else {
            redisCommandsToday[name] = nil
        }
        redisCommandsMonth[name] = started >= monthStart ? total : nil
        lastCommandTotal[name] = (now, total)
    }

    private func attempt(_ source: String, _ body: () throws -> Void) {
        do {
            try body()
            problems[source] = nil
        } catch {
            problems[source] = SecretMasking.masked(String(describing: error))
            // A failed connection is opened again on the next poll.
            if let s = topology.shards.first(where: { source == $0.name }) { shards[s.name]?.close(); shards[s.name] = nil }
            if let c = topology.caches.first(where: { source.hasPrefix($0.name) }) { caches[c.name]?.close(); caches[c.name] = nil }
        }
    }

    private func shard(_ s: ShardConfig) throws -> PGConnection {
        if let c = shards[s.name], c.isAlive { return c }
        var o = PGConnectOptions()
        o.costTarget = CostTarget(s.name, in: counter)
        let c = try PGConnection(dsn: s.dsn, options: o)
        shards[s.name] = c
        return c
    }

    /// How old a reading of the Shards or Caches monitor may be to stand for
    /// this monitor's own: its own interval, stretched as theirs are when the
    /// cost budget slows a target's polls, and one base period more for a
    /// poll in flight. With the base alone, a stretched cache's readings
    /// went stale here and it was polled twice, on a second connection (the
    /// soak, upstash: Benchmarks/README.md, "the soak").
    private func sharedMaxAge(_ target: String, base: Double) -> Double {
        policy.interval(target: target, base: base) + base
    }

    /// INFO on this monitor's connection to the cache when it keeps one (the
    /// state cache's, for the e-mail counters), else on one that closes
    /// after: standing in for a missing reading must not hold one of the
    /// free tier's connections for the console's lifetime.
    private func infoReply(_ c: CacheConfig) throws -> String {
        if let r = caches[c.name], r.isAlive { return try r.command(["INFO"]).string ?? "" }
        let r = try RedisConnection(url: c.url, timeoutSeconds: 3, costTarget: CostTarget(c.name, in: counter))
        defer { r.close() }
        return try r.command(["INFO"]).string ?? ""
    }

    private func cache(_ c: CacheConfig) throws -> RedisConnection {
        if let r = caches[c.name], r.isAlive { return r }
        let r = try RedisConnection(url: c.url, timeoutSeconds: 3, costTarget: CostTarget(c.name, in: counter))
        caches[c.name] = r
        return r
    }
}
