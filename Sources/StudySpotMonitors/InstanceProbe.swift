import Foundation
import Logging
import StudySpotCore
import StudySpotWire

/// How the instance monitor probes (CONTRACT §5).
public struct InstanceProbeSettings: Sendable {
    /// Seconds between probes of an always-on instance (before the cost budget stretches it).
    public var interval = 2.0
    public var timeout = 2.0
    /// Seconds between probes of a sleeper whose heartbeat has lapsed: each probe
    /// wakes it and spends its free compute hours, so this is long.
    public var sleeperInterval = 900.0
    /// A cold start takes seconds; a sleeper gets this long to answer.
    public var sleeperTimeout = 10.0
    /// Seconds between reads of the state cache (weights, drains, heartbeats, requests).
    public var stateInterval = 2.0
    public var policy = InstancePolicy()
    public init() {}
}

/// Probes every instance on its own thread (a slow instance delays only
/// itself), reads the load balancer's keys from the state cache, and posts
/// the whole list after each state-cache read.
public final class InstanceProbeMonitor: @unchecked Sendable {
    private let configs: [InstanceConfig]
    private let stateCache: CacheConfig?
    private let settings: InstanceProbeSettings
    private let pace: MonitorPace
    private let counter: OperationCounter
    private let post: @Sendable ([InstanceHealth], String?) -> Void
    private let lock = NSLock()
    private var health: [String: InstanceHealth]
    private let stopSignal = StopSignal()
    private let started = Date()
    private var lastStateError: String?
    /// State-cache reads done (successful or not); sleepers wait for the first.
    private var stateReads = 0
    private let log = Logger(label: "studyspot.instances")

    /// `post` gets every instance (config order) and the state cache's error, if any.
    public init(instances: [InstanceConfig], stateCache: CacheConfig?, settings: InstanceProbeSettings = InstanceProbeSettings(),
                pace: MonitorPace = MonitorPace(), counter: OperationCounter = OperationCounter(),
                post: @escaping @Sendable ([InstanceHealth], String?) -> Void) {
        configs = instances; self.stateCache = stateCache; self.settings = settings; self.pace = pace; self.counter = counter; self.post = post
        health = Dictionary(uniqueKeysWithValues: instances.map { ($0.name, InstanceHealth(config: $0)) })
    }

    /// The current readings in config order.
    public var current: [InstanceHealth] { lock.withLock { configs.compactMap { health[$0.name] } } }

    public func start() {
        for c in configs { NamedThread.start("probe-\(c.name)") { [self] in probeLoop(c) } }
        NamedThread.start("instance-state") { [self] in stateLoop() }
    }

    public func stop() { stopSignal.stop() }

    /// Reads the state cache now (after an operator action).
    public func refreshNow() { stopSignal.poke() }

    // MARK: probing

    private func probeLoop(_ c: InstanceConfig) {
        // When this console last probed the sleeper or adopted another console's
        // probe of it; nil: nothing known yet, so it is probed once at start
        // unless the state cache holds a result young enough.
        var lastProbe: Date?
        while !stopSignal.isStopped {
            if pace.paused {
                if stopSignal.sleep(0.5) { return }
                continue
            }
            if c.sleeps {
                // A sleeper with a fresh heartbeat is judged by it; without one it is
                // probed only as often as its budget allows, since a probe wakes it,
                // and every console and snapshot shares one pace through the state cache.
                // The heartbeat is read first: a fresh one makes the probe unnecessary.
                guard stateCache == nil || lock.withLock({ stateReads > 0 }) else {
                    if stopSignal.sleep(0.1) { return }
                    continue
                }
                let fresh = lock.withLock { health[c.name]?.heartbeatAt != nil }
                let wait = pace.policy.interval(target: c.name, base: settings.sleeperInterval)
                if fresh || lastProbe.map({ Date().timeIntervalSince($0) < wait }) == true {
                    if stopSignal.sleep(1) { return }
                    continue
                }
                switch sharedTurn(c, wait: wait) {
                case .adopted(let at):
                    lastProbe = at
                    post(current, lock.withLock { lastStateError })
                    if stopSignal.sleep(1) { return }
                    continue
                case .othersProbing:
                    if stopSignal.sleep(1) { return }
                    continue
                case .mine:
                    break
                }
            }
            lastProbe = Date()
            probe(c)
            if c.sleeps {
                if stopSignal.sleep(1) { return }
            } else if stopSignal.sleepAligned(pace.interval(target: c.name, base: settings.interval)) { return }
        }
    }

    enum SharedTurn { case adopted(Date), othersProbing, mine }

