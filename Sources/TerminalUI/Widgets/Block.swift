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
        let hr = String(repeating: "─", count: area.width - 2)
        buffer.put("┌" + hr + "┐", x: area.x, y: area.y, style: b, clip: area)
        buffer.put("└" + hr + "┘", x: area.x, y: area.bottom - 1, style: b, clip: area)
        for y in (area.y + 1)..<(area.bottom - 1) {
            buffer.put("│", x: area.x, y: y, style: b, clip: area)
            buffer.put("│", x: area.right - 1, y: y, style: b, clip: area)
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
