import Foundation
import StudySpotCore
import TerminalUI

/// One provider opened with Enter: every resource it has, with its history
/// sparkline, the plan's figure against the current term, source and date.
func renderQuotaDetail(_ s: State, _ provider: String, _ area: Rect, _ buffer: inout Buffer) {
    let gauges = s.quotas.gauges.filter { $0.entry.provider == provider }
    let gone = gauges.contains { $0.isGone }
    let block = Block(title: provider + (gone ? " · ✕ no free tier any more" : ""), rightTitle: "Esc back",
                      titleRole: gone ? .critical : .title)
    buffer.render(block, in: area, theme: s.theme)
    let inner = block.inner(area).inset(left: 1, right: 1)
    guard !inner.isEmpty else { return }
    var y = inner.y
    // Long facts wrap onto the next lines; `y` ends on the last line written.
    func put(_ text: String, _ role: Role) {
        let lines = TextFit.wrap(text, width: inner.width)
        for (i, line) in lines.enumerated() where y < inner.bottom {
            buffer.put(line, x: inner.x, y: y, style: s.theme[role], clip: inner)
            if i < lines.count - 1 { y += 1 }
        }
    }
    for g in gauges {
        let head = "\(g.entry.resource)\(g.entry.account.map { " @\($0)" } ?? "") · \(QuotaText.used(g)) · \(g.percent.map { "\(Int($0.rounded()))%" } ?? "–") · \(g.entry.period.rawValue) · \(QuotaText.outlook(g, now: s.now))"
        put(head, QuotaText.role(g.severity)); y += 1
        // The period's chart where a few rows are left for it, else the sparkline of the latest samples.
        let chartHeight = inner.height >= 30 ? 8 : 6
        if y + chartHeight + 4 <= inner.bottom {
            let chart = QuotaChart.input(g, now: s.now, points: max(2, inner.width))
            if let chart {
                buffer.render(LineChart(values: chart.values, xLabels: chart.xLabels, guides: chart.guides),
                              in: Rect(x: inner.x, y: y, width: inner.width, height: chartHeight), theme: s.theme)
                y += chartHeight
            } else {
                put("no samples yet in this period", .muted); y += 1
            }
        } else {
            let spark = "history " + Sparkline.line(g.history, width: max(0, min(48, inner.width - 10)))
            put(spark, .accent); y += 1
        }
        put("plan: \(g.entry.planText) · now: \(g.entry.currentText)", g.isGone ? .critical : .text); y += 1
        var facts = "source: \(g.entry.source), \(g.entry.checked) · verdict \(g.entry.verdict.rawValue)"
        facts += " · burn \(QuotaText.burn(g.burnPerDay24h)) (24h) \(QuotaText.burn(g.burnPerDay7d)) (7d)"
        if let m = g.measured { facts += " · measured \(QuotaText.amount(m)) \(g.entry.unit)" }
        put(facts, .muted); y += 1
        put(quotaFigureLine(g, s), .muted); y += 1
        if let failure = QuotaProvenanceText.failure(g, now: s.now, zone: s.zoneOffsets) {
            put("collector \(g.collector?.collectorName ?? provider): \(failure)", .warning); y += 1
        }
        y += 1
    }
    if gauges.isEmpty { put("no resources for \(provider)", .muted) }
}

/// "figure: Netlify API · 6 min ago · account render-2 · API says limit 300 credits".
private func quotaFigureLine(_ g: QuotaGauge, _ s: State) -> String {
    var parts = ["figure: " + (QuotaProvenanceText.figure(g, now: s.now) ?? "unknown (no sample yet)")]
    if let a = g.entry.account { parts.append("account \(a)") }
    if let api = QuotaProvenanceText.apiLimit(g) { parts.append(api) }
    if let c = g.collector, !c.isFailing {
        parts.append("collector ok" + (c.lastSuccessAt.map { " " + QuotaProvenanceText.age(s.now.timeIntervalSince($0)) } ?? "")
                     + " · \(c.callsToday) call\(c.callsToday == 1 ? "" : "s") today")
    }
    return parts.joined(separator: " · ")
}