    /// Whether this console probes the sleeper now: not when the state cache
    /// holds a result younger than `wait` (adopted instead) or another console
    /// claimed the probe. Without a reachable state cache the console goes by
    /// its own pace.
    private func sharedTurn(_ c: InstanceConfig, wait: Double) -> SharedTurn {
        guard let cache = stateCache else { return .mine }
        do throws(RedisError) {
            let redis = try RedisConnection(url: cache.url, timeoutSeconds: 2, costTarget: CostTarget(cache.name, in: counter))
            defer { redis.close() }
            if let shared = try SharedProbe.read(redis, url: c.url), Date().timeIntervalSince(shared.at) < wait {
                adopt(shared, c)
                return .adopted(shared.at)
            }
            let timeout = c.sleeps ? settings.sleeperTimeout : settings.timeout
            return try SharedProbe.claim(redis, url: c.url, seconds: timeout + 2) ? .mine : .othersProbing
        } catch {
            log.warning("state cache, shared probe of \(c.name): \(error.description)")
            return .mine
        }
    }

    /// Folds another console's probe (or this console's, read back) in, unless already seen.
    private func adopt(_ shared: SharedProbe, _ c: InstanceConfig) {
        lock.withLock {
            guard var h = health[c.name] else { return }
            if let t = h.lastProbeAt, t >= shared.at { return }
            h.version = shared.version ?? h.version
            h.certificateExpiresAt = shared.certificateExpiresAt ?? h.certificateExpiresAt
            switch shared.outcome {
            case .ok, .cold:
                h.apply(.probeOK(status: shared.health ?? "ok", latency: shared.latency ?? 0), at: shared.at, policy: settings.policy)
            case .failed:
                h.apply(.probeFailed, error: shared.reason, at: shared.at, policy: settings.policy)
            case .timeout:
                h.apply(.probeTimedOut, error: shared.reason, at: shared.at, policy: settings.policy)
            }
            h.lastProbeShared = true
            health[c.name] = h
        }
    }

    private func probe(_ c: InstanceConfig) {
        let url = c.url.hasSuffix("/") ? c.url + "health" : c.url + "/health"
        let result = HTTPGet.get(url, timeout: c.sleeps ? settings.sleeperTimeout : settings.timeout, caFile: c.caFile,
                                 costTarget: CostTarget(c.name, in: counter))
        let now = Date()
        let shared: SharedProbe = lock.withLock {
            guard var h = health[c.name] else { return SharedProbe(at: now, outcome: .failed) }
            var record = SharedProbe(at: now, outcome: .failed)
            switch result {
            case .success(let r) where (200...299).contains(r.status):
                h.certificateExpiresAt = r.certificateExpiresAt ?? h.certificateExpiresAt
                record.certificateExpiresAt = r.certificateExpiresAt
                if let body = HealthBody(r.body) {
                    h.version = body.version ?? h.version
                    h.uptimeSeconds = body.uptime ?? h.uptimeSeconds
                    h.apply(.probeOK(status: body.status, latency: r.latency), at: now, policy: settings.policy)
                    let cold = c.sleeps && h.state == .waking
                    record = SharedProbe(at: now, outcome: cold ? .cold : .ok, health: body.status, latency: r.latency,
                                         certificateExpiresAt: r.certificateExpiresAt, version: body.version)
                } else {
                    h.apply(.probeFailed, error: "bad /health body", at: now, policy: settings.policy)
                    record.reason = "bad /health body"
                }
            case .success(let r):
                let why = Self.statusText(r.status)
                h.apply(.probeFailed, error: why, at: now, policy: settings.policy)
                record.reason = why
            case .failure(let e):
                let timedOut = e.kind == .timeout
                h.apply(timedOut ? .probeTimedOut : .probeFailed, error: e.reason, at: now, policy: settings.policy)
                record.outcome = timedOut ? .timeout : .failed
                record.reason = e.reason
            }
            health[c.name] = h
            return record
        }
        if c.sleeps { share(shared, c) }
        // Report at once: a down instance's share moves without waiting for the next state read.
        post(current, lock.withLock { lastStateError })
    }

    /// Writes a sleeper's probe result for every other console and snapshot.
    private func share(_ record: SharedProbe, _ c: InstanceConfig) {
        guard let cache = stateCache else { return }
        do throws(RedisError) {
            let redis = try RedisConnection(url: cache.url, timeoutSeconds: 2, costTarget: CostTarget(cache.name, in: counter))
            defer { redis.close() }
            try record.write(redis, url: c.url)
        } catch {
            log.warning("state cache, sharing the probe of \(c.name): \(error.description)")
        }
    }

    /// A non-2xx answer in words: a gateway's 502/503/504 is the edge (proxy,
    /// load balancer) speaking, not the instance.
    static func statusText(_ status: Int) -> String {
        switch status {
        case 502, 504: return "HTTP \(status) from the edge"
        case 503: return "HTTP 503 (unavailable)"
        case 401, 403: return "HTTP \(status) (refused: is /health behind a login?)"
        case 404: return "HTTP 404 (no /health at this url)"
        default: return "HTTP \(status)"
        }
    }

