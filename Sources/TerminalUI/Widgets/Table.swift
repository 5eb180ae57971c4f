/// One column of a `Table`.
public struct TableColumn: Sendable, Hashable {
    public var title: String
    /// What a sort or a header click names the column by (the title unless
    /// two columns share one, e.g. two blank headers).
    public var id: String
    public var width: Constraint
    public var alignment: Alignment
    public init(_ title: String, width: Constraint = .fill(1), alignment: Alignment = .left, id: String? = nil) {
        self.title = title; self.width = width; self.alignment = alignment; self.id = id ?? title
    }
}

/// One cell of a `Table`; the role colours it (e.g. a state column).
public struct TableCell: Sendable, Hashable, ExpressibleByStringLiteral {
    public var text: String
    public var role: Role?
    /// Shorter spellings of `text`, longest first, tried when it does not fit
    /// its column (a number shortens by unit before anything is cut).
    public var shorter: [String] = []
    public init(_ text: String, role: Role? = nil, shorter: [String] = []) {
        self.text = text; self.role = role; self.shorter = shorter
    }
    public init(stringLiteral value: String) { self.init(value) }

    /// A count: "1,234,567", in a narrow column "1.23M" or "1.2M".
    public static func count(_ n: Int64, prefix: String = "", role: Role? = nil) -> TableCell {
        let forms = NumberText.countForms(n).map { prefix + $0 }
        return TableCell(forms[0], role: role, shorter: Array(forms.dropFirst()))
    }

    /// What fits `width` columns.
    public func fitted(to width: Int) -> String {
        shorter.isEmpty ? text : TextFit.firstFitting([text] + shorter, width: width)
    }
}

/// Rows under a header, with selection, scrolling and a sort marker.
public struct Table: Widget, Sendable {
    public var columns: [TableColumn]
    public var rows: [[TableCell]]
    public var selected: Int?
    /// First row shown; adjusted so the selected row stays visible.
    public var offset: Int
    public var sortColumn: Int?
    public var sortAscending: Bool
    public var showsHeader: Bool
    /// The index of `rows[0]` in the whole list, when only a window of a long
    /// list is passed in: the recorded hit area then names rows by list index.
    public var firstRowIndex: Int

    public init(columns: [TableColumn], rows: [[TableCell]], selected: Int? = nil, offset: Int = 0,
                sortColumn: Int? = nil, sortAscending: Bool = true, showsHeader: Bool = true, firstRowIndex: Int = 0) {
        self.columns = columns; self.rows = rows; self.selected = selected; self.offset = offset
        self.sortColumn = sortColumn; self.sortAscending = sortAscending; self.showsHeader = showsHeader
        self.firstRowIndex = firstRowIndex
    }

    /// The first visible row that keeps `selected` on screen, given the old offset.
    public static func scrollOffset(selected: Int?, offset: Int, visibleRows: Int, rowCount: Int) -> Int {
        guard visibleRows > 0 else { return 0 }
        var o = max(0, min(offset, rowCount - visibleRows))
        if let s = selected {
            if s < o { o = s }
            if s >= o + visibleRows { o = s - visibleRows + 1 }
        }
        return max(0, o)
    }

    public func render(_ area: Rect, into buffer: inout Buffer, theme: Theme) {
        guard !area.isEmpty, !columns.isEmpty else { return }
        let cols = Layout.split(area, .horizontal, columns.map(\.width), spacing: 1)
        var y = area.y
        let headerY = showsHeader ? y : nil
        if showsHeader {
            for (i, c) in columns.enumerated() {
                var title = c.title
                if sortColumn == i {
                    // The marker stays when the column is narrow: the title gives way first.
                    let m = sortAscending ? "▲" : "▼"
                    let w = cols[i].width
                    title = DisplayWidth.of(title) + 1 < w ? title + " " + m
                        : DisplayWidth.of(title) < w ? title + m : TextFit.truncate(title, to: w - 1) + m
                }
                TextFit.place(title, in: Rect(x: cols[i].x, y: y, width: cols[i].width, height: 1), c.alignment, style: theme[.title], into: &buffer)
            }
            y += 1
        }
        let visible = area.bottom - y
        let start = Table.scrollOffset(selected: selected, offset: offset, visibleRows: visible, rowCount: rows.count)
        var r = start
        while y < area.bottom && r < rows.count {
            let isSelected = r == selected
            let base = isSelected ? theme[.text].patched(theme[.selection]) : theme[.text]
            // The gaps between columns in the row's own style: left in the
            // terminal's default, each gap between two changed cells cost the
            // terminal a colour reset and set again when ncurses wrote through
            // it (Benchmarks/README.md, "Idle bytes").
            buffer.fill(area.row(y - area.y), style: base)
            for (i, c) in columns.enumerated() where i < rows[r].count {
                let cell = rows[r][i]
                var st = cell.role.map { base.patched(theme[$0]) } ?? base
                if isSelected { st = st.patched(theme[.selection]) }
                TextFit.place(cell.fitted(to: cols[i].width), in: Rect(x: cols[i].x, y: y, width: cols[i].width, height: 1), c.alignment, style: st, into: &buffer)
            }
            y += 1; r += 1
        }
        buffer.tableHits.append(TableHitArea(
            headerY: headerY, columns: zip(columns, cols).map { ($0.id, $1.x..<($1.x + $1.width)) },
            rowsTop: headerY.map { $0 + 1 } ?? area.y, firstRow: firstRowIndex + start, rowCount: r - start))
    }
}
