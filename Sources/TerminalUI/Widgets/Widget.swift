/// Something that draws itself into a rectangle of a buffer and nowhere else.
/// Widgets never touch a terminal and never fail: any area, even 0×0, is fine.
public protocol Widget {
    func render(_ area: Rect, into buffer: inout Buffer, theme: Theme)
}

extension Buffer {
    /// Renders a widget clipped to `area ∩ self.area`.
    public mutating func render(_ widget: some Widget, in area: Rect, theme: Theme) {
        widget.render(area.intersection(self.area), into: &self, theme: theme)
    }
}
