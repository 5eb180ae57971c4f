/// A block chart of a series, like btop's: bars in eighths of a cell, a y
/// axis (the scale's top and 0), the peak's value written beside its column,
/// and time labels under the plot. Drawing is a pure function of the series
/// and the size (`LineChart.draw`), so it is tested without a terminal.
public struct LineChart: Widget, Sendable {
    public var values: [Double]
    /// Labels under the plot, keyed by the index of the value they name.
    public var xLabels: [Int: String]
    public var role: Role
    /// A limit line and a projection, for a series measured against a ceiling (a quota).
    public var guides: Guides

    public init(values: [Double], xLabels: [Int: String] = [:], role: Role = .accent, guides: Guides = Guides()) {
        self.values = values; self.xLabels = xLabels; self.role = role; self.guides = guides
    }

    /// What a quota's chart adds to the bars: the limit as a horizontal line,
    /// and a dotted straight line from the value at `projectFrom` (now) to
    /// `projectTo` at the last index (the period's end). The scale then
    /// reaches the highest of the bars, the limit and the projection, and the
    /// y axis names the limit and the last value (used) instead of the peak.
    public struct Guides: Sendable, Equatable {
        public var limit: Double?
        public var projectFrom: Int?
        public var projectTo: Double?
        public init(limit: Double? = nil, projectFrom: Int? = nil, projectTo: Double? = nil) {
            self.limit = limit; self.projectFrom = projectFrom; self.projectTo = projectTo
        }
        var isEmpty: Bool { limit == nil && (projectFrom == nil || projectTo == nil) }
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
        /// The plot row of the limit line, and of the projection's dot in each plot column it covers.
        public var limitRow: Int? = nil
        public var projectionRows: [Int: Int] = [:]
    }

    static let limitMark: Character = "─"
    static let projectionMark: Character = "·"

