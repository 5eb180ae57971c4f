import Foundation
import StudySpotCore
import TerminalUI

// Each sortable pane's columns and what its rows sort by, the rows in the
// order shown, and each row's identity (the selection follows it across
// sorts and refreshes).

/// A pane's sortable table, as `update` needs it.
struct SortedTable: Sendable {
    /// Every sortable column's id, in `<` `>` order.
    let columnIDs: [String]
    /// The identity of the row shown at `index` (clamped to the rows).
    let identity: @Sendable (State, Int) -> String?
    /// Where the row with that identity is shown now.
    let index: @Sendable (State, String) -> Int?
    /// A live feed, newest first in its own order: watched from the top, it stays at the top.
    var isFeed = false

    /// A table whose rows are few enough to list whole.
    init<Row>(_ columns: [SortColumn<Row>], rows: @escaping @Sendable (State) -> [Row], id: @escaping @Sendable (Row) -> String,
              isFeed: Bool = false) {
        columnIDs = columns.map(\.id)
        self.isFeed = isFeed
        identity = { s, i in let r = rows(s); return r.isEmpty ? nil : id(r[min(max(0, i), r.count - 1)]) }
        index = { s, want in rows(s).firstIndex { id($0) == want } }
    }

    init(columnIDs: [String], identity: @escaping @Sendable (State, Int) -> String?, index: @escaping @Sendable (State, String) -> Int?,
         isFeed: Bool) {
        self.columnIDs = columnIDs; self.identity = identity; self.index = index; self.isFeed = isFeed
    }

    static let all: [Pane: SortedTable] = [
        .instances: SortedTable(instanceSortColumns, rows: shownInstances, id: \.name),
        .shards: SortedTable(shardSortColumns, rows: shownShards, id: \.name),
        .caches: SortedTable(cacheSortColumns, rows: shownCaches, id: \.name),
        .alerts: SortedTable(alertSortColumns, rows: shownAlerts, id: \.id),
        .events: SortedTable(eventSortColumns, rows: shownEvents, id: eventIdentity, isFeed: true),
        .quotas: SortedTable(quotaSortColumns, rows: shownGauges, id: \.entry.key),
        .bookings: SortedTable(columnIDs: bookingSortColumns.map(\.id), identity: { s, i in
            let rows = shownBookings(s, limit: max(0, i) + 1)
            return rows.last.map(bookingIdentity)
        }, index: shownBookingIndex, isFeed: true),
    ]
}

/// After an event that may reorder the shown pane's rows (a refresh, a new
/// sort), the selection moves to where its row went. A live feed (Bookings,
/// Events) in its own order watched from the top stays at the top (tail -f), as it did before sorting existed.
func followSelection(from old: State, to new: State) -> State {
    guard old.pane == new.pane, old.selection == new.selection, let table = SortedTable.all[new.pane] else { return new }
    if table.isFeed && new.sorts[new.pane] == nil && old.sorts[old.pane] == nil && old.selection <= 0 { return new }
    guard let id = table.identity(old, old.selection), let i = table.index(new, id) else { return new }
    var s = new
    s.selection = i
    return s
}

// MARK: Instances, Shards, Caches, Alerts

let instanceSortColumns: [SortColumn<InstanceHealth>] = [
    SortColumn("NAME") { i, _ in .text(i.name) },
    SortColumn("STATE") { i, _ in .text(i.displayState.rawValue) },
    SortColumn("LAST") { i, _ in .num(i.lastLatency) },
    SortColumn("P50") { i, _ in .num(i.latencies.p50) },
    SortColumn("P95") { i, _ in .num(i.latencies.p95) },
    SortColumn("P99") { i, _ in .num(i.latencies.p99) },
    SortColumn("FAILS") { i, _ in .num(i.consecutiveFailures) },
    SortColumn("WEIGHT") { i, _ in .num(i.effectiveWeight) },
    SortColumn("PRI") { i, _ in .num(i.priority) },
    SortColumn("TODAY") { i, _ in .num(i.requestsToday) },
    SortColumn("DAY%") { i, _ in .num(i.requestsToday) },
    SortColumn("SHARE") { i, s in .num(s.instances.shares[i.name]) },
    SortColumn("WHY") { i, s in .text(i.evidence(now: s.now)) },
    SortColumn("LATENCY") { i, _ in .num(i.latencies.p50) },
]

