/// One line of a `ListView`.
public struct ListItem: Sendable, Hashable, ExpressibleByStringLiteral {
    public var text: String
    public var role: Role?
    public init(_ text: String, role: Role? = nil) { self.text = text; self.role = role }
    public init(stringLiteral value: String) { self.init(value) }
}

/// A scrolling list with one selected line.
public struct ListView: Widget, Sendable {
    public var items: [ListItem]
    public var selected: Int?
    public var offset: Int

    public init(items: [ListItem], selected: Int? = nil, offset: Int = 0) {
        self.items = items; self.selected = selected; self.offset = offset
    }

    public func render(_ area: Rect, into buffer: inout Buffer, theme: Theme) {
        guard !area.isEmpty else { return }
        let start = Table.scrollOffset(selected: selected, offset: offset, visibleRows: area.height, rowCount: items.count)
        for i in 0..<area.height {
            let idx = start + i
            guard idx < items.count else { break }
            let row = area.row(i)
            let sel = idx == selected
            var st = items[idx].role.map { theme[.text].patched(theme[$0]) } ?? theme[.text]
            if sel { st = st.patched(theme[.selection]); buffer.fill(row, style: st) }
            buffer.put((sel ? "›" : " ") + items[idx].text, x: row.x, y: row.y, style: st, clip: row)
        }
    }
}
