import Foundation
import StudySpotConfig
import StudySpotConsole
import StudySpotCore
import StudySpotMonitors

// `[feed] source = "relay"` (CONTRACT §10): the booking feed, an owner's seat
// maps and an operator's health readings come from what `studyspot relay`
// writes to the state cache. An owner's console then opens no database
// connection at all; an operator's keeps the direct seat-map monitor (one
// library's map, read when picked) and writes operator actions as before.
extension Monitors {
    func startRelayFeed(config: ConsoleConfig, options: DashboardOptions, post: @escaping @Sendable (MonitorEvent) -> Void) {
        let owner = options.role == .owner
        let why = owner ? config.ownerRelayLoginMissing : nil
        guard let cache = config.topology.stateCache, why == nil else {
            let text = why ?? "[feed] source = \"relay\" needs the state cache (a [[cache]] with role = \"state\"), where the relay writes"
            post(.status(source: Pane.bookings.rawValue, text: text))
            post(.status(source: Pane.seats.rawValue, text: text))
            return
        }
        let scope: RelayFeedScope
        let url: String
        if owner, let login = config.login, let id = login.ownerId {
            scope = .owner(id)
            url = RelayFeedConnect.ownerURL(stateCache: cache.url, login: login)
        } else {
            scope = .all
            url = cache.url
        }
        let toPane: @Sendable (SeatMapMonitor.Output) -> Void = { post(Self.seatsEvent($0)) }
        let seats = owner ? toPane : nil
        let feed = RelayFeed(url: url, scope: scope, costTarget: cache.name, policy: policy, counter: counter, seats: seats) {
            post(.bookings(.batch($0)))
        }
        feed.start()
        add(feed)
        if owner {
            onEffect { effect in
                if case .selectLibrary(let id) = effect { feed.select(libraryId: id) }
            }
        } else {
            startSeatMapMonitor(config: config, login: nil, grid: false, post: post)
        }
    }

    /// An operator's health panes from `relay:readings`; returns what the
    /// operator actions poke after they wrote the state cache.
    func startRelayReadings(config: ConsoleConfig, pace: MonitorPace, post: @escaping @Sendable (MonitorEvent) -> Void) -> (@Sendable () -> Void)? {
        let topo = config.topology
        guard let cache = topo.stateCache else {
            let text = "[feed] source = \"relay\" needs the state cache (a [[cache]] with role = \"state\"), where the relay publishes its readings"
            for pane in [Pane.shards, .caches, .instances] { post(.status(source: pane.rawValue, text: text)) }
            return nil
        }
        let monitor = RelayReadingsMonitor(stateCache: cache, pace: pace, counter: counter) { out in
            for event in Self.relayEvents(out, topology: topo) { post(event) }
        }
        monitor.start()
        add(monitor)
        return { monitor.refreshNow() }
    }

    /// The events a relay reading stands for: what the shard, cache and
    /// instance monitors would post. Silence posts every target with its
    /// figures unknown and the reason, never the last figures as current.
    static func relayEvents(_ out: RelayReadingsMonitor.Output, topology topo: Topology) -> [MonitorEvent] {
        let panes = [Pane.overview, .shards, .caches, .instances]
        switch out {
        case .acknowledged(let acks):
            return [.alerts(.acknowledged(acks))]
        case .readings(let r):
            var events: [MonitorEvent] = r.shards.map { .shards(.reading($0)) } + r.caches.map { .caches(.reading($0)) }
            events.append(.instances(.reading(r.instances, stateCacheError: r.stateCacheError)))
            let at = RelayFreshness.clock(Date(timeIntervalSince1970: r.publishedAt), BookingTodayTally.platformTimeZone)
            return events + panes.map { .status(source: $0.rawValue, text: "relay readings of \(at)") }
        case .silent(let text):
            var events: [MonitorEvent] = topo.shards.map { s in
                var h = ShardHealth(name: s.name, provider: s.provider, role: s.role, users: s.users)
                h.error = text; h.checkedAt = Date()
                return .shards(.reading(h))
            }
            events += topo.caches.map { c in
                var h = CacheHealth(name: c.name, provider: c.provider, role: c.role)
                h.error = text; h.checkedAt = Date()
                return .caches(.reading(h))
            }
            let instances = topo.instances.map { i in
                var h = InstanceHealth(config: i)
                h.lastError = text
                return h
            }
            events.append(.instances(.reading(instances, stateCacheError: text)))
            return events + panes.map { .status(source: $0.rawValue, text: text) }
        }
    }
}

extension RelayFeed: BackgroundMonitor {}
extension RelayReadingsMonitor: BackgroundMonitor {}
