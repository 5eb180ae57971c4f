import Foundation
import StudySpotCore
import TerminalUI

// The Overview's list panels: alerts, the quotas closest to their limits,
// the e-mail router. Each shows as many rows as its panel has.

func renderAlertsPanel(_ s: State, _ area: Rect, _ buffer: inout Buffer) {
    let list = s.alerts.alerts
    let inner = panelInner(s, "Alerts", list.isEmpty ? nil : "\(list.count) · 8 for all", area, &buffer)
    guard !list.isEmpty else {
        buffer.put(s.alerts.loaded ? "● no alerts" : "waiting for every monitor…", x: inner.x, y: inner.y,
                   style: s.theme[s.alerts.loaded ? .ok : .muted], clip: inner)
        return
    }
    for (i, a) in list.prefix(max(0, inner.height)).enumerated() {
        let r: Role = a.acknowledged ? .muted : (a.severity == .critical ? .critical : .warning)
        // The time and age first: a long message cuts its own end, not when it began.
        let text = "\(a.severity == .critical ? "✕" : "⚠") \(clock(a.since, s).prefix(5)) \(TextFit.pad(overviewAlertAge(s.now.timeIntervalSince(a.since)), to: 3, .right))  \(a.message)"
        buffer.put(text, x: inner.x, y: inner.y + i, style: s.theme[r], clip: inner)
    }
}

/// Every quota with a figure, closest to its limit first (the higher of
/// now and on pace), at most `count`.
func closestQuotas(_ gauges: [QuotaGauge], count: Int = 3) -> [QuotaGauge] {
    // On the whole percents the panel shows, ties by name: two gauges a fraction
    // apart swapped places with every report while their rows read the same.
    func key(_ g: QuotaGauge) -> Double { max(g.percent ?? -1, min(g.projectedPercent ?? -1, 999)).rounded() }
    func name(_ g: QuotaGauge) -> String { g.entry.key }
    return Array(gauges.filter { $0.percent != nil }.sorted {
        key($0) != key($1) ? key($0) > key($1) : name($0) < name($1)
    }.prefix(count))
}

func renderQuotasPanel(_ s: State, _ area: Rect, _ buffer: inout Buffer) {
    let inner = panelInner(s, "Closest to their limits", nil, area, &buffer)
    let top = closestQuotas(s.quotas.gauges, count: max(0, inner.height))
    guard !top.isEmpty else { return panelWaiting(s, "waiting for quota figures…", inner, &buffer) }
    func sev(_ g: QuotaGauge) -> Role { AlertRules.quotaSeverity(g).map(QuotaText.role) ?? .ok }
    let cols: [PanelColumn<QuotaGauge>] = [
        PanelColumn(title: "QUOTA", width: 22, priority: 0) { g, _ in TableCell("\(g.entry.owner) \(g.entry.resource)") },
        PanelColumn(title: "USED", width: 6, priority: 1, stretches: true) { g, w in
            TableCell(Gauge.bar(ratio: (g.percent ?? 0) / 100, width: w), role: sev(g))
        },
        PanelColumn(title: "NOW", width: 5, priority: 0, alignment: .right) { g, _ in
            TableCell("\(Int((g.percent ?? 0).rounded()))%", role: sev(g))
        },
        PanelColumn(title: "ON PACE", width: 7, priority: 2, alignment: .right) { g, _ in
            TableCell(g.projectedPercent.map { "\(Int(min($0, 99_999).rounded()))%" } ?? "-")
        },
        PanelColumn(title: "USED / LIMIT", width: 22, priority: 3, alignment: .right) { g, _ in TableCell(QuotaText.used(g)) },
        PanelColumn(title: "OUTLOOK", width: 16, priority: 4) { g, _ in TableCell(QuotaText.outlook(g, now: s.now), role: .muted) },
    ]
    renderPanelTable(s, cols, top, inner, &buffer)
}

func renderEmailPanel(_ s: State, _ area: Rect, _ buffer: inout Buffer) {
    let inner = panelInner(s, "E-mail router", nil, area, &buffer)
    guard let e = s.quotas.email else { return panelWaiting(s, "no counters yet", inner, &buffer) }
    guard !inner.isEmpty else { return }
    var head = "next → \(e.next ?? "none, mail queues") · queue \(groupedNumber(e.queueLength))"
    if let at = e.oldestQueuedAt, e.queueLength > 0 { head += " · oldest \(QuotaText.duration(s.now.timeIntervalSince(at))) ago" }
    buffer.put(head, x: inner.x, y: inner.y, style: s.theme[e.next == nil ? .critical : e.queueLength > 0 ? .warning : .accent], clip: inner)
    func limits(_ sent: Int, _ limit: Int?) -> String { limit.map { "\(groupedNumber(sent))/\(groupedNumber($0))" } ?? groupedNumber(sent) }
    typealias Sender = EmailRouterStatus.Sender
    let cols: [PanelColumn<Sender>] = [
        PanelColumn(title: "SENDER", width: 16, priority: 0) { x, _ in
            TableCell(x.provider + (x.provider == e.next ? " ←" : ""), role: x.gone ? .critical : x.provider == e.next ? .accent : nil)
        },
        PanelColumn(title: "TODAY", width: 13, priority: 1, alignment: .right) { x, _ in
            TableCell(limits(x.sentToday, x.dailyLimit), shorter: [groupedNumber(x.sentToday)])
        },
        PanelColumn(title: "MONTH", width: 15, priority: 2, alignment: .right) { x, _ in
            TableCell(limits(x.sentThisMonth, x.monthlyLimit), shorter: [groupedNumber(x.sentThisMonth)])
        },
        PanelColumn(title: "NOTE", width: 16, priority: 3) { x, _ in
            TableCell(x.gone ? "✕ no free tier" : "", role: .critical)
        },
    ]
    renderPanelTable(s, cols, e.senders, Rect(x: inner.x, y: inner.y + 1, width: inner.width, height: max(0, inner.height - 1)), &buffer)
}
