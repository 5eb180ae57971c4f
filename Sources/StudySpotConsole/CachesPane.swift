import Foundation
import StudySpotCore
import TerminalUI

// The Caches pane: one row per Redis, plus the state cache's e-mail queue.

/// What the Caches pane knows.
public struct CachesState: Sendable, Equatable {
    /// Set when every configured cache has reported once (`snapshot` waits for it).
    public var loaded = false
    public var caches: [CacheHealth] = []
    /// The e-mail queue's length at each state-cache poll, oldest first (last 20).
    public var emailQueueHistory: [Int64] = []
    public init() {}
}

/// What the Caches pane's monitors report.
public typealias CachesEvent = HealthListEvent<CacheHealth>

extension CachesState: PaneModel {
    static let pane = Pane.caches
    static let minimumSize = Size(width: 60, height: 10)
    static let summary = "the Redis caches: reachability, memory against the limit, commands today, hit rate and the load balancer's state keys."

    /// Folds one monitor event into the state.
    static func update(_ state: State, _ event: CachesEvent) -> (State, [Effect]) {
        var s = state
        let checked = foldHealth(&s.caches.caches, event)
        if case .reading(let h) = event {
            if h.role == .state, let n = h.emailQueueLength {
                s.caches.emailQueueHistory = Array((s.caches.emailQueueHistory + [n]).suffix(20))
            }
            s.caches.loaded = checked
        }
        return (refreshAlerts(s), [])
    }

    /// One row per cache, then the state cache's e-mail queue.
    static func render(_ s: State, _ area: Rect, _ buffer: inout Buffer) {
        let list = s.caches.caches
        guard !list.isEmpty else { return renderWaiting(s, area, &buffer, "connecting to the caches…") }
        let state = list.first { $0.role == .state }
        let parts = Layout.split(area, .vertical, [.fill(1), .fixed(state == nil ? 0 : 4)])
        let block = Block(title: "Caches")
        buffer.render(block, in: parts[0], theme: s.theme)
        let inner = block.inner(parts[0]).inset(left: 1, right: 1)
        let gw = 12
        let cols: [TableColumn] = [
            TableColumn("NAME", width: .fixed(14)), TableColumn("STATE", width: .fixed(13)),
            TableColumn("LAT", width: .fixed(6), alignment: .right), TableColumn("MEMORY", width: .fill(1)),
            TableColumn("COMMANDS TODAY", width: .fill(1)), TableColumn("HIT", width: .fixed(5), alignment: .right),
            TableColumn("EVICT", width: .fixed(6), alignment: .right), TableColumn("CLIENTS", width: .fixed(7), alignment: .right),
        ]
        let rows: [[TableCell]] = shownCaches(s).map { h in
            let st = reachabilityCell(h.reachable)
            var mem = fmtBytes(h.usedMemoryBytes)
            var memRole: Role? = nil
            if let r = h.memoryRatio {
                mem = Gauge.bar(ratio: r, width: gw) + " \(fmtBytes(h.usedMemoryBytes))/\(fmtBytes(h.memoryLimitBytes))"
                memRole = usageRole(r)
            }
            var cmd = (h.commandsEstimated ? "≈" : "") + fmtCount(h.commandsToday)
            var cmdRole: Role? = nil
            if let c = h.commandsToday, let l = h.commandLimit, l > 0 {
                let r = Double(c) / Double(l)
                cmd = Gauge.bar(ratio: r, width: gw) + " " + cmd + "/" + fmtCount(l)
                cmdRole = usageRole(r)
            }
            return [TableCell(h.name), st, TableCell(fmtLatency(h.latency)), TableCell(mem, role: memRole),
                    TableCell(cmd, role: cmdRole), TableCell(fmtPercent(h.hitRate)), TableCell(fmtCount(h.evictedKeys)),
                    TableCell(fmtCount(h.clients))]
        }
        renderTableWithErrors(s, sortedTable(s, .caches, cols, rows),
                              errors: list.compactMap { h in h.error.map { (h.name, $0) } }, inner, &buffer)
        if let state {
            let q = Block(title: "E-mail queue (\(state.name))")
            buffer.render(q, in: parts[1], theme: s.theme)
            let qi = q.inner(parts[1]).inset(left: 1, right: 1)
            let len = state.emailQueueLength
            var line = "waiting \(fmtCount(len))"
            if let age = state.emailQueueOldestAge, (len ?? 0) > 0 { line += " · oldest \(fmtAge(age)) ago" }
            buffer.put(line, x: qi.x, y: qi.y, style: s.theme[(len ?? 0) > 0 ? .warning : .text], clip: qi)
            let hist = s.caches.emailQueueHistory.map(Double.init)
            buffer.put("trend " + sparkText(hist, width: 20), x: qi.x, y: qi.y + 1, style: s.theme[.muted], clip: qi)
        }
    }
}
