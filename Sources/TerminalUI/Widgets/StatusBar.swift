/// One bottom line: segments on the left (key hints), segments on the right
/// (messages, role, clock). When they collide the right side wins and the
/// left side is cut: a message must not vanish behind the hints.
public struct StatusBar: Widget, Sendable {
    public var left: [(String, Role)]
    public var right: [(String, Role)]

    public init(left: [(String, Role)], right: [(String, Role)] = []) { self.left = left; self.right = right }

    public func render(_ area: Rect, into buffer: inout Buffer, theme: Theme) {
        guard !area.isEmpty else { return }
        let row = area.row(area.height - 1)
        buffer.fill(row, style: theme[.background])
        let rightText = right.map(\.0).joined(separator: "  ")
        let rw = min(DisplayWidth.of(Sanitizer.clean(rightText)), max(0, row.width - 2))
        let rightStart = row.right - rw - 1
        var x = rightStart
        var room = rw
        for (i, (t, role)) in right.enumerated() where room > 0 {
            let piece = TextFit.truncate((i > 0 ? "  " : "") + t, to: room)
            let w = buffer.put(piece, x: x, y: row.y, style: theme[role], clip: row)
            x += w; room -= w
        }
        let leftClip = Rect(x: row.x, y: row.y, width: max(0, rightStart - 1 - row.x), height: 1)
        x = row.x + 1
        for (t, role) in left where x < leftClip.right {
            x += buffer.put(t + "  ", x: x, y: row.y, style: theme[role], clip: leftClip)
        }
    }
}
