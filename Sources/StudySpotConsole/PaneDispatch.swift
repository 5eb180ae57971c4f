import Foundation
import TerminalUI

// One place that routes to each pane's own file, so the panes can grow
// independently.

func updateData(_ s: State, _ m: MonitorEvent) -> (State, [Effect]) {
    switch m {
    case .status(let source, let text):
        var s = s
        s.monitorStatus[source] = text
        return (s, [])
    case .overview(let e): return updateOverview(s, e)
    case .bookings(let e): return updateBookings(s, e)
    case .seats(let e): return updateSeats(s, e)
    case .quotas(let e): return updateQuotas(s, e)
    case .instances(let e): return updateInstances(s, e)
    case .shards(let e): return updateShards(s, e)
    case .caches(let e): return updateCaches(s, e)
    case .alerts(let e): return updateAlerts(s, e)
    }
}

func performPaneAction(_ s: State, _ action: ConsoleAction) -> (State, [Effect])? {
    switch s.pane {
    case .overview: performOverview(s, action)
    case .bookings: performBookings(s, action)
    case .seats: performSeats(s, action)
    case .quotas: performQuotas(s, action)
    case .instances: performInstances(s, action)
    case .shards: performShards(s, action)
    case .caches: performCaches(s, action)
    case .alerts: performAlerts(s, action)
    }
}

func renderPaneBody(_ s: State, _ area: Rect, _ buffer: inout Buffer) {
    switch s.pane {
    case .overview: renderOverview(s, area, &buffer)
    case .bookings: renderBookings(s, area, &buffer)
    case .seats: renderSeats(s, area, &buffer)
    case .quotas: renderQuotas(s, area, &buffer)
    case .instances: renderInstances(s, area, &buffer)
    case .shards: renderShards(s, area, &buffer)
    case .caches: renderCaches(s, area, &buffer)
    case .alerts: renderAlerts(s, area, &buffer)
    }
}

/// The box a pane draws before its data exists.
func renderPlaceholder(_ s: State, _ area: Rect, _ buffer: inout Buffer) {
    var notes: [String] = []
    if s.paused { notes.append("paused") }
    if !s.searchQuery.isEmpty { notes.append("filter: \(s.searchQuery)") }
    let block = Block(title: s.pane.title, rightTitle: notes.isEmpty ? nil : notes.joined(separator: " · "))
    buffer.render(block, in: area, theme: s.theme)
    let inner = block.inner(area).inset(left: 1, right: 1)
    var text = "Coming in a later issue: " + s.pane.placeholder
    if let st = s.monitorStatus[s.pane.rawValue] { text += "\n\n" + st }
    buffer.render(Paragraph(text, role: .muted), in: inner, theme: s.theme)
}
