import Foundation
import StudySpotCore
import TerminalUI

// The Overview pane: the worst of everything on one screen. It has no
// monitor of its own; it reads the other panes' state.

/// What the Overview pane knows.
public struct OverviewState: Sendable, Equatable {
    /// Set together with the alerts (instances, shards and caches have all reported).
    public var loaded = false
    /// The instances', shards' and caches' latencies per minute, and the
    /// shards and caches sampled at the minute (OverviewMinute.swift).
    public var latencies = MinuteLatencies()
    public var sample = OverviewSample()
    public init() {}
}

/// What the Overview pane's monitors report (none: it reads the other panes).
public enum OverviewEvent: Sendable {
    case placeholder
}

extension OverviewState: PaneModel {
    static let pane = Pane.overview
    static let minimumSize = Size(width: 80, height: 20)
    static let summary = "the worst of everything on one screen, as much as fits: instances with state, latency sparkline and share; shard and cache gauges against their limits; today's bookings with a per-minute chart and the newest changes; alerts; the quotas closest to their limits; the e-mail router's next sender."

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
        for placed in OverviewLayout.place(overviewPanelSpecs(s), in: outer.inner(area)) {
            overviewRenderer(placed.panel)(s, placed.rect, &buffer)
        }
    }
}

/// What each panel asks of the layout, from what it has to show now.
/// Owners never see the Overview (ConsoleRole); an owner's library grid
/// would be one more panel here, not a second layout.
func overviewPanelSpecs(_ s: State) -> [PanelSpec] {
    let gauges = s.quotas.gauges.filter { $0.percent != nil }.count
    let shardErrors = overviewShards(s).filter { $0.error != nil }.count
    let cacheErrors = overviewCaches(s).filter { $0.error != nil }.count
    // Borders take two rows; a table's header one more.
    func spec(_ p: OverviewPanel, _ priority: Int, minHeight: Int = 3, rows: Int, header: Bool = true, grows: Bool = false) -> PanelSpec {
        PanelSpec(panel: p, priority: priority, minimum: Size(width: 36, height: minHeight),
                  preferredHeight: 2 + max(1, rows) + (header && rows > 0 ? 1 : 0), grows: grows)
    }
    return [
        spec(.instances, 0, rows: s.instances.instances.count),
        spec(.alerts, 1, rows: s.alerts.alerts.count, header: false),
        // Tally and sparkline at least; a chart and the newest changes as far as it reaches.
        spec(.bookings, 2, minHeight: 4, rows: 1 + (s.bookings.perMinute.isEmpty ? 0 : 8) + min(s.bookings.feed.count, 5),
             header: false, grows: true),
        spec(.shards, 3, rows: overviewShards(s).count + shardErrors),
        spec(.caches, 4, rows: overviewCaches(s).count + cacheErrors),
        spec(.quotas, 5, rows: gauges, grows: true),
        spec(.email, 6, rows: 1 + (s.quotas.email?.senders.count ?? 0)),
    ]
}

/// The drawing function of each panel.
func overviewRenderer(_ panel: OverviewPanel) -> (State, Rect, inout Buffer) -> Void {
    switch panel {
    case .instances: renderInstancesPanel
    case .alerts: renderAlertsPanel
    case .bookings: renderBookingsPanel
    case .shards: renderShardsPanel
    case .caches: renderCachesPanel
    case .quotas: renderQuotasPanel
    case .email: renderEmailPanel
    }
}
