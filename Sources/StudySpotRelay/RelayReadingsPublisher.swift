import Foundation
import StudySpotCore
import StudySpotMonitors
import StudySpotWire

/// Runs the console's shard, cache and instance monitors once for every
/// console and publishes their readings as `relay:readings` whenever one
/// changed, at most once per `tick`. The key expires after `ttl` seconds,
/// so the readings of a relay that died do not pass for current.
final class RelayReadingsPublisher: @unchecked Sendable {
    private let link: RedisLink
    private let tick: TimeInterval
    private let ttl: Int
    private let log: @Sendable (Bool, String) -> Void
    private let stopSignal = StopSignal()
    private let lock = NSLock()
    private var shards: [String: ShardHealth] = [:]
    private var caches: [String: CacheHealth] = [:]
    private var instances: [InstanceHealth] = []
    private var stateError: String?
    private var changed = false
    private var published = 0
    private let order: (shards: [String], caches: [String])
    private var shardMonitors: [ShardMonitor] = []
    private var cacheMonitors: [CacheMonitor] = []
    private var instanceMonitor: InstanceProbeMonitor?

    init(topology: Topology, quotas: [QuotaEntry], link: RedisLink, tick: TimeInterval = 1, ttl: Int = 60,
         counter: OperationCounter, log: @escaping @Sendable (Bool, String) -> Void) {
        self.link = link; self.tick = tick; self.ttl = ttl; self.log = log
        order = (topology.shards.map(\.name), topology.caches.map(\.name))
        shardMonitors = topology.shards.map { s in
            ShardMonitor(shard: s, quotas: quotas, counter: counter) { [weak self] h in self?.record { $0.shards[h.name] = h } }
        }
        cacheMonitors = topology.caches.map { c in
            CacheMonitor(cache: c, counter: counter) { [weak self] h, _ in self?.record { $0.caches[h.name] = h } }
        }
        if !topology.instances.isEmpty {
            instanceMonitor = InstanceProbeMonitor(instances: topology.instances, stateCache: topology.stateCache, counter: counter) {
                [weak self] list, error in self?.record { $0.instances = list; $0.stateError = error }
            }
        }
    }

    func start() {
        shardMonitors.forEach { $0.start() }
        cacheMonitors.forEach { $0.start() }
        instanceMonitor?.start()
        Thread.detachNewThread { [self] in run() }
    }

    func stop() {
        shardMonitors.forEach { $0.stop() }
        cacheMonitors.forEach { $0.stop() }
        instanceMonitor?.stop()
        stopSignal.stop()
    }

    var publishedCount: Int { lock.withLock { published } }

    private func record(_ update: (RelayReadingsPublisher) -> Void) {
        lock.withLock { update(self); changed = true }
    }

    /// The readings in configuration order, when one changed since the last publish.
    private func takeChanged() -> RelayReadings? {
        lock.withLock {
            guard changed else { return nil }
            changed = false
            return RelayReadings(shards: order.shards.compactMap { shards[$0] }, caches: order.caches.compactMap { caches[$0] },
                                 instances: instances, stateCacheError: stateError, publishedAt: Date())
        }
    }

    private func run() {
        let encoder = JSONEncoder()
        while !stopSignal.isStopped {
            if let readings = takeChanged() {
                do {
                    let json = String(decoding: try encoder.encode(readings), as: UTF8.self)
                    try requireOK(try link.run { c throws(RedisError) in
                        try c.command(["SET", RelayKeys.readings, json, "EX", String(ttl)])
                    }, "SET \(RelayKeys.readings)")
                    lock.withLock { published += 1 }
                } catch {
                    // Published again with the next change (every few seconds).
                    lock.withLock { changed = true }
                    log(true, "readings: \(SecretMasking.masked("\(error)"))")
                }
            }
            if stopSignal.sleep(tick) { break }
        }
        link.close()
    }
}
