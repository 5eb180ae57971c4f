import Foundation
import StudySpotConfig
import StudySpotConsole
import StudySpotCore
import StudySpotMonitors

// The owner view's monitors: booking feed and seat maps.
extension Monitors {
    func startOwnerMonitors(config: ConsoleConfig, options: DashboardOptions,
                           post: @escaping @Sendable (MonitorEvent) -> Void) {
        // An owner connects as the owner's login role everywhere: the database's
        // row-level security does the confining, not this client.
        let login: LoginConfig? = options.role == .owner ? config.login : nil
        if options.role == .owner, let why = config.ownerLoginMissing {
            post(.status(source: Pane.bookings.rawValue, text: why))
            post(.status(source: Pane.seats.rawValue, text: why))
            return
        }
        if config.feed == .relay { return startRelayFeed(config: config, options: options, post: post) }
        let topology = config.topology
        var feedOptions = BookingFeed.Options()
        // An operator's console polls every shard for the Shards pane, and the
        // feed's idle check counts those answers: at the same pace an idle
        // shard is asked nothing more (a hang shows on Bookings no later than on Shards).
        if options.role != .owner { feedOptions.idleCheck = ShardMonitor.defaultInterval }
        let feed = BookingFeed(topology: topology, login: login, catalog: CatalogCache(topology: topology, login: login, counter: counter),
                               options: feedOptions, policy: policy, counter: counter) {
            post(.bookings(.batch($0)))
        }
        feed.start()
        add(feed)
        // Only an owner's console reads the grid of every library: an operator's catalog has thousands.
        startSeatMapMonitor(config: config, login: login, grid: options.role == .owner, post: post)
    }

    /// The seat maps read from the shards (every direct console; an operator's on the relay too).
    func startSeatMapMonitor(config: ConsoleConfig, login: LoginConfig?, grid: Bool, post: @escaping @Sendable (MonitorEvent) -> Void) {
        let topology = config.topology
        let seats = SeatMapMonitor(topology: topology, login: login, catalog: CatalogCache(topology: topology, login: login, counter: counter),
                                   grid: grid, policy: policy, counter: counter) { post(Self.seatsEvent($0)) }
        seats.start()
        add(seats)
        onEffect { effect in
            if case .selectLibrary(let id) = effect { seats.select(libraryId: id) }
        }
    }

    static func seatsEvent(_ out: SeatMapMonitor.Output) -> MonitorEvent {
        switch out {
        case .libraries(let l): .seats(.libraries(l))
        case .map(let m): .seats(.map(m))
        case .failed(let id, let message): .seats(.failed(libraryId: id, message: message))
        case .grid(let maps): .seats(.grid(maps))
        case .gridFailed(let message): .seats(.gridFailed(message))
        }
    }
}

extension BookingFeed: BackgroundMonitor {}
extension SeatMapMonitor: BackgroundMonitor {}
