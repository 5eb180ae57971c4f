import Foundation
import StudySpotCore
import StudySpotWire

/// `studyspot collect`: polls each configured collector on its own
/// schedule (`CollectorSchedule`) and writes what it reads to
/// `ops.usage_samples`, with each poll's outcome in `ops.collector_status`.
/// One per deployment (the store's advisory lock): it writes to the database
/// every console reads, so ten consoles cost the providers one poll.
public final class CollectorRunner: @unchecked Sendable {
    /// One configured collector and its schedule.
    public struct Job: Sendable {
        public var config: CollectorConfig
        public var type: any UsageCollector.Type
        public var interval: Double
        public var next: Date
        public var failures = 0
    }

    /// What one poll did.
    public struct Outcome: Sendable {
        public var name: String
        public var written: Int
        /// Readings not written, each with why (a resource the catalog lacks, a unit it cannot take).
        public var skipped: [String]
        public var error: CollectorError?
        /// The ops shard refused the write: nothing of this poll was kept.
        public var writeError: String?
        public var calls: Int

        /// `netlify: HTTP 401 token refused` — how `--once` names a failure.
        public var failureLine: String? {
            if let writeError { return "\(name): not written: \(writeError)" }
            guard let error else { return nil }
            return "\(name): \(error.message)"
        }
    }

    public private(set) var jobs: [Job]
    let quotas: [QuotaEntry]
    let store: CollectorStore
    let counter: OperationCounter
    let log: @Sendable (_ isError: Bool, _ message: String) -> Void
    /// Seconds each request may take.
    public var timeout = 10.0
    private let writeLock = NSLock()

    /// `configs` must each have a collector (`CollectorRegistry.problem` nil); others are left out.
    public init(configs: [CollectorConfig], quotas: [QuotaEntry], store: CollectorStore, counter: OperationCounter,
                now: Date = Date(), log: @escaping @Sendable (_ isError: Bool, _ message: String) -> Void = { _, _ in }) {
        jobs = configs.compactMap { c in
            guard let type = CollectorRegistry.collector(for: c.provider) else { return nil }
            let interval = CollectorSchedule.interval(every: c.every, defaultEvery: type.defaultEvery,
                                                      rateLimit: type.rateLimit, callsPerPoll: type.callsPerPoll)
            return Job(config: c, type: type, interval: interval, next: now)
        }
        self.quotas = quotas; self.store = store; self.counter = counter; self.log = log
    }

    /// The cost budget's target for a collector's API calls.
    public static func costTarget(_ c: CollectorConfig) -> String { "collector \(c.name)" }

    /// One poll of one collector: read, convert, write. Never throws: the outcome says what failed.
    public func poll(_ job: Job, now: Date = Date()) -> Outcome {
        let c = job.config
        let api = CollectorAuth.api(for: job.type, config: c, timeout: timeout,
                                    costTarget: CostTarget(Self.costTarget(c), in: counter))
        var outcome = Outcome(name: c.name, written: 0, skipped: [], error: nil, writeError: nil, calls: 0)
        var rows: [UsageRow] = []
        if let problem = CollectorRegistry.problem(for: c) {
            outcome.error = CollectorError(.config, problem)
        } else {
            do {
                let readings = try job.type.init(config: c).collect(api, now: now)
                (rows, outcome.skipped) = Self.rows(readings, config: c, quotas: quotas, now: now)
            } catch {
                outcome.error = error
            }
        }
        outcome.calls = api.calls
        for why in outcome.skipped { log(true, "collect \(c.name): skipped \(why)") }
        let record = PollRecord(provider: c.provider, account: c.account, error: outcome.error, calls: outcome.calls)
        // One session to the ops shard: the polls' writes take turns.
        writeLock.lock()
        do {
            try store.write(rows, record, now: Date())
            outcome.written = rows.count
        } catch {
            outcome.writeError = error.description
        }
        writeLock.unlock()
        if let line = outcome.failureLine { log(true, "collect " + line) }
        else { log(false, "collect \(c.name): \(outcome.written) figure(s) written, \(outcome.calls) call(s)") }
        return outcome
    }

    /// Every collector once, side by side (each blocks on its provider), in the configuration's order.
    public func pollAll(now: Date = Date()) -> [Outcome] {
        pollSideBySide(Array(jobs.indices), now: now)
    }

