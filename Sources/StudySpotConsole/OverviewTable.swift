import TerminalUI

// The Overview's panels are small tables whose columns come and go with the
// width: the most important columns first, the rest when there is room
// (btop's and k9s's way: a wider screen shows more detail, never cut numbers).

/// One column a panel may show.
struct PanelColumn<Row> {
    var title: String
    /// Its width; a stretching column's least width.
    var width: Int
    var priority: Int
    var alignment: Alignment = .left
    /// Takes the width the chosen columns leave (bars and sparklines).
    var stretches = false
    /// The cell for a row, given the column's final width.
    var cell: (Row, Int) -> TableCell
}

/// Draws `rows` under the columns that fit `area`, with a header when the
/// area has a row to spare for one. Returns the number of rows drawn.
@discardableResult
func renderPanelTable<Row>(_ s: State, _ columns: [PanelColumn<Row>], _ rows: [Row], _ area: Rect, _ buffer: inout Buffer) -> Int {
    guard !area.isEmpty, !rows.isEmpty else { return 0 }
    let chosen = OverviewLayout.columnsThatFit(widths: columns.map(\.width), priorities: columns.map(\.priority), width: area.width)
    guard !chosen.isEmpty else { return 0 }
    var widths = chosen.map { columns[$0].width }
    let spare = area.width - widths.reduce(0, +) - (chosen.count - 1)
    if let k = chosen.firstIndex(where: { columns[$0].stretches }) { widths[k] += spare }
    let header = area.height > rows.count
    let table = Table(columns: chosen.indices.map { k in
                          TableColumn(columns[chosen[k]].title, width: .fixed(widths[k]), alignment: columns[chosen[k]].alignment)
                      },
                      rows: rows.map { row in chosen.indices.map { k in columns[chosen[k]].cell(row, widths[k]) } },
                      showsHeader: header)
    buffer.render(table, in: area, theme: s.theme)
    return min(rows.count, area.height - (header ? 1 : 0))
}

/// A panel's frame: its block drawn, the inside with a column of margin each side.
func panelInner(_ s: State, _ title: String, _ rightTitle: String? = nil, _ area: Rect, _ buffer: inout Buffer) -> Rect {
    let block = Block(title: title, rightTitle: rightTitle)
    buffer.render(block, in: area, theme: s.theme)
    return block.inner(area).inset(left: 1, right: 1)
}

/// A muted line saying what the panel is waiting for.
func panelWaiting(_ s: State, _ text: String, _ inner: Rect, _ buffer: inout Buffer) {
    buffer.put(text, x: inner.x, y: inner.y, style: s.theme[.muted], clip: inner)
}