let shardSortColumns: [SortColumn<ShardHealth>] = [
    SortColumn("NAME") { h, _ in .text(h.name) },
    SortColumn("STATE") { h, _ in h.reachable.map { .number($0 ? 1 : 0) } },
    SortColumn("LAT") { h, _ in .num(h.latency) },
    SortColumn("ROLE") { h, _ in .text(h.role.rawValue) },
    SortColumn("USERS") { h, _ in .num(h.users?.lower) },
    SortColumn("SIZE / FREE TIER") { h, _ in .num(h.sizeBytes) },
    SortColumn("CONNS") { h, _ in .num(h.connections) },
    SortColumn("USERS≈") { h, _ in .num(h.usersEstimate) },
    SortColumn("BOOKINGS≈") { h, _ in .num(h.bookingsEstimate) },
    SortColumn("NOTES") { h, _ in
        let notes = [h.archiveBehind == true ? "archive behind" : nil, h.error].compactMap { $0 }
        return notes.isEmpty ? nil : .text(notes.joined(separator: "; "))
    },
]

let cacheSortColumns: [SortColumn<CacheHealth>] = [
    SortColumn("NAME") { h, _ in .text(h.name) },
    SortColumn("STATE") { h, _ in h.reachable.map { .number($0 ? 1 : 0) } },
    SortColumn("LAT") { h, _ in .num(h.latency) },
    SortColumn("MEMORY") { h, _ in .num(h.usedMemoryBytes) },
    SortColumn("COMMANDS TODAY") { h, _ in .num(h.commandsToday) },
    SortColumn("HIT") { h, _ in .num(h.hitRate) },
    SortColumn("EVICT") { h, _ in .num(h.evictedKeys) },
    SortColumn("CLIENTS") { h, _ in .num(h.clients) },
]

let alertSortColumns: [SortColumn<Alert>] = [
    SortColumn("SEVERITY") { a, _ in .num(Severity.allCases.firstIndex(of: a.severity)) },
    SortColumn("SINCE") { a, _ in .number(a.since.timeIntervalSince1970) },
    SortColumn("FOR") { a, s in .number(s.now.timeIntervalSince(a.since)) },
    SortColumn("SOURCE") { a, _ in .text(a.source) },
    SortColumn("MESSAGE") { a, _ in .text(a.message) },
    SortColumn("ACK") { a, _ in .number(a.acknowledged ? 1 : 0) },
]

func shownInstances(_ s: State) -> [InstanceHealth] {
    sortedRows(s.instances.instances, s.sorts[.instances], instanceSortColumns, s)
}
func shownShards(_ s: State) -> [ShardHealth] { sortedRows(s.shards.shards, s.sorts[.shards], shardSortColumns, s) }
func shownCaches(_ s: State) -> [CacheHealth] { sortedRows(s.caches.caches, s.sorts[.caches], cacheSortColumns, s) }
func shownAlerts(_ s: State) -> [Alert] { sortedRows(s.alerts.alerts, s.sorts[.alerts], alertSortColumns, s) }

// MARK: Quotas

