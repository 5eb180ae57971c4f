import Foundation
import StudySpotCore
import TerminalUI

// The Overview pane: the worst of everything on one screen. It has no
// monitor of its own; it reads the other panes' state.

/// What the Overview pane knows.
public struct OverviewState: Sendable, Equatable {
    /// Set together with the alerts (instances, shards and caches have all reported).
    public var loaded = false
    public init() {}
}

/// What the Overview pane's monitors report (none: it reads the other panes).
public enum OverviewEvent: Sendable {
    case placeholder
}

extension OverviewState: PaneModel {
    static let pane = Pane.overview
    static let minimumSize = Size(width: 80, height: 20)
    static let summary = "the worst of everything on one screen: instance, shard and cache health, traffic shares, today's bookings with a per-minute chart, the quotas closest to their limits, and the latest alerts."

    static func update(_ state: State, _ event: OverviewEvent) -> (State, [Effect]) {
        (state, [])
    }

    static func render(_ s: State, _ area: Rect, _ buffer: inout Buffer) {
        var notes: [String] = []
        if s.paused { notes.append("paused") }
        if !s.searchQuery.isEmpty { notes.append("filter: \(s.searchQuery)") }
        if let st = s.monitorStatus[Pane.overview.rawValue] { notes.append(st) }
        let outer = Block(title: "Overview", rightTitle: notes.isEmpty ? nil : notes.joined(separator: " · "))
        buffer.render(outer, in: area, theme: s.theme)
        let rows = Layout.split(outer.inner(area), .vertical, [.fixed(6), .fill(1)])
        let top = Layout.split(rows[0], .horizontal, [.percentage(50), .fill(1)])
        let bottom = Layout.split(rows[1], .horizontal, [.percentage(55), .fill(1)])
        renderHealthBox(s, top[0], &buffer)
        renderBookingsBox(s, top[1], &buffer)
        renderTopAlerts(s, bottom[0], &buffer)
        renderClosestQuotas(s, bottom[1], &buffer)
    }
}

/// The three quotas closest to their limits (highest projected or current percent).
func closestQuotas(_ gauges: [QuotaGauge], count: Int = 3) -> [QuotaGauge] {
    func key(_ g: QuotaGauge) -> Double { max(g.percent ?? -1, min(g.projectedPercent ?? -1, 999)) }
    return Array(gauges.filter { $0.percent != nil }.sorted { key($0) > key($1) }.prefix(count))
}

private func renderHealthBox(_ s: State, _ area: Rect, _ buffer: inout Buffer) {
    let block = Block(title: "Health")
    buffer.render(block, in: area, theme: s.theme)
    let inner = block.inner(area).inset(left: 1, right: 1)
    let t = s.theme
    func line(_ y: Int, _ label: String, _ parts: [(String, Role)]) {
        var x = inner.x + buffer.put(TextFit.pad(label, to: 11), x: inner.x, y: inner.y + y, style: t[.muted], clip: inner)
        for (text, role) in parts { x += buffer.put(text + "  ", x: x, y: inner.y + y, style: t[role], clip: inner) }
    }
    let inst = s.instances.instances
    var ip: [(String, Role)] = [("● \(inst.filter { $0.displayState == .up }.count) up", .ok)]
    for st in [InstanceState.degraded, .waking, .sleeping, .drained, .down] {
        let n = inst.filter { $0.displayState == st }.count
        if n > 0 { ip.append(("\(st.symbol) \(n) \(st.rawValue)", role(of: st))) }
    }
    line(0, "Instances", inst.isEmpty ? [("…", .muted)] : ip)
    func reach(_ names: [(String, Bool?)]) -> [(String, Role)] {
        guard !names.isEmpty else { return [("…", .muted)] }
        let down = names.filter { $0.1 == false }.map(\.0)
        var p: [(String, Role)] = [("● \(names.filter { $0.1 == true }.count) up", .ok)]
        if !down.isEmpty { p.append(("✕ \(down.count) (\(down.joined(separator: ", ")))", .critical)) }
        return p
    }
    line(1, "Shards", reach(s.shards.shards.map { ($0.name, $0.reachable) }))
    line(2, "Caches", reach(s.caches.caches.map { ($0.name, $0.reachable) }))
    line(3, "Traffic", [(inst.isEmpty ? "…" : LoadBalancer.describe(inst.members, maxWidth: max(0, inner.width - 13)), .text)])
}

