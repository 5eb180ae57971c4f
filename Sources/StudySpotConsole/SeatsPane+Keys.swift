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
                s.seats.requested = lib.id
                s.searchQuery = ""
                return (s, [.selectLibrary(id: lib.id)])
            case .close, .seatsPick: s.seats.picking = false
            case .search: return nil
            default: return nil
            }
            return (s, [])
        }
        let count = s.seats.map?.seats.count ?? 0
        switch action {
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
