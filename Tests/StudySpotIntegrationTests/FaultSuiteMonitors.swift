import Foundation
import StudySpotCore
import StudySpotConsole
import StudySpotMonitors

/// The console's monitors as `Monitors.start` wires them for an operator
/// (Sources/studyspot/Monitors+Owner.swift, Monitors+Operator.swift), posting
/// into the console's real `update`, with every poll at the suite's refresh
/// (the feed's idle check, its deadline and its longest reconnect wait too).
/// Instances are probed as always-on: a sleeper is judged by its heartbeat,
/// whose 30 s lapse is no refresh-scale signal.
final class FaultMonitors {
    private var stops: [() -> Void] = []

    init(topology: Topology, refresh: Double, console: OwnerViewConsole, delivered: DeliveredLog) {
        let post: @Sendable (MonitorEvent) -> Void = { console.post($0) }
        let pace = MonitorPace()

        var settings = InstanceProbeSettings()
        settings.interval = refresh
        settings.stateInterval = refresh
        let always = topology.instances.map { i -> InstanceConfig in var c = i; c.sleeps = false; return c }
        let instances = InstanceProbeMonitor(instances: always, stateCache: topology.stateCache, settings: settings, pace: pace) {
            post(.instances(.reading($0, stateCacheError: $1)))
        }
        instances.start()
        stops.append(instances.stop)

        post(.shards(.configured(topology.shards.map { ShardHealth(name: $0.name, provider: $0.provider, role: $0.role, users: $0.users) })))
        for shard in topology.shards {
            let m = ShardMonitor(shard: shard, quotas: [], interval: refresh, pace: pace) { post(.shards(.reading($0))) }
            m.start()
            stops.append(m.stop)
        }

        post(.caches(.configured(topology.caches.map { CacheHealth(name: $0.name, provider: $0.provider, role: $0.role) })))
        for cache in topology.caches {
            let m = CacheMonitor(cache: cache, interval: refresh, pace: pace) { health, acks in
                post(.caches(.reading(health)))
                if let acks { post(.alerts(.acknowledged(acks))) }
            }
            m.start()
            stops.append(m.stop)
        }

        var feedOptions = BookingFeed.Options()
        feedOptions.idleCheck = refresh
        feedOptions.idleCheckTimeout = refresh
        feedOptions.backoffMax = refresh
        let feed = BookingFeed(topology: topology, login: nil, catalog: CatalogCache(topology: topology, login: nil),
                               options: feedOptions) {
            delivered.add($0)
            post(.bookings(.batch($0)))
        }
        feed.start()
        stops.append(feed.stop)
    }

    func stopAll() { stops.forEach { $0() } }
}
