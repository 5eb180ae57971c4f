import Foundation
import StudySpotCore
import TerminalUI

// The Shards pane (issue 6): one row per PostgreSQL shard.

/// What the Shards pane knows.
public struct ShardsState: Sendable, Equatable {
    /// Set when every configured shard has reported once (`snapshot` waits for it).
    public var loaded = false
    /// Every configured shard in config order, with its latest reading.
    public var shards: [ShardHealth] = []
    public init() {}
}

/// What the Shards pane's monitors report.
public enum ShardsEvent: Sendable {
    /// The configured shards, before any reading (so `loaded` knows what to wait for).
    case configured([ShardHealth])
    case reading(ShardHealth)
}

/// Folds one monitor event into the state.
func updateShards(_ state: State, _ event: ShardsEvent) -> (State, [Effect]) {
    var s = state
    switch event {
    case .configured(let list): s.shards.shards = list
    case .reading(let h):
        if let i = s.shards.shards.firstIndex(where: { $0.name == h.name }) {
            // Keep the last good figures visible while a shard is unreachable.
            var merged = h
            if h.reachable == false {
                let old = s.shards.shards[i]
                merged.sizeBytes = old.sizeBytes; merged.usersEstimate = old.usersEstimate
                merged.bookingsEstimate = old.bookingsEstimate; merged.maxConnections = old.maxConnections
                merged.archiveBehind = old.archiveBehind
            }
            s.shards.shards[i] = merged
        } else {
            s.shards.shards.append(h)
        }
        s.shards.loaded = s.shards.shards.allSatisfy { $0.reachable != nil }
    }
    return (refreshAlerts(s), [])
}

/// Handles a key action while this pane is shown; nil when the pane does not handle it.
func performShards(_ state: State, _ action: ConsoleAction) -> (State, [Effect])? {
    nil
}

/// Draws the pane's body.
func renderShards(_ s: State, _ area: Rect, _ buffer: inout Buffer) {
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
    let rows: [[TableCell]] = list.map { h in
        let state: TableCell = switch h.reachable {
        case true?: TableCell("● reachable", role: .ok)
        case false?: TableCell("✕ unreachable", role: .critical)
        case nil: TableCell("? checking", role: .muted)
        }
        var size = fmtBytes(h.sizeBytes)
        var sizeRole: Role? = nil
        if let r = h.sizeRatio {
            size = Gauge.bar(ratio: r, width: gaugeW) + " \(fmtBytes(h.sizeBytes))/\(fmtBytes(h.limitBytes)) \(fmtPercent(r))"
            sizeRole = r >= 0.95 ? .critical : r >= 0.8 ? .warning : .ok
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
    renderTableWithErrors(s, Table(columns: cols, rows: rows, selected: min(max(0, s.selection), rows.count - 1)),
                          errors: list.compactMap { h in h.error.map { (h.name, $0) } }, inner, &buffer)
}

/// A table with one line per error under it (errors are too long for a column).
func renderTableWithErrors(_ s: State, _ table: Table, errors: [(String, String)], _ area: Rect, _ buffer: inout Buffer) {
    let n = min(errors.count, max(0, area.height - 3))
    buffer.render(table, in: Rect(x: area.x, y: area.y, width: area.width, height: area.height - n), theme: s.theme)
    for (i, e) in errors.prefix(n).enumerated() {
        buffer.put("✕ \(e.0): \(e.1)", x: area.x, y: area.bottom - n + i, style: s.theme[.critical], clip: area)
    }
}
