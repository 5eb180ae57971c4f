/// The tab bar: a leading name, then tab titles with the selected one marked.
public struct Tabs: Widget, Sendable {
    public var leading: String?
    public var titles: [String]
    public var selected: Int
    /// A short note after a title (e.g. an alert count), coloured by role.
    public var badges: [Int: (String, Role)]

    public init(leading: String? = nil, titles: [String], selected: Int, badges: [Int: (String, Role)] = [:]) {
        self.leading = leading; self.titles = titles; self.selected = selected; self.badges = badges
    }

    /// Titles as they fit: whole when the bar has room, else every title but
    /// the selected one shortened to its first word (its key: "2"), and then
    /// the leading name dropped; a title is never cut through its key.
    func fitted(width: Int) -> (leading: String?, titles: [String]) {
        func total(_ lead: String?, _ ts: [String]) -> Int {
            (lead.map { DisplayWidth.of($0) + 2 } ?? 0) + ts.enumerated().reduce(0) { sum, e in
                sum + 2 + DisplayWidth.of(e.element) + (badges[e.offset].map { DisplayWidth.of($0.0) + 1 } ?? 0)
            }
        }
        if total(leading, titles) <= width { return (leading, titles) }
        let short = titles.enumerated().map { i, t in i == selected ? t : String(t.prefix { $0 != " " }) }
        if total(leading, short) <= width { return (leading, short) }
        return (nil, short)
    }

    public func render(_ area: Rect, into buffer: inout Buffer, theme: Theme) {
        guard !area.isEmpty else { return }
        let row = area.row(0)
        var x = area.x
        let (leading, titles) = fitted(width: row.width)
        if let leading { x += buffer.put(" " + leading + " ", x: x, y: row.y, style: theme[.accent], clip: row) }
        for (i, t) in titles.enumerated() {
            guard x < row.right else { break }
            x += buffer.put("▏", x: x, y: row.y, style: theme[.border], clip: row)
            let st = i == selected ? theme[.text].patched(theme[.selection]) : theme[.muted]
            x += buffer.put(t, x: x, y: row.y, style: st, clip: row)
            if let (b, role) = badges[i] { x += buffer.put(" " + b, x: x, y: row.y, style: theme[role], clip: row) }
            x += buffer.put(" ", x: x, y: row.y, clip: row)
        }
    }
}

