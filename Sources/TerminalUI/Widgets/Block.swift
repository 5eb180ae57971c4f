/// A box with a title, the frame of every pane and dialog.
public struct Block: Widget, Sendable {
    public var title: String?
    public var rightTitle: String?
    public var borderRole: Role
    public var titleRole: Role
    /// Clears the inside with the background style (for dialogs over panes).
    public var clearsInside: Bool

    public init(title: String? = nil, rightTitle: String? = nil, borderRole: Role = .border, titleRole: Role = .title, clearsInside: Bool = false) {
        self.title = title; self.rightTitle = rightTitle
        self.borderRole = borderRole; self.titleRole = titleRole; self.clearsInside = clearsInside
    }

    /// The area inside the border (empty when there is no room for one).
    public func inner(_ area: Rect) -> Rect { area.width >= 2 && area.height >= 2 ? area.inset(1) : Rect(x: area.x, y: area.y, width: 0, height: 0) }

    public func render(_ area: Rect, into buffer: inout Buffer, theme: Theme) {
        guard area.width >= 2, area.height >= 2 else { return }
        let b = theme[borderRole]
        if clearsInside { buffer.fill(area.inset(1), style: theme[.background]) }
        // Cells assigned directly (fill), not border strings through `put`:
        // blocks were a third of an Overview frame (Benchmarks/README.md).
        buffer.fill(Rect(x: area.x, y: area.y, width: area.width, height: 1), with: "─", style: b)
        buffer.fill(Rect(x: area.x, y: area.bottom - 1, width: area.width, height: 1), with: "─", style: b)
        buffer.fill(Rect(x: area.x, y: area.y + 1, width: 1, height: area.height - 2), with: "│", style: b)
        buffer.fill(Rect(x: area.right - 1, y: area.y + 1, width: 1, height: area.height - 2), with: "│", style: b)
        for (ch, x, y) in [("┌", area.x, area.y), ("┐", area.right - 1, area.y),
                           ("└", area.x, area.bottom - 1), ("┘", area.right - 1, area.bottom - 1)] as [(Character, Int, Int)] {
            buffer.fill(Rect(x: x, y: y, width: 1, height: 1), with: ch, style: b)
        }
        let room = area.width - 4
        var used = 0
        if let title, room > 0 {
            let t = TextFit.truncate(title, to: room)
            used = buffer.put(" " + t + " ", x: area.x + 1, y: area.y, style: theme[titleRole], clip: area.inset(left: 1, right: 1))
        }
        if let rightTitle, room - used > 3 {
            let t = TextFit.truncate(rightTitle, to: room - used - 3)
            let w = DisplayWidth.of(t) + 2
            buffer.put(" " + t + " ", x: area.right - 1 - w, y: area.y, style: theme[.muted], clip: area.inset(left: 1, right: 1))
        }
    }
}
