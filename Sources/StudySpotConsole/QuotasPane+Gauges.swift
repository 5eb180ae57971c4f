import Foundation
import StudySpotCore
import TerminalUI

/// The gauge list grouped by category, with the e-mail router and the
/// console's own cost below it.
func renderQuotaGauges(_ s: State, _ area: Rect, _ buffer: inout Buffer) {
    let gauges = shownGauges(s)
    let critical = s.quotas.gauges.filter { $0.severity == .critical }.count
    let warning = s.quotas.gauges.filter { $0.severity == .warning }.count
    var right = "c capacity · Enter details"
    if !s.searchQuery.isEmpty { right = "filter: \(s.searchQuery) · " + right }
    if s.paused { right = "paused · " + right }
    let block = Block(title: "Quotas · \(s.quotas.gauges.count) resources · \(critical) critical · \(warning) warning", rightTitle: right)
    buffer.render(block, in: area, theme: s.theme)
    let inner = block.inner(area).inset(left: 1, right: 1)
    guard !inner.isEmpty else { return }

    // Below the list: the router and the cost, as much as the height allows.
    let emailLines = quotaEmailLines(s, width: inner.width, compact: inner.height < 30)
    let costLines = quotaCostLines(s, width: inner.width, compact: inner.height < 30)
    let problemLines = s.quotas.problems.prefix(inner.height >= 30 ? 3 : 1).map { ("! " + $0, Role.warning) }
        + quotaDataProblemLines(s).prefix(inner.height >= 30 ? 3 : 1)
    let below = emailLines + costLines + problemLines
    let belowHeight = min(below.count, max(0, inner.height - 6))
    let parts = Layout.split(inner, .vertical, [.fill(1), .fixed(belowHeight)])
    renderGaugeTable(s, gauges, parts[0], &buffer)
    for (i, line) in below.prefix(belowHeight).enumerated() {
        buffer.put(TextFit.truncate(line.0, to: parts[1].width), x: parts[1].x, y: parts[1].y + i,
                   style: s.theme[line.1], clip: parts[1])
    }
}

private func renderGaugeTable(_ s: State, _ gauges: [QuotaGauge], _ area: Rect, _ buffer: inout Buffer) {
    let w = area.width
    let wide = w >= 150, medium = w >= 100
    var columns = [TableColumn("PROVIDER", width: .fixed(wide ? 16 : 12)), TableColumn("RESOURCE", width: .fixed(wide ? 20 : 13)),
                   TableColumn("USE", width: .fixed(wide ? 22 : medium ? 14 : 10)),
                   TableColumn("USED/LIMIT", width: .fixed(wide ? 24 : 17), alignment: .right),
                   TableColumn("%", width: .fixed(5), alignment: .right)]
    if medium { columns.append(TableColumn("BURN 24H", width: .fixed(10), alignment: .right)) }
    if wide { columns.append(TableColumn("BURN 7D", width: .fixed(10), alignment: .right)) }
    if medium { columns.append(TableColumn("PROJ", width: .fixed(6), alignment: .right)) }
    if wide {
        columns.append(TableColumn("RUNS OUT", width: .fixed(14)))
        columns.append(TableColumn("RESETS IN", width: .fixed(12)))
    } else {
        columns.append(TableColumn("OUTLOOK", width: .fixed(16)))
    }
    columns.append(TableColumn("NOTE", width: .fill(1)))

    var rows: [[TableCell]] = []
    var selectedRow: Int?
    let selection = gauges.isEmpty ? 0 : min(s.selection, gauges.count - 1)
    var index = 0
    var headers: [(row: Int, title: String)] = []
    // Sorted, the gauges are one flat list (k9s); in the pane's own order, grouped by category.
    let groups = s.sorts[.quotas] != nil ? [(title: String?.none, gauges: gauges)]
        : QuotaMath.grouped(gauges).map { (title: Optional(groupTitle($0.category, $0.gauges)), gauges: $0.gauges) }
    for group in groups {
        if let title = group.title {
            headers.append((rows.count, title))
            rows.append([TableCell("")])
        }
        for g in group.gauges {
            if index == selection { selectedRow = rows.count }
            rows.append(gaugeRow(g, s, columns: columns, barWidth: wide ? 22 : medium ? 14 : 10))
            index += 1
        }
    }
    if gauges.isEmpty { rows.append([TableCell("no quota matches the filter", role: .muted)]) }
    var table = sortedTable(s, .quotas, columns, rows)
    table.selected = selectedRow
    buffer.render(table, in: area, theme: s.theme)
    // Group titles span the whole row, which a table cell cannot: draw them over it.
    let first = Table.scrollOffset(selected: selectedRow, offset: 0, visibleRows: area.height - 1, rowCount: rows.count)
    for h in headers where h.row >= first && h.row - first < area.height - 1 {
        buffer.put(TextFit.truncate(h.title, to: area.width), x: area.x, y: area.y + 1 + h.row - first,
                   style: s.theme[.title], clip: area)
    }
}

