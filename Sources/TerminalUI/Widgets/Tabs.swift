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

    public func render(_ area: Rect, into buffer: inout Buffer, theme: Theme) {
        guard !area.isEmpty else { return }
        let row = area.row(0)
        var x = area.x
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

