import Foundation
import StudySpotCore
import StudySpotWire

/// `studyspot doctor`: every shard, cache, instance and collector checked
/// at once (each on a thread of its own: the checks block on the network),
/// findings in the configuration's order.
public struct Doctor: Sendable {
    public var topology: Topology
    public var shards: ShardDoctor
    public var caches: CacheDoctor
    public var instances: InstanceDoctor
    /// `[[collector]]`s: one poll of each provider's usage API.
    public var collectors: [CollectorConfig]
    public var collectorDoctor = CollectorDoctor()
    /// `[feed] source = "relay"`: check the relay and owners' ACL users too.
    public var feedFromRelay: Bool
    public var relay: RelayDoctor

    /// Doctor's own connections are named apart from the consoles' it counts.
    public static var defaultOptions: PGConnectOptions {
        var o = PGConnectOptions()
        o.applicationName = "studyspot-doctor"
        return o
    }

    public init(topology: Topology, collectors: [CollectorConfig] = [], feedFromRelay: Bool = false,
                options: PGConnectOptions = Doctor.defaultOptions) {
        self.topology = topology
        self.collectors = collectors
        self.feedFromRelay = feedFromRelay
        relay = RelayDoctor(options: options)
        shards = ShardDoctor(topology: topology, options: options)
        caches = CacheDoctor()
        instances = InstanceDoctor()
    }

    public func run() -> DoctorReport {
        var checks: [@Sendable () -> [DoctorFinding]] = []
        for s in topology.shards { checks.append { [shards, relay, feedFromRelay] in shards.check(s) + relay.connections(s, feedFromRelay: feedFromRelay) } }
        for c in topology.caches { checks.append { [caches] in caches.check(c) } }
        for i in topology.instances { checks.append { [instances] in instances.check(i) } }
        for c in collectors { checks.append { [collectorDoctor] in collectorDoctor.check(c) } }
        if feedFromRelay { checks.append { [relay, topology] in relay.relay(topology) } }
        let results = Results(count: checks.count)
        // Threads of their own, not the concurrency pool (two threads here): a
        // connect that waits for its timeout must not hold up the others.
        let group = DispatchGroup()
        for (i, check) in checks.enumerated() {
            group.enter()
            Thread {
                results.set(i, check())
                group.leave()
            }.start()
        }
        group.wait()
        return DoctorReport(findings: results.all)
    }

    private final class Results: @unchecked Sendable {
        private let lock = NSLock()
        private var slots: [[DoctorFinding]]
        init(count: Int) { slots = Array(repeating: [], count: count) }
        func set(_ i: Int, _ f: [DoctorFinding]) { lock.lock(); slots[i] = f; lock.unlock() }
        var all: [DoctorFinding] { lock.lock(); defer { lock.unlock() }; return slots.flatMap { $0 } }
    }
}
