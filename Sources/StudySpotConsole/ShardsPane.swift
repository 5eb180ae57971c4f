import Foundation
import StudySpotCore
import TerminalUI

// The Shards pane: one row per PostgreSQL shard.

/// What the Shards pane knows.
public struct ShardsState: Sendable, Equatable {
    /// Set when every configured shard has reported once (`snapshot` waits for it).
    public var loaded = false
    /// Every configured shard in config order, with its latest reading.
    public var shards: [ShardHealth] = []
    public init() {}
}

/// What the Shards pane's monitors report.
public typealias ShardsEvent = HealthListEvent<ShardHealth>

extension ShardsState: PaneModel {
    static let pane = Pane.shards
    static let minimumSize = Size(width: 60, height: 10)
    static let summary = "the PostgreSQL shards: reachability, latency, size against the free-tier limit, user ranges and connections."

    /// Folds one monitor event into the state.
    static func update(_ state: State, _ event: ShardsEvent) -> (State, [Effect]) {
        var s = state
        let checked = foldHealth(&s.shards.shards, event) { old, new in
            // Keep the last good figures visible while a shard is unreachable.
            guard new.reachable == false else { return new }
            var merged = new
            merged.sizeBytes = old.sizeBytes; merged.usersEstimate = old.usersEstimate
            merged.bookingsEstimate = old.bookingsEstimate; merged.maxConnections = old.maxConnections
            merged.archiveBehind = old.archiveBehind
            return merged
        }
        if case .reading = event { s.shards.loaded = checked }
        return (refreshAlerts(s), [])
    }

    /// One row per shard, errors under the table.
    static func render(_ s: State, _ area: Rect, _ buffer: inout Buffer) {
        let list = s.shards.shards
        guard !list.isEmpty else { return renderWaiting(s, area, &buffer, "connecting to the shards…") }
        let up = list.filter { $0.reachable == true }.count
        let block = Block(title: "Shards", rightTitle: "● \(up) reachable" + (up < list.count ? "  ✕ \(list.count - up) not" : ""))
        buffer.render(block, in: area, theme: s.theme)
        let inner = block.inner(area).inset(left: 1, right: 1)
        let gaugeW = 8
        let cols: [TableColumn] = [
            TableColumn("NAME", width: .fixed(11)), TableColumn("STATE", width: .fixed(13)),
            TableColumn("LAT", width: .fixed(6), alignment: .right), TableColumn("ROLE", width: .fixed(8)),
            TableColumn("USERS", width: .fixed(11)), TableColumn("SIZE / FREE TIER", width: .fixed(gaugeW + 20)),
            TableColumn("CONNS", width: .fixed(6), alignment: .right), TableColumn("USERS≈", width: .fixed(7), alignment: .right),
            TableColumn("BOOKINGS≈", width: .fixed(9), alignment: .right), TableColumn("NOTES", width: .fill(1)),
        ]
        let rows: [[TableCell]] = shownShards(s).map { h in
            let state = reachabilityCell(h.reachable)
            var size = fmtBytes(h.sizeBytes)
            var sizeRole: Role? = nil
            if let r = h.sizeRatio {
                size = Gauge.bar(ratio: r, width: gaugeW) + " \(fmtBytes(h.sizeBytes))/\(fmtBytes(h.limitBytes)) \(fmtPercent(r))"
                sizeRole = usageRole(r)
            } else if h.limitBytes == nil {
                size += " no free tier" + (h.planText.map { " (plan \($0))" } ?? "")
            }
            let conns = h.connections.map { "\($0)/\(h.maxConnections.map(String.init) ?? "?")" } ?? "-"
            var notes: [String] = []
            if h.archiveBehind == true { notes.append("archive behind") }
            if h.error != nil { notes.append("see below") }
            return [TableCell(h.name), state, TableCell(fmtLatency(h.latency)), TableCell(h.role.rawValue),
                    TableCell(h.users?.description ?? "-"), TableCell(size, role: sizeRole), TableCell(conns),
                    TableCell(fmtCount(h.usersEstimate)), TableCell(fmtCount(h.bookingsEstimate)),
                    TableCell(notes.joined(separator: "; "), role: h.error != nil ? .critical : (notes.isEmpty ? nil : .warning))]
        }
        renderTableWithErrors(s, sortedTable(s, .shards, cols, rows),
                              errors: list.compactMap { h in h.error.map { (h.name, $0) } }, inner, &buffer)
    }
}
