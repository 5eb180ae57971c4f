import Foundation
import StudySpotCore
import TerminalUI

extension ConsoleKeyMap {
    /// The Seats pane's own keys (nothing here writes).
    static let seatsActions: [Action] = [
        Action("seats.pick", keys: ["o", "L"], "pick a library (/ searches name or city)", panes: [Pane.seats.rawValue]),
        Action("seats.left", keys: ["h", "Left"], "previous seat", panes: [Pane.seats.rawValue]),
        Action("seats.right", keys: ["l", "Right"], "next seat", panes: [Pane.seats.rawValue]),
    ]
}

func performSeatsAction(_ state: State, _ action: Action) -> (State, [Effect])? {
    var s = state
    if s.seats.picking {
        let libs = pickerLibraries(s)
        switch action.id {
        case "move.up": s.seats.pickerSelection = max(0, s.seats.pickerSelection - 1)
        case "move.down": s.seats.pickerSelection = min(max(0, libs.count - 1), s.seats.pickerSelection + 1)
        case "page.up": s.seats.pickerSelection = max(0, s.seats.pickerSelection - 10)
        case "page.down": s.seats.pickerSelection = min(max(0, libs.count - 1), s.seats.pickerSelection + 10)
        case "move.top": s.seats.pickerSelection = 0
        case "move.bottom": s.seats.pickerSelection = max(0, libs.count - 1)
        case "open":
            guard !libs.isEmpty else { return (s, []) }
            let lib = libs[min(s.seats.pickerSelection, libs.count - 1)]
            s.seats.picking = false
            s.seats.requested = lib.id
            s.searchQuery = ""
            return (s, [.selectLibrary(id: lib.id)])
        case "close", "seats.pick": s.seats.picking = false
        case "search": return nil
        default: return nil
        }
        return (s, [])
    }
    let count = s.seats.map?.seats.count ?? 0
    switch action.id {
    case "seats.pick":
        s.seats.picking = true
        let libs = pickerLibraries(s)
        s.seats.pickerSelection = libs.firstIndex { $0.id == s.seats.map?.library.id } ?? 0
    case "open" where s.seats.map == nil:
        s.seats.picking = true
        s.seats.pickerSelection = 0
    case "seats.left", "seats.right":
        guard count > 0 else { return (s, []) }
        let d = action.id == "seats.left" ? -1 : 1
        s.seats.selectedSeat = max(0, min(count - 1, s.seats.selectedSeat + d))
    case "move.up", "move.down":
        guard let map = s.seats.map, count > 0 else { return (s, []) }
        s.seats.selectedSeat = seatInNextRow(map.seats, from: s.seats.selectedSeat, up: action.id == "move.up")
    case "move.top": s.seats.selectedSeat = 0
    case "move.bottom": s.seats.selectedSeat = max(0, count - 1)
    default: return nil
    }
    return (s, [])
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
