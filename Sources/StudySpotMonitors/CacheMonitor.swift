import Foundation
import Logging
import StudySpotCore
import StudySpotWire

/// Polls one Redis for the Caches pane; on the state cache it also reads the
/// e-mail queue and the acknowledged alerts.
public final class CacheMonitor: @unchecked Sendable {
    private let cache: CacheConfig
    private let interval: Double
    private let post: @Sendable (CacheHealth, Set<String>?) -> Void
    private let stopSignal = StopSignal()
    private let pace: MonitorPace
    private let counter: OperationCounter
    private let log = Logger(label: "studyspot.caches")

    /// `post` gets the reading and, for the state cache, the acknowledged alert ids.
    public init(cache: CacheConfig, interval: Double = 5, pace: MonitorPace = MonitorPace(), counter: OperationCounter = OperationCounter(),
                post: @escaping @Sendable (CacheHealth, Set<String>?) -> Void) {
        self.cache = cache; self.interval = interval; self.pace = pace; self.counter = counter; self.post = post
    }

    public func start() { NamedThread.start("cache-\(cache.name)") { [self] in loop() } }
    public func stop() { stopSignal.stop() }
    /// Polls again now (after an acknowledgement).
    public func refreshNow() { stopSignal.poke() }

    /// Used by the monitor's thread only, or by `pollOnce` when not started.
    private var redis: RedisConnection?

    private func loop() {
        while !stopSignal.isStopped {
            if pace.paused {
                if stopSignal.sleep(0.5) { break }
                continue
            }
            let (h, acks) = pollOnce()
            post(h, acks)
            if stopSignal.sleepAligned(pace.interval(target: cache.name, base: interval)) { break }
        }
        redis?.close(); redis = nil
    }

    /// One reading on the caller's thread, keeping the connection open (the
    /// benchmark's refresh). Never call it while the monitor's thread runs.
    public func pollOnce() -> (CacheHealth, Set<String>?) {
        var h = CacheHealth(name: cache.name, provider: cache.provider, role: cache.role)
        h.commandLimit = cache.commandLimit
        var acks: Set<String>?
        do throws(RedisError) {
            if redis == nil { redis = try RedisConnection(url: cache.url, timeoutSeconds: 2, costTarget: CostTarget(cache.name, in: counter)) }
            acks = try read(redis!, into: &h, now: Date())
            h.reachable = true
        } catch {
            redis?.close(); redis = nil
            h.reachable = false
            h.error = SecretMasking.masked(error.description)
            log.notice("\(cache.name): \(error.description)")
        }
        h.checkedAt = Date()
        return (h, acks)
    }

    /// Closes the connection `pollOnce` keeps.
    public func closeConnection() { redis?.close(); redis = nil }

    func read(_ r: RedisConnection, into h: inout CacheHealth, now: Date) throws(RedisError) -> Set<String>? {
        let t0 = Date()
        _ = try r.command(["PING"])
        h.latency = Date().timeIntervalSince(t0)
        // The default sections hold every field used here; "all" adds
        // per-command and latency statistics several times their size.
        let info = RedisInfo(parsing: try r.command(["INFO"]).string ?? "", keeping: RedisInfo.monitorFields)
        SharedReading.redisInfo.record(cache.url, info, at: now)
        h.usedMemoryBytes = info.usedMemoryBytes
        h.memoryLimitBytes = cache.memoryLimitBytes ?? info.maxMemoryBytes
        h.hitRate = info.hitRate
        h.evictedKeys = info.evictedKeys
        h.clients = info.connectedClients
        (h.commandsToday, h.commandsEstimated) = Self.commandsToday(total: info.totalCommandsProcessed,
                                                                    uptime: info.uptimeSeconds, now: now)
        guard cache.role == .state else { return nil }
        let replies = try r.pipeline([["LLEN", StateCacheKeys.emailQueue], ["LINDEX", StateCacheKeys.emailQueue, "0"],
                                      ["HGETALL", StateCacheKeys.alertAcks]])
        h.emailQueueLength = replies[0].integer ?? 0
        // The router appends with RPUSH and sends with LPOP: index 0 is the oldest.
        if let text = replies[1].string, let at = Self.queuedAt(text) { h.emailQueueOldestAge = max(0, now.timeIntervalSince(at)) }
        return AlertAcks.current(LoadBalancerReading.pairs(replies[2]), now: now)
    }

    /// INFO counts commands since the server started; when it started before
    /// 00:00 UTC today the day's share is pro-rated (and marked as an estimate).
    static func commandsToday(total: Int64?, uptime: Int64?, now: Date) -> (Int64?, Bool) {
        guard let total else { return (nil, false) }
        let sinceMidnight = now.timeIntervalSince1970.truncatingRemainder(dividingBy: 86_400)
        guard let uptime, Double(uptime) > sinceMidnight, uptime > 0 else { return (total, false) }
        return (Int64(Double(total) * sinceMidnight / Double(uptime)), true)
    }

    static func queuedAt(_ json: String) -> Date? {
        guard let data = json.data(using: .utf8),
              let obj = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let text = obj["queued_at"] as? String else { return nil }
        // PGTimestamp reads ISO 8601's "T…Z" form too; ISO8601DateFormatter
        // would load ICU for a malformed entry.
        return PGTimestamp.parse(text)
    }
}
