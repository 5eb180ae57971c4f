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
        for c in configs { Thread.detachNewThread { [self] in probeLoop(c) } }
        Thread.detachNewThread { [self] in stateLoop() }
    }

    public func stop() { stopSignal.stop() }

    /// Reads the state cache now (after an operator action).
    public func refreshNow() { stopSignal.poke() }

    // MARK: probing

    private func probeLoop(_ c: InstanceConfig) {
        var lastProbe = started
        while !stopSignal.isStopped {
            if pace.paused {
                if stopSignal.sleep(0.5) { return }
                continue
            }
            if c.sleeps {
                // A sleeper with a fresh heartbeat is judged by it; without one it is
                // probed only as often as its budget allows, since a probe wakes it.
                let fresh = lock.withLock { health[c.name]?.heartbeatAt != nil }
                let wait = pace.policy.interval(target: c.name, base: settings.sleeperInterval)
                if fresh || Date().timeIntervalSince(lastProbe) < wait {
                    if stopSignal.sleep(1) { return }
                    continue
                }
            }
            lastProbe = Date()
            probe(c)
            if c.sleeps {
                if stopSignal.sleep(1) { return }
            } else if stopSignal.sleepAligned(pace.interval(target: c.name, base: settings.interval)) { return }
        }
    }

    private func probe(_ c: InstanceConfig) {
        let url = c.url.hasSuffix("/") ? c.url + "health" : c.url + "/health"
        let result = HTTPGet.get(url, timeout: c.sleeps ? settings.sleeperTimeout : settings.timeout, costTarget: CostTarget(c.name, in: counter))
        let now = Date()
        lock.withLock {
            guard var h = health[c.name] else { return }
            switch result {
            case .success(let r) where r.status == 200:
                if let body = HealthBody(r.body) {
                    h.version = body.version ?? h.version
                    h.uptimeSeconds = body.uptime ?? h.uptimeSeconds
                    h.apply(.probeOK(status: body.status, latency: r.latency), at: now, policy: settings.policy)
                } else {
                    h.apply(.probeFailed, error: "bad /health body", at: now, policy: settings.policy)
                }
            case .success(let r):
                h.apply(.probeFailed, error: "HTTP \(r.status)", at: now, policy: settings.policy)
            case .failure(let e):
                h.apply(.probeFailed, error: Self.shortError(e), at: now, policy: settings.policy)
            }
            health[c.name] = h
        }
        // Report at once: a down instance's share moves without waiting for the next state read.
        post(current, lock.withLock { lastStateError })
    }

    /// The error without the URL (the row already names the instance).
    static func shortError(_ e: HTTPError) -> String {
        switch e.kind {
        case .timeout: return "timed out"
        case .refused:
            let parts = e.message.split(separator: ":", maxSplits: 2)
            return parts.count == 3 ? parts[2].trimmingCharacters(in: .whitespaces) : e.message
        default: return e.message
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
        lock.withLock { lastStateError = failure }
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