/// "▸ Database (4 · 1 critical) ✕".
private func groupTitle(_ category: QuotaCategory, _ gauges: [QuotaGauge]) -> String {
    let worst = gauges.map(\.severity).max() ?? .unknown
    let counts = "\(gauges.count) · \(gauges.filter { $0.severity == .critical }.count) critical"
    return "▸ \(category.title) (\(counts))" + (worst == .critical ? " ✕" : "")
}

/// The gauge a table row shows (nil for a category's title row): the grouped list has a title row before each group.
func quotaGaugeIndex(_ s: State, tableRow: Int) -> Int? {
    guard s.sorts[.quotas] == nil else { return tableRow }
    var row = 0, index = 0
    for group in QuotaMath.grouped(visibleGauges(s)) {
        if tableRow == row { return nil }
        row += 1
        if tableRow < row + group.gauges.count { return index + tableRow - row }
        row += group.gauges.count; index += group.gauges.count
    }
    return nil
}

private func gaugeRow(_ g: QuotaGauge, _ s: State, columns: [TableColumn], barWidth: Int) -> [TableCell] {
    let role = QuotaText.role(g.severity)
    let bar: TableCell
    if g.isGone {
        bar = TableCell(barWidth >= 14 ? "✕ no free tier" : "✕ gone", role: .critical)
    } else if let p = g.percent {
        bar = TableCell(Gauge.bar(ratio: p / 100, width: barWidth), role: role)
    } else if g.entry.limit == nil {
        bar = TableCell("unlimited", role: .muted)
    } else {
        bar = TableCell("no data", role: .muted)
    }
    var cells: [TableCell] = [TableCell(g.entry.owner), TableCell(g.entry.resource, role: .muted), bar,
                              TableCell(QuotaText.used(g)),
                              TableCell(g.percent.map { "\(Int($0.rounded()))%" } ?? "–", role: role)]
    for c in columns.dropFirst(5) {
        switch c.title {
        case "BURN 24H": cells.append(TableCell(QuotaText.burn(g.burnPerDay24h), role: .muted))
        case "BURN 7D": cells.append(TableCell(QuotaText.burn(g.burnPerDay7d), role: .muted))
        case "PROJ":
            let over = (g.projectedPercent ?? 0) > 100
            cells.append(TableCell(g.projectedPercent.map { "\(Int($0.rounded()))%" } ?? "–", role: over ? .critical : .muted))
        case "RUNS OUT":
            let text = g.runsOutAt.map { $0 <= s.now ? "over limit" : CapacityFormat.day($0, relativeTo: s.now) } ?? "–"
            cells.append(TableCell(text, role: g.runsOutAt != nil ? .critical : .muted))
        case "RESETS IN":
            let text = g.resetsAt.map { QuotaText.duration($0.timeIntervalSince(s.now)) }
                ?? (g.entry.period.isRolling ? "rolling" : "never")
            cells.append(TableCell(text, role: .muted))
        case "OUTLOOK":
            cells.append(TableCell(QuotaText.outlook(g, now: s.now), role: g.runsOutAt != nil ? .critical : .muted))
        default:
            // Why the figure may be stale comes first, then where it came from
            // and how old it is, short (the detail spells it out).
            let failure = QuotaProvenanceText.failure(g, now: s.now, zone: s.zoneOffsets)
            let note = [failure, QuotaProvenanceText.short(g, now: s.now), QuotaText.note(g)]
                .compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " · ")
            cells.append(TableCell(note, role: failure != nil ? .warning : g.isGone ? .critical : .muted))
        }
    }
    return cells
}
