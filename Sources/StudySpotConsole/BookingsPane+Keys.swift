import Foundation
import StudySpotCore
import TerminalUI

extension ConsoleKeyMap {
    /// The Bookings pane's own keys: filters (read-only, so open to every role).
    static let bookingsActions: [Action<ConsoleAction>] = [
        Action(.bookingsStatus, keys: ["f"], "filter by status (cycles)", panes: [Pane.bookings.rawValue]),
        Action(.bookingsShard, keys: ["s"], "filter by shard (cycles)", panes: [Pane.bookings.rawValue]),
        Action(.bookingsLibrary, keys: ["b"], "filter to the selected booking's library (toggles)", panes: [Pane.bookings.rawValue]),
        Action(.bookingsClear, keys: ["x"], "clear the filters", panes: [Pane.bookings.rawValue]),
    ]
}

extension BookingsState {
    /// Filters, details; moves are swallowed while details are open.
    static func perform(_ state: State, _ action: ConsoleAction) -> (State, [Effect])? {
        var s = state
        switch action {
        case .open:
            let rows = shownBookings(s, limit: s.selection + 1)
            guard !rows.isEmpty else { return (s, []) }
            s.bookings.detail = rows[min(s.selection, rows.count - 1)]
        case .close:
            guard s.bookings.detail != nil else { return nil }
            s.bookings.detail = nil
        case .bookingsStatus:
            let all = BookingStatus.allCases
            let next: BookingStatus? = s.bookings.filter.status.map { st in
                let i = all.firstIndex(of: st)! + 1
                return i < all.count ? all[i] : nil
            } ?? all.first
            s.bookings.filter.status = next
            s.selection = 0
            s.message = StatusMessage("status: \(next?.label ?? "all")", role: .accent)
        case .bookingsShard:
            let shards = filterableShards(s.bookings)
            guard !shards.isEmpty else { return (s, []) }
            if let cur = s.bookings.filter.shard, let i = shards.firstIndex(of: cur) {
                s.bookings.filter.shard = i + 1 < shards.count ? shards[i + 1] : nil
            } else {
                s.bookings.filter.shard = shards[0]
            }
            s.selection = 0
            s.message = StatusMessage("shard: \(s.bookings.filter.shard ?? "all")", role: .accent)
        case .bookingsLibrary:
            if s.bookings.filter.libraryId != nil {
                s.bookings.filter.libraryId = nil; s.bookings.filter.libraryName = nil
            } else {
                let rows = shownBookings(s, limit: s.selection + 1)
                guard !rows.isEmpty else { return (s, []) }
                let r = rows[min(s.selection, rows.count - 1)]
                s.bookings.filter.libraryId = r.libraryId
                s.bookings.filter.libraryName = r.libraryName ?? "library \(r.libraryId)"
            }
            s.selection = 0
        case .bookingsClear:
            s.bookings.filter = BookingsFilter()
            s.selection = 0
        default:
            // While details are open, other keys (moves) leave the list alone.
            if s.bookings.detail != nil && action.isMove { return (s, []) }
            return nil
        }
        return (s, [])
    }
}

/// The shards `s` cycles through: every shard a row came from, and every
/// users shard the feed reports on. A console on the relay reports one
/// source (`relay`) that no row names, so a filter on it would hide all.
func filterableShards(_ b: BookingsState) -> [String] {
    var names = Set<String>()
    for i in 0..<b.feed.count { names.insert(b.feed.newest(i).shard) }
    if b.shardStatus.keys.contains(where: names.contains) || names.isEmpty {
        names.formUnion(b.shardStatus.keys)
    }
    return names.sorted()
}
