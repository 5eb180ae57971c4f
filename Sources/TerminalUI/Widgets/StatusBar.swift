/// One bottom line: segments on the left, segments on the right.
/// When they collide the left side wins (it holds the keys).
public struct StatusBar: Widget, Sendable {
    public var left: [(String, Role)]
    public var right: [(String, Role)]

    public init(left: [(String, Role)], right: [(String, Role)] = []) { self.left = left; self.right = right }

    public func render(_ area: Rect, into buffer: inout Buffer, theme: Theme) {
        guard !area.isEmpty else { return }
        let row = area.row(area.height - 1)
        buffer.fill(row, style: theme[.background])
        let rightText = right.map(\.0).joined(separator: "  ")
        let rw = DisplayWidth.of(Sanitizer.clean(rightText))
        var x = row.x + max(0, row.width - rw - 1)
        let rightStart = x
        for (i, (t, role)) in right.enumerated() {
            x += buffer.put((i > 0 ? "  " : "") + t, x: x, y: row.y, style: theme[role], clip: row)
        }
        x = row.x + 1
        for (t, role) in left {
            x += buffer.put(t + "  ", x: x, y: row.y, style: theme[role], clip: Rect(x: row.x, y: row.y, width: row.width, height: 1))
        }
        // Left text overwrote part of the right side: blank the remains of the
        // right side instead of leaving half a clock.
        if x > rightStart { buffer.fill(Rect(x: x, y: row.y, width: row.right - x, height: 1), style: theme[.background]) }
    }
}