    static let eighths: [Character] = [" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    /// The chart as `height` rows of `width` columns. Narrow or short areas
    /// drop the axis and the labels before they drop bars; a label that
    /// would not fit whole is left out, never cut.
    public static func draw(_ values: [Double], xLabels: [Int: String] = [:], width: Int, height: Int,
                            guides: Guides = Guides()) -> Drawing {
        let clean = values.map { $0.isFinite && $0 > 0 ? $0 : 0 }
        let peak = clean.max() ?? 0
        guard width > 0, height > 0 else { return Drawing(rows: [], axisWidth: 0, peakColumn: nil, peak: peak, hasXLabels: false) }
        let hasXLabels = height >= 3 && !xLabels.isEmpty
        let plotHeight = height - (hasXLabels ? 1 : 0)
        let limit = guides.limit.flatMap { $0.isFinite && $0 > 0 ? $0 : nil }
        let projectTo = guides.projectTo.flatMap { $0.isFinite && $0 >= 0 ? $0 : nil }
        let projectFrom = guides.projectFrom.flatMap { projectTo != nil && $0 >= 0 && $0 < clean.count - 1 ? $0 : nil }
        let top = max(peak, limit ?? 0, projectFrom != nil ? projectTo ?? 0 : 0)
        let topText = compact(top)
        // With guides the axis names the limit and the last value (used) as well.
        let usedValue = projectFrom.map { clean[$0] } ?? clean.last ?? 0
        let axisTexts = guides.isEmpty ? [topText] : [topText, compact(limit ?? 0), compact(usedValue)]
        let labelWidth = axisTexts.map(\.count).max() ?? 0
        // The axis is "219┤": worth its room only when the plot keeps 8 columns.
        let axisWidth = plotHeight >= 2 && width - (labelWidth + 1) >= 8 ? labelWidth + 1 : 0
        let plotWidth = width - axisWidth
        let columns = columnValues(clean, plotWidth)
        var grid = Array(repeating: Array(repeating: Character(" "), count: plotWidth), count: plotHeight)
        // The plot row whose level holds `v` (the top row holds `top`).
        func row(of v: Double) -> Int {
            guard top > 0 else { return plotHeight - 1 }
            let level = Int((v / top * Double(plotHeight)).rounded(.up))
            return min(plotHeight - 1, max(0, plotHeight - max(1, level)))
        }
        var projectionRows: [Int: Int] = [:]
        var lastBarColumn = plotWidth - 1
        if let from = projectFrom, let to = projectTo {
            // Bars stop at now; from there on, the straight line to the period's end.
            let nowColumn = column(of: from, count: clean.count, plotWidth: plotWidth)
            lastBarColumn = nowColumn
            let start = clean[from]
            let span = max(1, plotWidth - 1 - nowColumn)
            for c in (nowColumn + 1)..<max(nowColumn + 1, plotWidth) {
                projectionRows[c] = row(of: start + (to - start) * Double(c - nowColumn) / Double(span))
            }
        }
        if top > 0 {
            for (c, v) in columns.enumerated() where c <= lastBarColumn {
                var eighthsLeft = Int((v / top * Double(plotHeight * 8)).rounded())
                if v > 0 { eighthsLeft = max(1, eighthsLeft) }
                for r in stride(from: plotHeight - 1, through: 0, by: -1) where eighthsLeft > 0 {
                    grid[r][c] = eighths[min(8, eighthsLeft)]
                    eighthsLeft -= 8
                }
            }
        }
        let limitRow = limit.map(row(of:))
        if let lr = limitRow {
            for c in 0..<plotWidth where grid[lr][c] == " " { grid[lr][c] = limitMark }
        }
        for (c, r) in projectionRows where grid[r][c] == " " || grid[r][c] == limitMark { grid[r][c] = projectionMark }
        let peakColumn = peak > 0 ? columns.prefix(lastBarColumn + 1).firstIndex(of: columns.prefix(lastBarColumn + 1).max() ?? 0) : nil
        // The peak's value beside its column on the top row, right of it when it fits, else left
        // (a quota's chart names its limit and use on the axis instead).
        if let pc = peakColumn, plotHeight >= 2, guides.isEmpty {
            let label = Array(topText)
            if pc + 1 + label.count <= plotWidth {
                for (i, ch) in label.enumerated() { grid[0][pc + 1 + i] = ch }
            } else if pc - label.count >= 0 {
                for (i, ch) in label.enumerated() { grid[0][pc - label.count + i] = ch }
            }
        }
        // Axis labels by row: the top and 0, then the limit and the used value where their rows are free.
        // The used value takes the bottom row from "0" (it is the figure people look for), never the top or the limit.
        var axisLabels: [Int: String] = [plotHeight - 1: "0"]
        axisLabels[0] = topText
        if !guides.isEmpty {
            let ur = row(of: usedValue)
            if ur != 0 && usedValue > 0 { axisLabels[ur] = compact(usedValue) }
            if let limit, let lr = limitRow { axisLabels[lr] = compact(limit) }
        }
        var rows: [String] = []
        for r in 0..<plotHeight {
            var axis = ""
            if axisWidth > 0 {
                let label = axisLabels[r] ?? ""
                axis = String(repeating: " ", count: axisWidth - 1 - label.count) + label + (label.isEmpty ? "│" : "┤")
            }
            rows.append(axis + String(grid[r]))
        }
        if hasXLabels {
            var line = Array(repeating: Character(" "), count: width)
            var free = axisWidth
            for (index, text) in xLabels.sorted(by: { $0.key < $1.key }) where index >= 0 && index < max(1, clean.count) {
                let chars = Array(text)
                var at = axisWidth + column(of: index, count: clean.count, plotWidth: plotWidth)
                // The last value's label (a period's end) that would run past the edge ends at it instead.
                if index == clean.count - 1 && index > 0 && at + chars.count > width { at = width - chars.count }
                guard at >= free, at + chars.count <= width, chars.allSatisfy({ DisplayWidth.of($0) == 1 }) else { continue }
                for (i, ch) in chars.enumerated() { line[at + i] = ch }
                free = at + chars.count + 1
            }
            rows.append(String(line))
        }
        return Drawing(rows: rows, axisWidth: axisWidth, peakColumn: peakColumn, peak: peak, hasXLabels: hasXLabels,
                       limitRow: limitRow, projectionRows: projectionRows)
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

    /// 0.46 → "0.46", 2.5 → "2.5", 219 → "219", 1_480 → "1.5K", 23_400 → "23K", 4_200_000 → "4.2M": at most
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
        // Fractions (a 0.5 GB limit) keep their digits: rounding them would say 1 or 0.
        if v != 0 && abs(v) < 9.95 && abs(v) != abs(v).rounded() {
            let text = String(format: abs(v) < 1 ? "%.2f" : "%.1f", abs(v))
            let trimmed = text.contains(".") ? String(text.reversed().drop { $0 == "0" }.reversed()) : text
            return (v < 0 ? "-" : "") + (trimmed.hasSuffix(".") ? String(trimmed.dropLast()) : trimmed)
        }
        if m < 1_000 { return sign + String(Int(m)) }
        if m < 999_500 { return unit(m / 1_000, "K") }
        if m < 999_500_000 { return unit(m / 1_000_000, "M") }
        return unit(m / 1_000_000_000, "G")
    }

    public func render(_ area: Rect, into buffer: inout Buffer, theme: Theme) {
        guard !area.isEmpty else { return }
        let d = LineChart.draw(values, xLabels: xLabels, width: area.width, height: area.height, guides: guides)
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
