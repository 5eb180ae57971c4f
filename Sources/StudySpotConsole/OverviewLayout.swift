import TerminalUI

// The Overview's layout rule: panels declare what they need, one pure
// function decides where they go, at every size. No per-size code: the
// same rule that shows three panels at 80×20 shows seven at 250×70.

/// The Overview's panels.
enum OverviewPanel: String, CaseIterable, Sendable {
    case instances, alerts, bookings, shards, caches, quotas, email
}

/// What one panel asks of the layout.
struct PanelSpec: Sendable, Equatable {
    var panel: OverviewPanel
    /// Lower is more important: placed first, grown first, never left out for a less important one.
    var priority: Int
    /// Below this the panel is not drawn at all.
    var minimum: Size
    /// The height its content wants (one row per instance, per alert…).
    var preferredHeight: Int
    /// Takes the room left once every panel has its preferred height.
    var grows: Bool
}

/// Where the rule put one panel.
struct PanelPlacement: Sendable, Equatable {
    var panel: OverviewPanel
    var priority: Int
    var rect: Rect
}

enum OverviewLayout {
    /// One column per this many cells, at most three: two at 160, three from 192.
    static let columnWidth = 64
    static let maxColumns = 3

    static func columnCount(width: Int) -> Int { max(1, min(maxColumns, width / columnWidth)) }

    /// Places `specs` into `area`: equal columns; each panel, most important
    /// first, goes to the column that holds its minimum and has the most room
    /// left below the preferred heights of those already there (leftmost on
    /// a tie), and is left out when no column holds its minimum. A column
    /// left empty means fewer columns. Inside a column panels stack in
    /// priority order; the room beyond their minimums goes first to the most
    /// important up to their preferred heights, then to the growing ones, so
    /// the columns are filled to the bottom.
    static func place(_ specs: [PanelSpec], in area: Rect) -> [PanelPlacement] {
        let ordered = specs.sorted { ($0.priority, $0.panel.rawValue) < ($1.priority, $1.panel.rawValue) }
        var n = columnCount(width: area.width)
        // The most important panel is never left out for want of width while one column fewer would hold it.
        while n > 1, let first = ordered.first, area.width / n < first.minimum.width { n -= 1 }
        while true {
            let columns = Layout.split(area, .horizontal, Array(repeating: .fill(1), count: n))
            var stacks = Array(repeating: [PanelSpec](), count: n)
            // Room left below the minimums (whether a panel fits) and below
            // the preferred heights (which column wants it most).
            var free = columns.map(\.height), wanted = columns.map(\.height)
            for spec in ordered {
                var best: Int?
                for c in 0..<n where columns[c].width >= spec.minimum.width && free[c] >= spec.minimum.height && spec.minimum.height > 0 {
                    if best.map({ wanted[c] > wanted[$0] }) ?? true { best = c }
                }
                guard let c = best else { continue }
                stacks[c].append(spec); free[c] -= spec.minimum.height
                wanted[c] -= max(spec.minimum.height, spec.preferredHeight)
            }
            if n > 1, stacks.contains(where: \.isEmpty) { n -= 1; continue }
            return zip(columns, stacks).flatMap { stack($1, in: $0) }
        }
    }

    /// One column's panels, top to bottom, heights summing to the column's.
    static func stack(_ specs: [PanelSpec], in column: Rect) -> [PanelPlacement] {
        guard !specs.isEmpty else { return [] }
        var heights = specs.map(\.minimum.height)
        var left = column.height - heights.reduce(0, +)
        for i in specs.indices {
            let more = min(left, max(0, specs[i].preferredHeight - heights[i]))
            heights[i] += more; left -= more
        }
        let growing = specs.indices.filter { specs[$0].grows }
        let takers = growing.isEmpty ? [specs.count - 1] : growing
        for (k, i) in takers.enumerated() {
            heights[i] += left / takers.count + (k < left % takers.count ? 1 : 0)
        }
        var y = column.y
        return specs.indices.map { i in
            defer { y += heights[i] }
            return PanelPlacement(panel: specs[i].panel, priority: specs[i].priority,
                                  rect: Rect(x: column.x, y: y, width: column.width, height: heights[i]))
        }
    }

    /// Which of a table's columns fit `width` (cells between columns: 1):
    /// the most important first (lower `priority`), shown in their own order.
    /// Returns the chosen indices in display order.
    static func columnsThatFit(widths: [Int], priorities: [Int], width: Int) -> [Int] {
        var chosen = Set<Int>()
        var used = 0
        for i in widths.indices.sorted(by: { (priorities[$0], $0) < (priorities[$1], $1) }) {
            let need = widths[i] + (chosen.isEmpty ? 0 : 1)
            if used + need <= width { chosen.insert(i); used += need }
            // Without its most important column (the name) a table says nothing.
            else if chosen.isEmpty { return [] }
        }
        return widths.indices.filter(chosen.contains)
    }
}
