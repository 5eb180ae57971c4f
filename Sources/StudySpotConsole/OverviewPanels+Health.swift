import Foundation
import StudySpotCore
import TerminalUI

// The Overview's health panels: one row per instance, shard and cache.

func renderInstancesPanel(_ s: State, _ area: Rect, _ buffer: inout Buffer) {
    let list = s.instances.instances
    let inner = panelInner(s, "Instances", list.isEmpty ? nil : instanceCounts(list), area, &buffer)
    guard !list.isEmpty else { return panelWaiting(s, "probing the instances…", inner, &buffer) }
    let shares = s.instances.shares
    let total = SaturatingMath.sum(list.map(\.requestsToday))
    let cols: [PanelColumn<InstanceHealth>] = [
        PanelColumn(title: "NAME", width: 12, priority: 0) { i, _ in
            TableCell("\(i.displayState.symbol) \(i.name)", role: role(of: i.displayState))
        },
        PanelColumn(title: "STATE", width: 8, priority: 5) { i, _ in TableCell(i.displayState.rawValue, role: role(of: i.displayState)) },
        // Per minute, as the figures beside it: a sparkline shifting with every probe kept an idle terminal busy.
        PanelColumn(title: "LATENCY", width: 8, priority: 1, stretches: true) { i, w in
            let minutes = s.overview.latencies.perMinute(.instance(i.name))
            return TableCell(sparkText(minutes, width: min(w, MinuteLatencies.minutesKept)), role: .accent)
        },
        PanelColumn(title: "P50", width: 6, priority: 2, alignment: .right) { i, _ in
            TableCell(fmtLatency(minuteLatency(s, .instance(i.name), live: i.lastLatency)?.p50))
        },
        PanelColumn(title: "SHARE", width: 5, priority: 1, alignment: .right) { i, _ in TableCell(fmtPercent(shares[i.name] ?? 0)) },
        PanelColumn(title: "P95", width: 6, priority: 4, alignment: .right) { i, _ in
            TableCell(fmtLatency(minuteLatency(s, .instance(i.name), live: i.lastLatency)?.p95))
        },
        PanelColumn(title: "TODAY", width: 7, priority: 6, alignment: .right) { i, _ in TableCell.count(i.requestsToday) },
        PanelColumn(title: "DAY%", width: 5, priority: 7, alignment: .right) { i, _ in
            TableCell(total > 0 ? fmtPercent(Double(i.requestsToday) / Double(total)) : "-")
        },
        PanelColumn(title: "FAILS", width: 5, priority: 3, alignment: .right) { i, _ in
            TableCell("\(i.consecutiveFailures)", role: i.consecutiveFailures > 0 ? .warning : nil)
        },
        PanelColumn(title: "WHY", width: 34, priority: 8) { i, _ in
            TableCell(i.evidence(now: s.now, minutes: true), role: i.lastError != nil && i.displayState != .up ? .critical : .muted)
        },
    ]
    // When not every instance has a row, the worst ones keep theirs.
    let rows = inner.height > list.count ? list : list.enumerated().sorted {
        (instanceUrgency($0.element.displayState), $0.offset) < (instanceUrgency($1.element.displayState), $1.offset)
    }.map(\.element)
    renderPanelTable(s, cols, rows, inner, &buffer)
}

/// The Overview's latency of a source: its last full minute's, none while
/// its last reading failed (a source that stopped answering shows "-" at once).
func minuteLatency(_ s: State, _ source: MinuteLatencies.Source, live: Double?) -> MinuteLatencies.Figure? {
    live == nil ? nil : s.overview.latencies.shown(source)
}

/// Lower is worse: down first, then degraded and waking, healthy last.
private func instanceUrgency(_ state: InstanceState) -> Int {
    switch state {
    case .down: 0
    case .degraded, .waking: 1
    case .unknown: 2
    case .drained, .sleeping: 3
    case .up: 4
    }
}

