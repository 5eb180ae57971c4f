import Foundation
import StudySpotCore
import TerminalUI

extension SeatsState {
    static func update(_ state: State, _ event: SeatsEvent) -> (State, [Effect]) {
        var s = state
        switch event {
        case .libraries(let libs):
            s.seats.libraries = libs
            // Open the first library by itself, so an owner with one library sees it at once.
            if s.seats.map == nil && s.seats.requested == nil, let first = libs.first {
                s.seats.requested = first.id
                return (s, [.selectLibrary(id: first.id)])
            }
            if libs.isEmpty { s.seats.loaded = true; s.seats.error = "no library is visible to this role" }
        case .map(let snap):
            if s.seats.map?.library.id != snap.library.id { s.seats.selectedSeat = 0 }
            s.seats.map = snap
            s.seats.problems = SeatProblems(snap)
            s.seats.requested = nil
            s.seats.loaded = true
            s.seats.error = snap.shardErrors.isEmpty ? nil
                : "bookings unavailable from " + snap.shardErrors.keys.sorted().joined(separator: ", ")
            s.seats.selectedSeat = min(s.seats.selectedSeat, max(0, snap.seats.count - 1))
            // The fresher read of a library replaces its card, so the card and the map's title agree.
            if let i = s.seats.grid.firstIndex(where: { $0.library.id == snap.library.id }) { s.seats.grid[i] = snap }
        case .grid(let maps):
            s.seats.grid = maps.map { m in
                // A map read since (a library just opened) is the fresher of the two.
                if let shown = s.seats.map, shown.library.id == m.library.id, shown.loadedAt > m.loadedAt { return shown }
                return m
            }
            s.seats.gridSelection = min(s.seats.gridSelection, max(0, maps.count - 1))
            s.seats.gridError = nil
            s.seats.loaded = true
        case .gridFailed(let message):
            s.seats.gridError = message
        case .failed(let id, let message):
            if s.seats.requested == id { s.seats.requested = nil }
            s.seats.loaded = true
            s.seats.error = message
        }
        return (s, [])
    }
}

/// Applies feed changes to the shown library's map and to the grid's maps.
func applyChangesToSeatMap(_ seats: inout SeatsState, _ changes: [BookingRecord]) {
    guard !changes.isEmpty else { return }
    if var map = seats.map {
        let mine = changes.filter { $0.libraryId == map.library.id }
        if !mine.isEmpty {
            apply(mine, to: &map)
            seats.problems.update(mine, in: map)
            seats.map = map
        }
    }
    guard !seats.grid.isEmpty else { return }
    let byLibrary = Dictionary(grouping: changes, by: \.libraryId)
    for i in seats.grid.indices {
        if let mine = byLibrary[seats.grid[i].library.id] { apply(mine, to: &seats.grid[i]) }
    }
}

/// One library's changes into its map: the same booking is replaced (by
/// shard and id), a new one near the map's load time is added.
private func apply(_ mine: [BookingRecord], to map: inout SeatMapSnapshot) {
    var index: [BookingChangeKeyID: Int] = [:]
    for (i, b) in map.bookings.enumerated() { index[BookingChangeKeyID(shard: b.shard, id: b.id)] = i }
    for c in mine {
        var r = c
        if r.seatLabel == nil { r.seatLabel = map.seats.first { $0.id == r.seatId }?.label }
        if let i = index[BookingChangeKeyID(shard: c.shard, id: c.id)] {
            // Never step back: an older re-read must not undo a newer state.
            if map.bookings[i].updatedAt <= r.updatedAt { map.bookings[i] = r }
        } else if abs(r.startsAt.timeIntervalSince(map.loadedAt)) < SeatMapSnapshot.window * 2 {
            index[BookingChangeKeyID(shard: c.shard, id: c.id)] = map.bookings.count
            map.bookings.append(r)
        }
    }
}

struct BookingChangeKeyID: Hashable { var shard: String; var id: Int64 }

/// Everything the seat map shows, computed from the state at `now`.
public struct SeatMapView: Sendable {
    public var statuses: [SeatStatus]
    public var zones: [SeatZoneOccupancy]
    public var total: SeatZoneOccupancy
    public var bookingsBySeat: [Int64: [BookingRecord]]

    /// The whole recompute the pane does per frame (the benchmark times this).
    public static func compute(_ map: SeatMapSnapshot, now: Date) -> SeatMapView {
        var bySeat: [Int64: [BookingRecord]] = [:]
        for b in map.bookings { bySeat[b.seatId, default: []].append(b) }
        let st = SeatOccupancy.statuses(seats: map.seats, bookingsBySeat: bySeat, now: now)
        let occ = SeatOccupancy.occupancy(seats: map.seats, statuses: st)
        return SeatMapView(statuses: st, zones: occ.zones, total: occ.total, bookingsBySeat: bySeat)
    }
}

/// Libraries the picker lists: those matching the `/` search.
func pickerLibraries(_ s: State) -> [SeatLibrary] {
    s.seats.libraries.filter { $0.matches(s.searchQuery) }
}
