import Foundation
import TerminalUI

// Routes monitor events, key actions and drawing to the panes' models.

func updateData(_ s: State, _ m: MonitorEvent) -> (State, [Effect]) {
    switch m {
    case .status(let source, let text):
        var s = s
        s.monitorStatus[source] = text
        return (s, [])
    case .overview(let e): return OverviewState.update(s, e)
    case .bookings(let e): return BookingsState.update(s, e)
    case .seats(let e): return SeatsState.update(s, e)
    case .quotas(let e): return QuotasState.update(s, e)
    case .instances(let e): return InstancesState.update(s, e)
    case .shards(let e): return ShardsState.update(s, e)
    case .caches(let e): return CachesState.update(s, e)
    case .alerts(let e): return AlertsState.update(s, e)
    case .events(let e): return EventsState.update(s, e)
    }
}

func performPaneAction(_ s: State, _ action: ConsoleAction) -> (State, [Effect])? {
    s.pane.model.perform(s, action)
}

func renderPaneBody(_ s: State, _ area: Rect, _ buffer: inout Buffer) {
    s.pane.model.render(s, area, &buffer)
}

/// The box a pane draws before its monitors have reported: "loading…" and
/// what it will show, then the monitor's status line when there is one.
func renderLoading(_ s: State, _ area: Rect, _ buffer: inout Buffer) {
    var notes: [String] = []
    if s.paused { notes.append("paused") }
    if !s.searchQuery.isEmpty { notes.append("filter: \(s.searchQuery)") }
    let block = Block(title: s.pane.title, rightTitle: notes.isEmpty ? nil : notes.joined(separator: " · "))
    buffer.render(block, in: area, theme: s.theme)
    let inner = block.inner(area).inset(left: 1, right: 1)
    var text = "loading… " + s.pane.summary
    if let st = s.monitorStatus[s.pane.rawValue] { text += "\n\n" + st }
    buffer.render(Paragraph(text, role: .muted), in: inner, theme: s.theme)
}