func renderShardsPanel(_ s: State, _ area: Rect, _ buffer: inout Buffer) {
    let list = overviewShards(s)
    let up = list.filter { $0.reachable == true }.count
    let inner = panelInner(s, "Shards", list.isEmpty ? nil : "\(up)/\(list.count) up", area, &buffer)
    guard !list.isEmpty else { return panelWaiting(s, "connecting to the shards…", inner, &buffer) }
    let cols: [PanelColumn<ShardHealth>] = [
        PanelColumn(title: "NAME", width: 14, priority: 0) { h, _ in reachabilityName(h.name, h.reachable) },
        PanelColumn(title: "STORAGE", width: 8, priority: 1, stretches: true) { h, w in usageBar(h.sizeRatio, width: w) },
        PanelColumn(title: "USED", width: 4, priority: 1, alignment: .right) { h, _ in usagePercent(h.sizeRatio) },
        PanelColumn(title: "SIZE", width: 17, priority: 2, alignment: .right) { h, _ in
            usedOfLimit(h.sizeBytes, h.limitBytes)
        },
        PanelColumn(title: "CONNS", width: 7, priority: 2, alignment: .right) { h, _ in
            TableCell(h.connections.map { "\($0)/\(h.maxConnections.map(String.init) ?? "?")" } ?? "-",
                      shorter: [h.connections.map(String.init) ?? "-"])
        },
        PanelColumn(title: "LAT", width: 6, priority: 3, alignment: .right) { h, _ in
            TableCell(fmtLatency(minuteLatency(s, .shard(h.name), live: h.latency)?.p50))
        },
        PanelColumn(title: "ROLE", width: 8, priority: 4) { h, _ in TableCell(h.role.rawValue) },
        PanelColumn(title: "BOOKINGS≈", width: 9, priority: 5, alignment: .right) { h, _ in TableCell.count(h.bookingsEstimate ?? 0) },
    ]
    let drawn = renderPanelTable(s, cols, list, inner, &buffer)
    renderErrorsBelow(s, list.compactMap { h in h.error.map { (h.name, $0) } }, from: drawn, inner, &buffer)
}

func renderCachesPanel(_ s: State, _ area: Rect, _ buffer: inout Buffer) {
    let list = overviewCaches(s)
    let up = list.filter { $0.reachable == true }.count
    let inner = panelInner(s, "Caches", list.isEmpty ? nil : "\(up)/\(list.count) up", area, &buffer)
    guard !list.isEmpty else { return panelWaiting(s, "connecting to the caches…", inner, &buffer) }
    let cols: [PanelColumn<CacheHealth>] = [
        PanelColumn(title: "NAME", width: 16, priority: 0) { h, _ in reachabilityName(h.name, h.reachable) },
        PanelColumn(title: "MEMORY", width: 8, priority: 1, stretches: true) { h, w in usageBar(h.memoryRatio, width: w) },
        PanelColumn(title: "USED", width: 4, priority: 1, alignment: .right) { h, _ in usagePercent(h.memoryRatio) },
        PanelColumn(title: "MEMORY USED", width: 17, priority: 3, alignment: .right) { h, _ in
            usedOfLimit(h.usedMemoryBytes, h.memoryLimitBytes)
        },
        PanelColumn(title: "CMDS TODAY", width: 10, priority: 2, alignment: .right) { h, _ in
            TableCell.count(h.commandsToday ?? 0, prefix: h.commandsEstimated ? "≈" : "")
        },
        PanelColumn(title: "HIT", width: 5, priority: 4, alignment: .right) { h, _ in TableCell(fmtPercent(h.hitRate)) },
        PanelColumn(title: "LAT", width: 6, priority: 5, alignment: .right) { h, _ in
            TableCell(fmtLatency(minuteLatency(s, .cache(h.name), live: h.latency)?.p50))
        },
        PanelColumn(title: "CLIENTS", width: 7, priority: 6, alignment: .right) { h, _ in TableCell.count(h.clients ?? 0) },
    ]
    let drawn = renderPanelTable(s, cols, list, inner, &buffer)
    renderErrorsBelow(s, list.compactMap { h in h.error.map { (h.name, $0) } }, from: drawn, inner, &buffer)
}

/// "● neon" / "✕ neon" / "? neon": the name with its reachability.
private func reachabilityName(_ name: String, _ reachable: Bool?) -> TableCell {
    let r = reachabilityCell(reachable)
    return TableCell("\(r.text.prefix(1)) \(name)", role: r.role)
}

/// A usage bar coloured by how full it is; blank without a limit.
private func usageBar(_ ratio: Double?, width: Int) -> TableCell {
    guard let r = ratio else { return TableCell("no limit", role: .muted) }
    return TableCell(Gauge.bar(ratio: r, width: width), role: usageRole(r))
}

private func usagePercent(_ ratio: Double?) -> TableCell {
    TableCell(fmtPercent(ratio), role: ratio.map(usageRole))
}

/// Errors under the table's rows, as the Shards and Caches panes show them.
private func renderErrorsBelow(_ s: State, _ errors: [(String, String)], from drawn: Int, _ inner: Rect, _ buffer: inout Buffer) {
    let header = inner.height > drawn ? 1 : 0
    var y = inner.y + drawn + header
    for (name, error) in errors where y < inner.bottom {
        buffer.put("✕ \(name): \(error)", x: inner.x, y: y, style: s.theme[.critical], clip: inner)
        y += 1
    }
}

/// "21 MB/5.00 GB", or the used bytes alone where the column is narrow.
private func usedOfLimit(_ used: Int64?, _ limit: Int64?) -> TableCell {
    TableCell(limit.map { "\(fmtBytes(used))/\(fmtBytes($0))" } ?? fmtBytes(used), shorter: [fmtBytes(used)])
}
