/// A horizontal bar with 1/8-cell precision, coloured by thresholds.
///
/// The value is kept apart from the drawing (htop's meters): give it a
/// ratio, it picks ok/warning/critical and draws.
public struct Gauge: Widget, Sendable {
    public var ratio: Double
    public var label: String?
    public var warning: Double
    public var critical: Double

    static let eighths: [Character] = ["▏", "▎", "▍", "▌", "▋", "▊", "▉"]

    public init(ratio: Double, label: String? = nil, warning: Double = 0.8, critical: Double = 0.95) {
        self.ratio = ratio.isFinite ? ratio : 0
        self.label = label; self.warning = warning; self.critical = critical
    }

    /// The role the ratio falls in.
    public var severity: Role { ratio >= critical ? .critical : ratio >= warning ? .warning : .ok }

    /// The bar alone, exactly `width` columns: full blocks, one partial block, then `░`.
    public static func bar(ratio: Double, width: Int) -> String {
        guard width > 0 else { return "" }
        let r = min(1, max(0, ratio.isFinite ? ratio : 0))
        let total = Int((r * Double(width * 8)).rounded())
        let full = total / 8, part = total % 8
        var s = String(repeating: "█", count: full)
        if part > 0 { s.append(eighths[part - 1]) }
        return s + String(repeating: "░", count: width - full - (part > 0 ? 1 : 0))
    }

    public func render(_ area: Rect, into buffer: inout Buffer, theme: Theme) {
        guard !area.isEmpty else { return }
        let y = area.y + (area.height - 1) / 2
        var barWidth = area.width
        if let label {
            let lw = DisplayWidth.of(Sanitizer.clean(label))
            if area.width >= lw + 4 {
                barWidth = area.width - lw - 1
                buffer.put(label, x: area.x + barWidth + 1, y: y, style: theme[.text], clip: area)
            }
        }
        buffer.put(Gauge.bar(ratio: ratio, width: barWidth), x: area.x, y: y, style: theme[severity], clip: area)
    }
}