    private func pollSideBySide(_ indices: [Int], now: Date) -> [Outcome] {
        let results = Slots(count: indices.count)
        let group = DispatchGroup()
        for (slot, i) in indices.enumerated() {
            let job = jobs[i]
            group.enter()
            // Threads of their own: a provider waiting for its timeout must not hold up the others.
            Thread {
                results.set(slot, self.poll(job, now: now))
                group.leave()
            }.start()
        }
        group.wait()
        return results.all
    }

    /// Polls what is due, then sleeps until the next is due or `stop` is
    /// signalled; returns after the poll in progress when stopped. Returns
    /// false when the lock was lost to another collector (the session
    /// dropped and another `collect` took it meanwhile): this one then stops.
    @discardableResult
    public func run(until stop: StopSignal) -> Bool {
        let held = store.locked
        while !stop.isStopped {
            let now = Date()
            let due = jobs.indices.filter { jobs[$0].next <= now }
            let outcomes = pollSideBySide(due, now: now)
            let ended = Date()
            for (i, outcome) in zip(due, outcomes) { jobs[i] = Self.rescheduled(jobs[i], after: outcome, at: ended) }
            if held, !store.locked {
                log(true, "collect: the ops shard's session dropped and another studyspot collect holds the lock now; stopping")
                return false
            }
            guard let soonest = jobs.map(\.next).min() else { return true }
            stop.wait(until: soonest)
        }
        return true
    }

    /// The job after a poll that ended at `ended`: failures counted (a write
    /// the ops shard refused is one too), the next poll per `CollectorSchedule`.
    public static func rescheduled(_ job: Job, after outcome: Outcome, at ended: Date) -> Job {
        var j = job
        j.failures = outcome.error == nil && outcome.writeError == nil ? 0 : job.failures + 1
        j.next = CollectorSchedule.next(after: ended, interval: j.interval, failures: j.failures, retryAt: outcome.error?.retryAt)
        return j
    }

    /// A poll's readings as rows: each checked against the catalog (a resource
    /// it lacks is skipped, not written), in the catalog's unit (converted, or
    /// skipped when it cannot be), in the reading's period or the catalog's.
    public static func rows(_ readings: [UsageReading], config: CollectorConfig, quotas: [QuotaEntry], now: Date)
        -> (rows: [UsageRow], skipped: [String]) {
        var rows: [UsageRow] = [], skipped: [String] = []
        for r in readings {
            guard let entry = UsageRow.catalogEntry(provider: config.provider, resource: r.resource, account: config.account, in: quotas) else {
                skipped.append("\(config.provider)/\(r.resource): not in the quota catalog")
                continue
            }
            guard r.used.isFinite, r.used >= 0 else {
                skipped.append("\(config.provider)/\(r.resource): not a usable amount (\(r.used))")
                continue
            }
            guard let used = UsageUnits.convert(r.used, from: r.unit, to: entry.unit) else {
                skipped.append("\(config.provider)/\(r.resource): read in \(r.unit), the catalog counts \(entry.unit)")
                continue
            }
            let limit = r.limit.flatMap { UsageUnits.convert($0, from: r.unit, to: entry.unit) }
            let start = r.periodStart ?? UsageRow.periodStart(of: entry, at: now)
            rows.append(UsageRow(provider: entry.provider, resource: entry.resource, used: used, unit: entry.unit,
                                 periodStart: start, account: Self.account(of: config, counting: entry),
                                 source: .api(provider: config.provider), limit: limit))
        }
        return (rows, skipped)
    }

    /// The account a figure is stored under: the collector's, unless it
    /// counts against the provider's only (account-less) catalog entry —
    /// Netlify's `account` is its team slug, not a second quota.
    static func account(of config: CollectorConfig, counting entry: QuotaEntry) -> String? {
        entry.account == nil ? nil : config.account
    }

    private final class Slots: @unchecked Sendable {
        private let lock = NSLock()
        private var slots: [Outcome?]
        init(count: Int) { slots = Array(repeating: nil, count: count) }
        func set(_ i: Int, _ o: Outcome) { lock.withLock { slots[i] = o } }
        var all: [Outcome] { lock.withLock { slots.compactMap { $0 } } }
    }
}

/// Stops a long-running `collect` from a signal handler's thread.
public final class StopSignal: @unchecked Sendable {
    private let condition = NSCondition()
    private var stopped = false

    public init() {}

    public var isStopped: Bool { condition.withLock { stopped } }

    public func stop() { condition.withLock { stopped = true; condition.broadcast() } }

    /// Returns at `deadline` or as soon as stopped.
    public func wait(until deadline: Date) {
        condition.withLock {
            while !stopped, Date() < deadline { _ = condition.wait(until: deadline) }
        }
    }
}
