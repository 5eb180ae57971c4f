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
        let head = "\(g.entry.resource) · \(QuotaText.used(g)) · \(g.percent.map { "\(Int($0.rounded()))%" } ?? "–") · \(g.entry.period.rawValue) · \(QuotaText.outlook(g, now: s.now))"
        put(head, QuotaText.role(g.severity)); y += 1
        let spark = "history " + Sparkline.line(g.history, width: max(0, min(48, inner.width - 10)))
        put(spark, .accent); y += 1
        put("plan: \(g.entry.planText) · now: \(g.entry.currentText)", g.isGone ? .critical : .text); y += 1
        var facts = "source: \(g.entry.source), \(g.entry.checked) · verdict \(g.entry.verdict.rawValue)"
        facts += " · burn \(QuotaText.burn(g.burnPerDay24h)) (24h) \(QuotaText.burn(g.burnPerDay7d)) (7d)"
        if let m = g.measured { facts += " · measured \(QuotaText.amount(m)) \(g.entry.unit)" }
        put(facts, .muted); y += 2
    }
    if gauges.isEmpty { put("no resources for \(provider)", .muted) }
}
