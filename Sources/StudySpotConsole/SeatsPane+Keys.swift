import Foundation
import StudySpotCore
import TerminalUI

extension ConsoleKeyMap {
    /// The Seats pane's own keys (nothing here writes).
    static let seatsActions: [Action<ConsoleAction>] = [
        Action(.seatsPick, keys: ["o", "L"], "pick a library (/ searches name or city)", panes: [Pane.seats.rawValue]),
        Action(.seatsLeft, keys: ["h", "Left"], "previous seat", panes: [Pane.seats.rawValue]),
        Action(.seatsRight, keys: ["l", "Right"], "next seat", panes: [Pane.seats.rawValue]),
    ]
}

extension SeatsState {
    static func perform(_ state: State, _ action: ConsoleAction) -> (State, [Effect])? {
        var s = state
        if s.seats.picking {
            let libs = pickerLibraries(s)
            switch action {
            case .moveUp: s.seats.pickerSelection = max(0, s.seats.pickerSelection - 1)
            case .moveDown: s.seats.pickerSelection = min(max(0, libs.count - 1), s.seats.pickerSelection + 1)
            case .pageUp: s.seats.pickerSelection = max(0, s.seats.pickerSelection - 10)
            case .pageDown: s.seats.pickerSelection = min(max(0, libs.count - 1), s.seats.pickerSelection + 10)
            case .moveTop: s.seats.pickerSelection = 0
            case .moveBottom: s.seats.pickerSelection = max(0, libs.count - 1)
            case .open:
                guard !libs.isEmpty else { return (s, []) }
                let lib = libs[min(s.seats.pickerSelection, libs.count - 1)]
                s.seats.picking = false
                s.searchQuery = ""
                return openLibrary(s, lib.id)
            case .close, .seatsPick: s.seats.picking = false
            case .search: return nil
            default: return nil
            }
            return (s, [])
        }
        if s.seats.showsGrid { return performOnGrid(s, action) }
        let count = s.seats.map?.seats.count ?? 0
        switch action {
        case .close where s.seats.grid.count > 1:
            // Back to the grid, on the library just shown.
            s.seats.mapChosen = false
        case .seatsPick:
            s.seats.picking = true
            let libs = pickerLibraries(s)
            s.seats.pickerSelection = libs.firstIndex { $0.id == s.seats.map?.library.id } ?? 0
        case .open where s.seats.map == nil:
            s.seats.picking = true
            s.seats.pickerSelection = 0
        case .seatsLeft, .seatsRight:
            guard count > 0 else { return (s, []) }
            let d = action == .seatsLeft ? -1 : 1
            s.seats.selectedSeat = max(0, min(count - 1, s.seats.selectedSeat + d))
        case .moveUp, .moveDown:
            guard let map = s.seats.map, count > 0 else { return (s, []) }
            s.seats.selectedSeat = seatInNextRow(map.seats, from: s.seats.selectedSeat, up: action == .moveUp)
        case .moveTop: s.seats.selectedSeat = 0
        case .moveBottom: s.seats.selectedSeat = max(0, count - 1)
        default: return nil
        }
        return (s, [])
    }
}

/// The arrows move between the grid's cards (up and down by a row of
/// cards), Enter opens the selected library's seat map.
private func performOnGrid(_ state: State, _ action: ConsoleAction) -> (State, [Effect])? {
    var s = state
    let count = s.seats.grid.count
    let columns = LibraryGridLayout(area: LibraryGridLayout.paneArea(s.size), count: count, selection: s.seats.gridSelection).columns
    let at = s.seats.gridSelection
    switch action {
    case .seatsLeft: s.seats.gridSelection = max(0, at - 1)
    case .seatsRight: s.seats.gridSelection = min(count - 1, at + 1)
    case .moveUp: s.seats.gridSelection = at >= columns ? at - columns : at
    case .moveDown: s.seats.gridSelection = at + columns < count ? at + columns : at
    case .pageUp: s.seats.gridSelection = max(0, at - columns * 4)
    case .pageDown: s.seats.gridSelection = min(count - 1, at + columns * 4)
    case .moveTop: s.seats.gridSelection = 0
    case .moveBottom: s.seats.gridSelection = count - 1
    case .open: return openLibrary(s, s.seats.grid[min(at, count - 1)].library.id)
    case .seatsPick:
        s.seats.picking = true
        s.seats.pickerSelection = pickerLibraries(s).firstIndex { $0.id == s.seats.grid[min(at, count - 1)].library.id } ?? 0
    default: return nil
    }
    return (s, [])
}

/// Shows a library's seat map: at once when it is the map already loaded
/// (kept live by the feed), else asked of the monitor.
func openLibrary(_ state: State, _ id: Int64) -> (State, [Effect]) {
    var s = state
    s.seats.mapChosen = true
    if let i = s.seats.grid.firstIndex(where: { $0.library.id == id }) { s.seats.gridSelection = i }
    if s.seats.map?.library.id == id { return (s, []) }
    s.seats.requested = id
    return (s, [.selectLibrary(id: id)])
}

/// A click on a library's card selects it and opens its seat map.
func clickOnSeats(_ s: State, x: Int, y: Int) -> (State, [Effect])? {
    guard s.seats.showsGrid, !s.seats.picking else { return nil }
    let layout = LibraryGridLayout(area: LibraryGridLayout.paneArea(s.size), count: s.seats.grid.count, selection: s.seats.gridSelection)
    guard let i = layout.card(atX: x, y: y) else { return nil }
    return openLibrary(s, s.seats.grid[i].library.id)
}

/// The seat in the row above or below (same zone, nearest column), crossing
/// into the neighbouring zone at the ends.
func seatInNextRow(_ seats: [SeatInfo], from i: Int, up: Bool) -> Int {
    guard seats.indices.contains(i) else { return 0 }
    let cur = seats[i]
    let sameZone = seats.indices.filter { seats[$0].zone == cur.zone }
    let rows = Set(sameZone.map { seats[$0].row }).sorted()
    if let ri = rows.firstIndex(of: cur.row) {
        let nri = up ? ri - 1 : ri + 1
        if rows.indices.contains(nri) {
            let target = rows[nri]
            return sameZone.filter { seats[$0].row == target }.min { abs(seats[$0].column - cur.column) < abs(seats[$1].column - cur.column) } ?? i
        }
    }
    // Past the zone's first or last row: the previous or next zone.
    return up ? max(0, (sameZone.first ?? i) - 1) : min(seats.count - 1, (sameZone.last ?? i) + 1)
}
