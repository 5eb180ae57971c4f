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
        let topology = config.topology
        let feed = BookingFeed(topology: topology, login: login, catalog: CatalogCache(topology: topology, login: login, counter: counter),
                               policy: policy, counter: counter) {
            post(.bookings(.batch($0)))
        }
        // Only an owner's console reads the grid of every library: an operator's catalog has thousands.
        let seats = SeatMapMonitor(topology: topology, login: login, catalog: CatalogCache(topology: topology, login: login, counter: counter),
                                   grid: options.role == .owner, policy: policy, counter: counter) { out in
            switch out {
            case .libraries(let l): post(.seats(.libraries(l)))
            case .map(let m): post(.seats(.map(m)))
            case .failed(let id, let message): post(.seats(.failed(libraryId: id, message: message)))
            case .grid(let maps): post(.seats(.grid(maps)))
            case .gridFailed(let message): post(.seats(.gridFailed(message)))
            }
        }
        feed.start()
        seats.start()
        add(OwnerMonitor(feed: feed, seats: seats))
        onEffect { effect in
            if case .selectLibrary(let id) = effect { seats.select(libraryId: id) }
        }
    }
}

/// Stops the owner view's monitors together.
final class OwnerMonitor: BackgroundMonitor, @unchecked Sendable {
    let feed: BookingFeed
    let seats: SeatMapMonitor
    init(feed: BookingFeed, seats: SeatMapMonitor) { self.feed = feed; self.seats = seats }
    func stop() { feed.stop(); seats.stop() }
}
