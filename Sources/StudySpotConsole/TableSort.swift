import Foundation
import TerminalUI
import StudySpotCore

// Sorting the panes' tables (htop's < > and I, k9s' header marker): the
// order a pane draws, keeps across refreshes, and that clicks and keys act on.

/// The column a pane's table is sorted by, and which way; absent from
/// `State.sorts` means the pane's own order.
public struct TableSort: Sendable, Equatable {
    /// The column's id (`TableColumn.id`).
    public var column: String
    public var ascending: Bool
    public init(column: String, ascending: Bool = true) { self.column = column; self.ascending = ascending }
}

/// What a row sorts by in one column: numbers as numbers, never their text.
enum SortValue: Comparable, Sendable {
    case number(Double)
    case text(String)

    static func < (a: SortValue, b: SortValue) -> Bool {
        switch (a, b) {
        case (.number(let x), .number(let y)): x < y
        case (.text(let x), .text(let y)): TextCompare.standardLess(x, y)
        case (.number, .text): true
        case (.text, .number): false
        }
    }

    static func num<N: BinaryInteger>(_ n: N?) -> SortValue? { n.map { .number(Double($0)) } }
    static func num(_ d: Double?) -> SortValue? { d.flatMap { $0.isNaN ? nil : .number($0) } }
}

/// One sortable column of a pane: its id and what a row sorts by there (nil: missing).
struct SortColumn<Row>: Sendable {
    let id: String
    let key: @Sendable (Row, State) -> SortValue?
    init(_ id: String, _ key: @escaping @Sendable (Row, State) -> SortValue?) { self.id = id; self.key = key }
}

/// The rows in `sort`'s order: stable (equal keys keep the list's order, so
/// a live feed sorted by library keeps newest first within a library) and
/// missing values last whichever way.
func sortedRows<Row>(_ rows: [Row], _ sort: TableSort?, _ columns: [SortColumn<Row>], _ s: State) -> [Row] {
    guard let sort, let column = columns.first(where: { $0.id == sort.column }) else { return rows }
    let keyed = rows.enumerated().map { (i: $0.offset, key: column.key($0.element, s), row: $0.element) }
    let present = keyed.filter { $0.key != nil }.sorted { a, b in
        if a.key! != b.key! { return sort.ascending ? a.key! < b.key! : b.key! < a.key! }
        return a.i < b.i
    }
    return (present + keyed.filter { $0.key == nil }).map(\.row)
}

/// The next sort after `<`/`>`: each column in turn, then the pane's own order.
func steppedSort(_ current: TableSort?, ids: [String], forward: Bool) -> TableSort? {
    let positions = [nil] + ids.map(Optional.some)
    let i = positions.firstIndex(of: current?.column) ?? 0
    let next = positions[(i + (forward ? 1 : positions.count - 1)) % positions.count]
    return next.map { TableSort(column: $0) }
}

/// A click on a header: that column ascending, or the other way when it is already the sort.
func clickedSort(_ current: TableSort?, column: String) -> TableSort {
    guard let current, current.column == column else { return TableSort(column: column) }
    return TableSort(column: column, ascending: !current.ascending)
}

extension ConsoleKeyMap {
    /// The panes whose table sorts.
    static let sortablePanes: Set<String> = Set(SortedTable.all.keys.map(\.rawValue))

    /// Sorting keys, as htop has them: < > move the sort column, I inverts.
    static let sortActions: [Action<ConsoleAction>] = [
        Action(.sortNext, keys: [">"], "sort by the next column", panes: sortablePanes),
        Action(.sortPrevious, keys: ["<"], "sort by the previous column", panes: sortablePanes),
        Action(.sortInvert, keys: ["I"], "invert the sort", panes: sortablePanes),
    ]
}

/// Whether the shown pane shows its sortable table now (not a booking's
/// details, a provider's detail or the capacity view).
func showsSortedTable(_ s: State) -> Bool {
    guard SortedTable.all[s.pane] != nil else { return false }
    if s.pane == .bookings && s.bookings.detail != nil { return false }
    if s.pane == .quotas && (s.quotas.detail != nil || s.quotas.view != .gauges) { return false }
    return true
}

/// Applies a sort action on the shown pane; nil when the pane's table does not sort.
func performSort(_ state: State, _ action: ConsoleAction) -> (State, [Effect])? {
    guard let table = SortedTable.all[state.pane], showsSortedTable(state) || state.pane == .bookings else { return nil }
    var s = state
    let current = s.sorts[s.pane]
    switch action {
    case .sortNext, .sortPrevious:
        s.sorts[s.pane] = steppedSort(current, ids: table.columnIDs, forward: action == .sortNext)
    case .sortInvert:
        guard var sort = current else {
            s.message = StatusMessage("no sort to invert: \(keyName(s, .sortNext)) picks a column", role: .muted)
            return (s, [])
        }
        sort.ascending.toggle()
        s.sorts[s.pane] = sort
    default:
        return nil
    }
    s.message = StatusMessage(sortMessage(s.sorts[s.pane]), role: .accent)
    return (followSelection(from: state, to: s), [])
}

/// "sorted by LAT ▼", "sorted as listed".
func sortMessage(_ sort: TableSort?) -> String {
    guard let sort else { return "sorted as listed" }
    return "sorted by \(sort.column.isEmpty ? "?" : sort.column) \(sort.ascending ? "▲" : "▼")"
}

/// The header marker's column in `columns` for the shown pane's sort.
func sortMarker(_ s: State, _ pane: Pane, _ columns: [TableColumn]) -> (column: Int?, ascending: Bool) {
    guard let sort = s.sorts[pane] else { return (nil, true) }
    return (columns.firstIndex { $0.id == sort.column }, sort.ascending)
}

/// A pane's table with its selection (clamped) and sort marker.
func sortedTable(_ s: State, _ pane: Pane, _ columns: [TableColumn], _ rows: [[TableCell]]) -> Table {
    let marker = sortMarker(s, pane, columns)
    return Table(columns: columns, rows: rows, selected: min(max(0, s.selection), rows.count - 1),
                 sortColumn: marker.column, sortAscending: marker.ascending)
}
