/// Text wrapped to the area's width, newlines kept, scrolled by lines.
public struct Paragraph: Widget, Sendable {
    public var text: String
    public var role: Role
    public var alignment: Alignment
    public var offset: Int

    public init(_ text: String, role: Role = .text, alignment: Alignment = .left, offset: Int = 0) {
        self.text = text; self.role = role; self.alignment = alignment; self.offset = offset
    }

    public func render(_ area: Rect, into buffer: inout Buffer, theme: Theme) {
        guard !area.isEmpty else { return }
        let lines = TextFit.wrap(text, width: area.width)
        for (i, l) in lines.dropFirst(max(0, offset)).prefix(area.height).enumerated() {
            buffer.put(TextFit.pad(l, to: area.width, alignment), x: area.x, y: area.y + i, style: theme[role], clip: area)
        }
    }
}
