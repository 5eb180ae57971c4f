import Foundation
import StudySpotCore
import TerminalUI

/// The role an instance state is drawn in.
func role(of state: InstanceState) -> Role {
    switch state {
    case .up: .ok
    case .degraded, .waking: .warning
    case .down: .critical
    case .sleeping, .drained, .unknown: .muted
    }
}

extension InstancesState {
    /// Draws the failover chain above the instance table.
    static func render(_ s: State, _ area: Rect, _ buffer: inout Buffer) {
        let st = s.instances
        guard !st.instances.isEmpty else { return renderWaiting(s, area, &buffer, "probing instances…") }
        let parts = Layout.split(area, .vertical, [.fixed(4), .fill(1)])
        let members = st.instances.members
        let sel = selectedInstance(s)
        let chain = Block(title: "Failover", rightTitle: st.stateCacheError.map { "state cache: \($0)" })
        buffer.render(chain, in: parts[0], theme: s.theme)
        let inner = chain.inner(parts[0]).inset(left: 1, right: 1)
        buffer.put("Traffic now: " + LoadBalancer.describe(members), x: inner.x, y: inner.y, style: s.theme[.text], clip: inner)
        if let sel {
            let ifDown = LoadBalancer.describe(LoadBalancer.ifDown(sel.name, members))
            buffer.put("If \(sel.name) fails → " + ifDown, x: inner.x, y: inner.y + 1, style: s.theme[.muted], clip: inner)
        }

        let block = Block(title: "Instances", rightTitle: instanceCounts(st.instances))
        buffer.render(block, in: parts[1], theme: s.theme)
        let body = block.inner(parts[1]).inset(left: 1, right: 1)
        let cols: [TableColumn] = [
            TableColumn("NAME", width: .fixed(10)), TableColumn("STATE", width: .fixed(11)),
            TableColumn("LAST", width: .fixed(6), alignment: .right), TableColumn("P50", width: .fixed(6), alignment: .right),
            TableColumn("P95", width: .fixed(6), alignment: .right), TableColumn("P99", width: .fixed(6), alignment: .right),
            TableColumn("FAILS", width: .fixed(5), alignment: .right), TableColumn("WEIGHT", width: .fixed(6), alignment: .right),
            // Requests routed today and their part of the day's total, beside
            // the share the rule gives it now: one value under each header.
            TableColumn("PRI", width: .fixed(3), alignment: .right), TableColumn("TODAY", width: .fixed(7), alignment: .right),
            TableColumn("DAY%", width: .fixed(5), alignment: .right),
            TableColumn("SHARE", width: .fixed(5), alignment: .right), TableColumn("WHY", width: .fill(1)),
            TableColumn("LATENCY", width: .fixed(10)),
        ]
        let totalToday = SaturatingMath.sum(st.instances.map(\.requestsToday))
        let shares = st.shares
        let rows: [[TableCell]] = shownInstances(s).map { i in
            let d = i.displayState
            // Why the state is believed; a failure streak's age; a certificate near its end.
            var why = i.evidence(now: s.now)
            if i.lastError != nil, let since = i.failingSince { why += " (failing \(fmtAge(s.now.timeIntervalSince(since))))" }
            var whyRole: Role? = i.lastError != nil && d != .up ? .critical : nil
            if i.certificateWarning(now: s.now) != nil, let days = i.certificateDaysLeft(now: s.now) {
                why = (days < 0 ? "⚠ cert expired; " : "⚠ cert \(days)d left; ") + why; whyRole = whyRole ?? .warning
            }
            var weight = i.effectiveWeight == i.configuredWeight ? "\(i.effectiveWeight)" : "\(i.effectiveWeight)/\(i.configuredWeight)"
            if i.effectiveWeight < 0 { weight = "⚠" + weight }
            let todayShare = totalToday > 0 ? fmtPercent(Double(i.requestsToday) / Double(totalToday)) : "-"
            return [
                TableCell(i.name), TableCell("\(d.symbol) \(d.rawValue)", role: role(of: d)),
                TableCell(fmtLatency(i.lastLatency)), TableCell(fmtLatency(i.latencies.p50)),
                TableCell(fmtLatency(i.latencies.p95)), TableCell(fmtLatency(i.latencies.p99)),
                TableCell("\(i.consecutiveFailures)", role: i.consecutiveFailures > 0 ? .warning : nil),
                TableCell(weight, role: i.effectiveWeight < 0 ? .warning : i.effectiveWeight == i.configuredWeight ? nil : .accent), TableCell("\(i.priority)"),
                TableCell.count(i.requestsToday, prefix: i.requestsToday < 0 ? "⚠" : "", role: i.requestsToday < 0 ? .warning : nil),
                TableCell(todayShare), TableCell(fmtPercent(shares[i.name] ?? 0)),
                TableCell(why, role: whyRole), TableCell(sparkText(i.latencies.samples, width: 10), role: .accent),
            ]
        }
        let tableArea = Rect(x: body.x, y: body.y, width: body.width, height: max(0, body.height - 2))
        buffer.render(sortedTable(s, .instances, cols, rows), in: tableArea, theme: s.theme)
        if body.height > 1, let sel {
            var d = "\(sel.name) (\(sel.provider)\(sel.sleeps ? ", sleeps when idle" : "")): version \(sel.version ?? "-"), up \(fmtAge(sel.uptimeSeconds))"
            d += ", heartbeat " + (sel.heartbeatAt.map { "\(fmtAge(s.now.timeIntervalSince($0))) ago" } ?? "none")
            d += ", \(sel.probes) probe\(sel.probes == 1 ? "" : "s")"
            if let e = sel.lastError { d += ", last error: \(e)" }
            if let w = sel.certificateWarning(now: s.now) { d += ", \(w)" }
            else if let days = sel.certificateDaysLeft(now: s.now) { d += ", certificate \(days) days left" }
            buffer.put(d, x: body.x, y: body.bottom - 2, style: s.theme[.text], clip: body)
        }
        if body.height > 0 {
            let refused = s.keyMap.action(id: .drain).map { KeyMap.gate($0, s.gateContext) != .allowed } ?? false
            let hint = refused ? "drain and weight are off (\(s.readOnly ? "read-only" : s.role.rawValue))"
                : "\(keyName(s, .drain)) drain/undrain  \(keyName(s, .setWeight)) weight  ↑↓ select"
            buffer.put(hint, x: body.x, y: body.bottom - 1, style: s.theme[.muted], clip: body)
        }
    }
}

/// "● 3 up ◐ 1 ✕ 1" for a block title.
func instanceCounts(_ list: [InstanceHealth]) -> String {
    let up = list.filter { $0.displayState == .up }.count
    let down = list.filter { $0.displayState == .down }.count
    let other = list.count - up - down
    var parts = ["● \(up) up"]
    if other > 0 { parts.append("◐ \(other) other") }
    if down > 0 { parts.append("✕ \(down) down") }
    return parts.joined(separator: "  ")
}

/// A pane whose monitor has not reported yet.
func renderWaiting(_ s: State, _ area: Rect, _ buffer: inout Buffer, _ text: String) {
    let block = Block(title: s.pane.title)
    buffer.render(block, in: area, theme: s.theme)
    var t = text
    if let st = s.monitorStatus[s.pane.rawValue] { t += "\n" + st }
    buffer.render(Paragraph(t, role: .muted), in: block.inner(area).inset(left: 1, right: 1), theme: s.theme)
}