    // MARK: state cache

    /// The state loop's connection (its thread's only, or `pollOnce`'s).
    private var stateRedis: RedisConnection?

    private func stateLoop() {
        let target = stateCache?.name ?? "state"
        while !stopSignal.isStopped {
            if pace.paused {
                if stopSignal.sleep(0.5) { break }
                continue
            }
            let failure = readStateOnce()
            post(current, failure)
            if stopSignal.sleepAligned(pace.interval(target: target, base: settings.stateInterval)) { break }
        }
        stateRedis?.close(); stateRedis = nil
    }

    /// One read of the load balancer's keys; returns the error, if any.
    private func readStateOnce() -> String? {
        var failure: String?
        if let cache = stateCache {
            do throws(RedisError) {
                if stateRedis == nil { stateRedis = try RedisConnection(url: cache.url, timeoutSeconds: 2, costTarget: CostTarget(cache.name, in: counter)) }
                apply(try LoadBalancerReading.read(stateRedis!, instances: configs.map(\.name), now: Date()))
            } catch {
                stateRedis?.close(); stateRedis = nil
                failure = error.description
                log.warning("state cache: \(error.description)")
            }
        }
        lock.withLock { lastStateError = failure; stateReads += 1 }
        return failure
    }

    /// One refresh as the running monitor does it, on the caller's thread plus
    /// one thread per instance: every always-on instance probed in parallel
    /// and the state cache read once. Sleepers are left out: the monitor
    /// probes one at most every `sleeperInterval` (a probe wakes it), so
    /// they are no part of a refresh. For `studyspot-bench refresh`; never call it while
    /// the monitor's threads run.
    public func pollOnce() -> [InstanceHealth] {
        let group = DispatchGroup()
        for c in configs {
            if c.sleeps { continue }
            group.enter()
            Thread.detachNewThread { [self] in probe(c); group.leave() }
        }
        _ = readStateOnce()
        group.wait()
        return current
    }

    /// Closes the state-cache connection `pollOnce` keeps.
    public func closeConnection() { stateRedis?.close(); stateRedis = nil }

    private func apply(_ r: LoadBalancerReading) {
        let now = Date()
        lock.withLock {
            for c in configs {
                guard var h = health[c.name] else { continue }
                h.effectiveWeight = r.weights[c.name] ?? c.weight
                h.drained = r.drained.contains(c.name)
                h.requestsToday = r.requestsToday[c.name] ?? 0
                let hb = r.heartbeats[c.name]
                h.heartbeatAt = hb?["at"].flatMap(PGTimestamp.parse)
                if let hb {
                    h.version = hb["version"] ?? h.version
                    if let s = hb["started_at"].flatMap(PGTimestamp.parse) { h.uptimeSeconds = now.timeIntervalSince(s) }
                }
                h.apply(.heartbeat(fresh: hb != nil, status: hb?["status"]), at: now, policy: settings.policy)
                health[c.name] = h
            }
        }
    }
}

/// The `/health` body: `{"status": "ok" | "degraded", "version": "...", "uptime_s": N}`.
struct HealthBody {
    var status: String
    var version: String?
    var uptime: Double?
    init?(_ text: String) {
        guard let data = text.data(using: .utf8),
              let obj = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let status = obj["status"] as? String, status == "ok" || status == "degraded" else { return nil }
        self.status = status
        version = obj["version"] as? String
        uptime = (obj["uptime_s"] as? NSNumber)?.doubleValue
    }
}

/// Lets a monitor's thread sleep until its next poll, a stop, or a poke.
public final class StopSignal: @unchecked Sendable {
    private let condition = NSCondition()
    private var stopped = false
    private var poked = false
    public init() {}
    public var isStopped: Bool { condition.withLock { stopped } }
    public func stop() { condition.withLock { stopped = true; condition.broadcast() } }
    public func poke() { condition.withLock { poked = true; condition.broadcast() } }
    /// Sleeps until the next whole multiple of `interval` on the clock (or a
    /// stop or poke); returns true when stopped. Monitors whose intervals
    /// share the grid then poll, and post, together, and the dashboard draws
    /// one frame for all of their readings instead of one for each: at a 1 s
    /// refresh that was most of the idle console's CPU.
    public func sleepAligned(_ interval: Double) -> Bool {
        guard interval > 0 else { return sleep(0) }
        let now = Date().timeIntervalSince1970
        return sleep((now / interval).rounded(.down) * interval + interval - now)
    }

    /// Sleeps up to `seconds`; returns true when stopped.
    public func sleep(_ seconds: Double) -> Bool {
        let until = Date().addingTimeInterval(seconds)
        condition.lock(); defer { condition.unlock() }
        while !stopped && !poked && condition.wait(until: until) {}
        poked = false
        return stopped
    }
}
