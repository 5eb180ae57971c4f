/// A one-row chart of the most recent values that fit.
public struct Sparkline: Widget, Sendable {
    public var values: [Double]
    /// Top of the scale; the largest visible value when nil.
    public var maxValue: Double?
    public var role: Role

    static let bars: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    public init(values: [Double], maxValue: Double? = nil, role: Role = .accent) {
        self.values = values; self.maxValue = maxValue; self.role = role
    }

    /// The chart as text, one column per value, newest last.
    public static func line(_ values: [Double], width: Int, maxValue: Double? = nil) -> String {
        guard width > 0 else { return "" }
        let shown = values.suffix(width)
        let top = maxValue ?? shown.filter(\.isFinite).max() ?? 0
        return String(shown.map { v -> Character in
            guard v.isFinite, v > 0, top > 0 else { return " " }
            let i = Int((min(v, top) / top * 7).rounded())
            return bars[max(0, min(7, i))]
        })
    }

    public func render(_ area: Rect, into buffer: inout Buffer, theme: Theme) {
        guard !area.isEmpty else { return }
        let y = area.bottom - 1
        let s = Sparkline.line(values, width: area.width, maxValue: maxValue)
        buffer.put(s, x: area.right - DisplayWidth.of(s), y: y, style: theme[role], clip: area)
    }
}
