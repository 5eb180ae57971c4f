/// A block chart of a series, like btop's: bars in eighths of a cell, a y
/// axis (the scale's top and 0), the peak's value written beside its column,
/// and time labels under the plot. Drawing is a pure function of the series
/// and the size (`LineChart.draw`), so it is tested without a terminal.
public struct LineChart: Widget, Sendable {
    public var values: [Double]
    /// Labels under the plot, keyed by the index of the value they name.
    public var xLabels: [Int: String]
    public var role: Role

    public init(values: [Double], xLabels: [Int: String] = [:], role: Role = .accent) {
        self.values = values; self.xLabels = xLabels; self.role = role
    }

    /// What `draw` produced: `rows` are exactly `width` columns each.
    public struct Drawing: Sendable, Equatable {
        public var rows: [String]
        /// Columns taken by the y axis (labels and its line) at each row's start.
        public var axisWidth: Int
        /// The plot column holding the peak (counted from the row's start), nil when all values are 0.
        public var peakColumn: Int?
        /// The largest value, over the whole series.
        public var peak: Double
        /// Whether the last row holds x labels (not plot).
        public var hasXLabels: Bool
    }

    static let eighths: [Character] = [" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    /// The chart as `height` rows of `width` columns. Narrow or short areas
    /// drop the axis and the labels before they drop bars; a label that
    /// would not fit whole is left out, never cut.
    public static func draw(_ values: [Double], xLabels: [Int: String] = [:], width: Int, height: Int) -> Drawing {
        let clean = values.map { $0.isFinite && $0 > 0 ? $0 : 0 }
        let peak = clean.max() ?? 0
        guard width > 0, height > 0 else { return Drawing(rows: [], axisWidth: 0, peakColumn: nil, peak: peak, hasXLabels: false) }
        let hasXLabels = height >= 3 && !xLabels.isEmpty
        let plotHeight = height - (hasXLabels ? 1 : 0)
        let topText = compact(peak)
        // The axis is "219┤": worth its room only when the plot keeps 8 columns.
        let axisWidth = plotHeight >= 2 && width - (topText.count + 1) >= 8 ? topText.count + 1 : 0
        let plotWidth = width - axisWidth
        let columns = columnValues(clean, plotWidth)
        var grid = Array(repeating: Array(repeating: Character(" "), count: plotWidth), count: plotHeight)
        if peak > 0 {
            for (c, v) in columns.enumerated() {
                var eighthsLeft = Int((v / peak * Double(plotHeight * 8)).rounded())
                if v > 0 { eighthsLeft = max(1, eighthsLeft) }
                for r in stride(from: plotHeight - 1, through: 0, by: -1) where eighthsLeft > 0 {
                    grid[r][c] = eighths[min(8, eighthsLeft)]
                    eighthsLeft -= 8
                }
            }
        }
        let peakColumn = peak > 0 ? columns.firstIndex(of: columns.max() ?? 0) : nil
        // The peak's value beside its column on the top row, right of it when it fits, else left.
        if let pc = peakColumn, plotHeight >= 2 {
            let label = Array(topText)
            if pc + 1 + label.count <= plotWidth {
                for (i, ch) in label.enumerated() { grid[0][pc + 1 + i] = ch }
            } else if pc - label.count >= 0 {
                for (i, ch) in label.enumerated() { grid[0][pc - label.count + i] = ch }
            }
        }
        var rows: [String] = []
        for r in 0..<plotHeight {
            var axis = ""
            if axisWidth > 0 {
                let label = r == 0 ? topText : (r == plotHeight - 1 ? "0" : "")
                axis = String(repeating: " ", count: axisWidth - 1 - label.count) + label + (r == 0 || r == plotHeight - 1 ? "┤" : "│")
            }
            rows.append(axis + String(grid[r]))
        }
        if hasXLabels {
            var line = Array(repeating: Character(" "), count: width)
            var free = axisWidth
            for (index, text) in xLabels.sorted(by: { $0.key < $1.key }) where index >= 0 && index < max(1, clean.count) {
                let at = axisWidth + column(of: index, count: clean.count, plotWidth: plotWidth)
                let chars = Array(text)
                guard at >= free, at + chars.count <= width, chars.allSatisfy({ DisplayWidth.of($0) == 1 }) else { continue }
                for (i, ch) in chars.enumerated() { line[at + i] = ch }
                free = at + chars.count + 1
            }
            rows.append(String(line))
        }
        return Drawing(rows: rows, axisWidth: axisWidth, peakColumn: peakColumn, peak: peak, hasXLabels: hasXLabels)
    }

    /// Each plot column's value: the largest of the values it covers when the
    /// series is longer than the plot is wide (so the peak stays), a value
    /// repeated over several columns when shorter.
    static func columnValues(_ values: [Double], _ plotWidth: Int) -> [Double] {
        guard plotWidth > 0 else { return [] }
        guard !values.isEmpty else { return Array(repeating: 0, count: plotWidth) }
        let n = values.count
        return (0..<plotWidth).map { c in
            let start = c * n / plotWidth
            let end = max(start + 1, (c + 1) * n / plotWidth)
            return values[start..<min(n, end)].max() ?? 0
        }
    }

    /// The first plot column that shows value `index`.
    static func column(of index: Int, count n: Int, plotWidth: Int) -> Int {
        guard n > 0 else { return 0 }
        return (0..<plotWidth).first { c in max(c * n / plotWidth + 1, (c + 1) * n / plotWidth) > index } ?? plotWidth - 1
    }

    /// 219 → "219", 1_480 → "1.5K", 23_400 → "23K", 4_200_000 → "4.2M": at most
    /// four columns, shortened by unit, never cut.
    public static func compact(_ v: Double) -> String {
        guard v.isFinite else { return "?" }
        let n = v.rounded()
        let sign = n < 0 ? "-" : ""
        let m = abs(n)
        func unit(_ x: Double, _ u: String) -> String {
            let t = x < 9.95 ? (x * 10).rounded() / 10 : x.rounded()
            return sign + (t == t.rounded() ? String(Int(t)) : String(t)) + u
        }
        if m < 1_000 { return sign + String(Int(m)) }
        if m < 999_500 { return unit(m / 1_000, "K") }
        if m < 999_500_000 { return unit(m / 1_000_000, "M") }
        return unit(m / 1_000_000_000, "G")
    }

    public func render(_ area: Rect, into buffer: inout Buffer, theme: Theme) {
        guard !area.isEmpty else { return }
        let d = LineChart.draw(values, xLabels: xLabels, width: area.width, height: area.height)
        for (i, row) in d.rows.enumerated() {
            let y = area.y + i
            let isLabels = d.hasXLabels && i == d.rows.count - 1
            if isLabels {
                buffer.put(row, x: area.x, y: y, style: theme[.muted], clip: area)
                continue
            }
            let chars = Array(row)
            buffer.put(String(chars.prefix(d.axisWidth)), x: area.x, y: y, style: theme[.muted], clip: area)
            buffer.put(String(chars.dropFirst(d.axisWidth)), x: area.x + d.axisWidth, y: y, style: theme[role], clip: area)
        }
    }
}