private func renderBookingsBox(_ s: State, _ area: Rect, _ buffer: inout Buffer) {
    let block = Block(title: "Bookings today")
    buffer.render(block, in: area, theme: s.theme)
    let inner = block.inner(area).inset(left: 1, right: 1)
    let b = s.bookings
    guard b.loaded || !b.today.isEmpty || !b.perMinute.isEmpty else {
        buffer.put("waiting for the booking feed…", x: inner.x, y: inner.y, style: s.theme[.muted], clip: inner); return
    }
    let names = [("reserved", "reserved"), ("checked_in", "checked in"), ("completed", "completed"), ("cancelled", "cancelled"), ("no_show", "no-show")]
    let line = names.map { "\($0.1) \(fmtCount(Int64(b.today[$0.0] ?? 0)))" }.joined(separator: "  ")
    buffer.put(line, x: inner.x, y: inner.y, style: s.theme[.text], clip: inner)
    if !b.perMinute.isEmpty {
        drawMinuteChart(s, Rect(x: inner.x, y: inner.y + 1, width: inner.width, height: max(0, inner.height - 1)), &buffer)
    }
}

private func renderTopAlerts(_ s: State, _ area: Rect, _ buffer: inout Buffer) {
    let list = s.alerts.alerts
    let block = Block(title: "Alerts", rightTitle: list.isEmpty ? nil : "\(list.count) · 8 for all")
    buffer.render(block, in: area, theme: s.theme)
    let inner = block.inner(area).inset(left: 1, right: 1)
    guard !list.isEmpty else {
        buffer.put(s.alerts.loaded ? "● no alerts" : "waiting for every monitor…", x: inner.x, y: inner.y,
                   style: s.theme[s.alerts.loaded ? .ok : .muted], clip: inner)
        return
    }
    for (i, a) in list.prefix(inner.height).enumerated() {
        let r: Role = a.acknowledged ? .muted : (a.severity == .critical ? .critical : .warning)
        let text = "\(a.severity == .critical ? "✕" : "⚠") \(clock(a.since, s).prefix(5)) \(a.message) (\(sinceMinutes(s, a.since)))"
        buffer.put(text, x: inner.x, y: inner.y + i, style: s.theme[r], clip: inner)
    }
}

private func renderClosestQuotas(_ s: State, _ area: Rect, _ buffer: inout Buffer) {
    let block = Block(title: "Closest to their limits")
    buffer.render(block, in: area, theme: s.theme)
    let inner = block.inner(area).inset(left: 1, right: 1)
    let top = closestQuotas(s.quotas.gauges)
    guard !top.isEmpty else {
        buffer.put("waiting for quota figures…", x: inner.x, y: inner.y, style: s.theme[.muted], clip: inner); return
    }
    for (i, g) in top.enumerated() where i * 2 < inner.height {
        let p = (g.percent ?? 0) / 100
        let sev = AlertRules.quotaSeverity(g)
        let label = "\(g.entry.owner) \(g.entry.resource)"
        var tail = " \(Int(((g.percent ?? 0)).rounded()))%"
        if let pp = g.projectedPercent { tail += " · on pace for \(Int(pp.rounded()))%" }
        buffer.put(TextFit.truncate(label, to: inner.width) , x: inner.x, y: inner.y + i * 2, style: s.theme[.text], clip: inner)
        let barW = max(0, min(24, inner.width - DisplayWidth.of(tail) - 1))
        let y = inner.y + i * 2 + 1
        guard y < inner.bottom else { break }
        let x = inner.x + buffer.put(Gauge.bar(ratio: p, width: barW), x: inner.x, y: y,
                                     style: s.theme[sev == .critical ? .critical : sev == .warning ? .warning : .ok], clip: inner)
        buffer.put(tail, x: x, y: y, style: s.theme[.muted], clip: inner)
    }
}
