import TerminalUI

// Mouse clicks on the shown pane's table: the table's geometry comes from
// drawing the screen (`Buffer.tableHits`), so a click lands where the row is
// drawn at every size, scroll position and layout.

/// A left click at (x, y): a header sorts by its column (again: the other
/// way), a row is selected, a click on the selected row opens it as Enter
/// does. Nil when the click is on no table of a sortable pane.
func clickTable(_ state: State, x: Int, y: Int) -> (State, [Effect])? {
    guard showsSortedTable(state) else { return nil }
    var buffer = Buffer(size: state.size)
    view(state, into: &buffer)
    guard let hit = buffer.tableHits.last(where: { $0.contains(x: x, y: y) }) else { return nil }
    var s = state
    if let column = hit.headerColumn(x: x, y: y) {
        s.sorts[s.pane] = clickedSort(s.sorts[s.pane], column: column)
        s.message = StatusMessage(sortMessage(s.sorts[s.pane]), role: .accent)
        return (followSelection(from: state, to: s), [])
    }
    guard let tableRow = hit.row(y: y) else { return nil }
    // The Quotas list in its own order has a title row over each category: those select nothing.
    let row: Int
    let shown: Int
    if s.pane == .quotas {
        guard let gauge = quotaGaugeIndex(s, tableRow: tableRow) else { return nil }
        row = gauge
        shown = min(max(0, s.selection), max(0, visibleGauges(s).count - 1))
    } else {
        row = tableRow
        // The shown selection is the clamped one: a click on the row drawn selected opens it.
        shown = min(max(0, s.selection), hit.firstRow + hit.rowCount - 1)
    }
    if row == shown, let opened = performPaneAction(s, .open) { return opened }
    s.selection = row
    s.message = nil
    return (s, [])
}
