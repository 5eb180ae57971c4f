import Foundation
import StudySpotMonitors
import StudySpotWire
import Testing
import StudySpotCore
import StudySpotConsole
import StudySpotTestSupport
import TerminalUI

/// The owner's grid of libraries on the real stack, as the owner's login
/// role: row-level security confines the grid's reads, and the feed moves
/// its counts live. In OwnerViewTests' serialized suite: its confinement
/// test also gives owners of the shared catalog login roles, and two role
/// syncs at once race to create the same role.
extension OwnerViewTests {
    /// Posts the monitor's outputs as the dashboard does (Monitors+Owner).
    static func postGrid(_ out: SeatMapMonitor.Output, _ console: OwnerViewConsole) {
        switch out {
        case .libraries(let l): console.post(.seats(.libraries(l)))
        case .map(let m): console.post(.seats(.map(m)))
        case .failed(let id, let message): console.post(.seats(.failed(libraryId: id, message: message)))
        case .grid(let maps): console.post(.seats(.grid(maps)))
        case .gridFailed(let message): console.post(.seats(.gridFailed(message)))
        }
    }

    func gridTaken(_ c: OwnerViewConsole, _ library: Int64) -> Int? {
        c.state.seats.grid.first { $0.library.id == library }.map { SeatMapView.compute($0, now: Date()).total.taken }
    }

    @Test func theGridListsOnlyTheOwnersLibrariesAndMovesWithTheFeed() throws {
        let p = try OwnerViewPlatform(ownerRoles: true, annexe: true)
        defer { p.cleanUp() }
        let annexe = try #require(p.annexe)
        // Before the console starts: one seat taken in each of the owner's
        // libraries, on different shards, and one in the other owner's.
        _ = try p.insert(p.shards[0], seat: 1)
        _ = try p.insert(p.shards[1], seat: 2, library: annexe)
        _ = try p.insert(p.shards[1], seat: 3, library: annexe, startsIn: "3 hours")
        _ = try p.insert(p.shards[2], seat: 1, other: true)
        let login = p.ownerLogin()
        let console = OwnerViewConsole(role: .owner, size: Size(width: 100, height: 30))
        let feed = BookingFeed(topology: p.topology, login: login) { console.post(.bookings(.batch($0))) }
        let seats = SeatMapMonitor(topology: p.topology, login: login, catalog: CatalogCache(topology: p.topology, login: login),
                                   grid: true) { Self.postGrid($0, console) }
        feed.start(); seats.start()
        defer { feed.stop(); seats.stop() }
        #expect(console.wait(20) { c in c.state.seats.grid.count == 2 && c.state.bookings.loaded
                && p.shards.allSatisfy { c.state.bookings.shardStatus[$0.name] == "live" } },
                "\(console.state.seats.grid.map(\.library.name)) \(console.state.seats.gridError ?? "")")
        // Only the owner's two libraries, each with its own seats and bookings.
        #expect(Set(console.state.seats.grid.map(\.library.id)) == [p.mineOwner, annexe])
        #expect(console.state.seats.grid.allSatisfy { $0.bookings.allSatisfy { $0.ownerId == p.mineOwner } })
        #expect(gridTaken(console, p.mineOwner) == 1 && gridTaken(console, annexe) == 1)
        var screen = console.screen(.seats)
        #expect(screen.contains("Seats · 2 libraries"), "\(screen)")
        #expect(screen.contains("1/12 taken 8%") && screen.contains("1/6 taken 17%"), "\(screen)")
        #expect(screen.contains("Annexe") && !screen.contains("Other \(p.tag)"))
        // The annexe's two bookings start today or later: the card counts those starting today.
        #expect(screen.contains("bookings today"))
        // The card agrees with the map the Seats pane opens for the same library.
        // (A monitor of its own: the running one's connections are its thread's.)
        let loader = SeatMapMonitor(topology: p.topology, login: login, catalog: CatalogCache(topology: p.topology, login: login)) { _ in }
        guard case .map(let map) = loader.load(libraryId: p.mineOwner) else { Issue.record("own map missing"); return }
        #expect(SeatMapView.compute(map, now: Date()).total.taken == 1 && SeatMapView.compute(map, now: Date()).total.open == 12)
        // A new booking moves the card live (the grid is read again only each minute: this is the feed).
        _ = try p.insert(p.shards[2], seat: 2)
        _ = try p.insert(p.shards[0], seat: 4, other: true)
        #expect(console.wait { c in self.gridTaken(c, p.mineOwner) == 2 })
        screen = console.screen(.seats)
        #expect(screen.contains("2/12 taken 17%"), "\(screen)")
        #expect(gridTaken(console, annexe) == 1)
    }
}