/// Every column of the gauge table, the narrow screen's OUTLOOK too; times
/// sort by how far off they are (runs out first, resets first), "never" last.
let quotaSortColumns: [SortColumn<QuotaGauge>] = [
    SortColumn("PROVIDER") { g, _ in .text(g.entry.owner) },
    SortColumn("RESOURCE") { g, _ in .text(g.entry.resource) },
    SortColumn("USE") { g, _ in .num(g.percent) },
    SortColumn("USED/LIMIT") { g, _ in .num(g.used) },
    SortColumn("%") { g, _ in .num(g.percent) },
    SortColumn("BURN 24H") { g, _ in .num(g.burnPerDay24h) },
    SortColumn("BURN 7D") { g, _ in .num(g.burnPerDay7d) },
    SortColumn("PROJ") { g, _ in .num(g.projectedPercent) },
    SortColumn("RUNS OUT") { g, s in .num(g.runsOutAt.map { $0.timeIntervalSince(s.now) / 86_400 }) },
    SortColumn("RESETS IN") { g, s in .num(g.resetsAt.map { $0.timeIntervalSince(s.now) }) },
    SortColumn("OUTLOOK") { g, s in .num(g.runsOutAt.map { $0.timeIntervalSince(s.now) / 86_400 }) },
    SortColumn("NOTE") { g, _ in
        let note = QuotaText.note(g)
        return note.isEmpty ? nil : .text(note)
    },
]

/// The gauges as the list shows them: grouped by category in the pane's own
/// order, one flat list once sorted (as k9s sorts a table).
func shownGauges(_ s: State) -> [QuotaGauge] { sortedRows(visibleGauges(s), s.sorts[.quotas], quotaSortColumns, s) }

// MARK: Events

let eventSortColumns: [SortColumn<ConsoleEvent>] = [
    SortColumn("SEVERITY") { e, _ in .num(Severity.allCases.firstIndex(of: e.severity)) },
    SortColumn("TIME") { e, _ in .number(e.at.timeIntervalSince1970) },
    SortColumn("KIND") { e, _ in .text(e.kind.rawValue) },
    SortColumn("SOURCE") { e, _ in .text(e.source) },
    SortColumn("WHAT") { e, _ in .text(e.text) },
]

func shownEvents(_ s: State) -> [ConsoleEvent] { sortedRows(EventsState.shown(s), s.sorts[.events], eventSortColumns, s) }

func eventIdentity(_ e: ConsoleEvent) -> String { "\(e.at.timeIntervalSince1970)|\(e.kind.rawValue)|\(e.source)|\(e.text)" }

// MARK: Bookings

let bookingSortColumns: [SortColumn<BookingRecord>] = [
    SortColumn("time") { r, _ in .number(r.updatedAt.timeIntervalSince1970) },
    SortColumn("id") { r, _ in .num(r.id) },
    SortColumn("library") { r, _ in r.libraryName.map(SortValue.text) },
    SortColumn("seat") { r, _ in r.seatLabel.map(SortValue.text) },
    SortColumn("user") { r, _ in r.userName.map(SortValue.text) },
    SortColumn("status") { r, _ in .text(r.status.label) },
    SortColumn("amount") { r, _ in .num(r.amountPaise) },
    SortColumn("shard") { r, _ in .text(r.shard) },
]

/// The feed's rows as shown: newest first, or the chosen sort over every
/// row the filters let through (equal keys stay newest first).
func shownBookings(_ s: State, limit: Int = Int.max) -> [BookingRecord] {
    guard let sort = s.sorts[.bookings] else { return visibleBookings(s, limit: limit) }
    return Array(sortedRows(visibleBookings(s), sort, bookingSortColumns, s).prefix(limit))
}

/// A feed row is one change of a booking: the booking, its version and status.
func bookingIdentity(_ r: BookingRecord) -> String { "\(r.id)@\(r.updatedAt.timeIntervalSince1970)@\(r.status.rawValue)" }

/// Where a feed row is shown now; in the feed's own order the scan stops at the row.
func shownBookingIndex(_ s: State, _ id: String) -> Int? {
    if s.sorts[.bookings] != nil { return shownBookings(s).firstIndex { bookingIdentity($0) == id } }
    let f = s.bookings.filter
    let q = s.searchQuery.trimmingCharacters(in: .whitespaces)
    var n = 0
    for i in 0..<s.bookings.feed.count {
        let r = relabelled(s.bookings.feed.newest(i), s.bookings)
        guard bookingPasses(r, f, q) else { continue }
        if bookingIdentity(r) == id { return n }
        n += 1
    }
    return nil
}
