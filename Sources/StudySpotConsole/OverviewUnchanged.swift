import Foundation
import StudySpotCore
import TerminalUI

// An idle Overview took a full `view` per round of readings (every 2 s) to
// find that, mostly, nothing it shows had changed: the UI loop's largest
// cost on an idle console (Benchmarks/README.md, "Idle CPU"). The loop asks
// this first and draws only when it says no.

/// Whether `view(new)` draws, cell for cell, what `view(old)` drew, told
/// without drawing. Only on a loaded Overview without an overlay and with
/// the minute clock; elsewhere it says no (the loop draws as before).
/// Time: `new.now` must be before the moment RedrawClock foresees for `old`
/// (the clock's minute, an age label's step, the bookings chart's minute).
/// Data: every input an Overview panel reads is equal — the instances as
/// their rows read (not their probe times and latency windows), the shards
/// and caches as sampled for the minute, the latencies' closed minutes (not
/// the minute in progress) — or the whole of it where it is small.
public func drawsTheSame(_ old: State, as new: State) -> Bool {
    guard old.pane == .overview, new.pane == .overview, old.overlay == nil, new.overlay == nil,
          !old.clockSeconds, !new.clockSeconds, old.shownPaneLoaded, new.shownPaneLoaded,
          new.now >= old.now, new.now < RedrawClock.nextChange(old, after: old.now) else { return false }
    // The frame: tabs, the status bar, the Overview's block.
    guard old.size == new.size, old.role == new.role, old.readOnly == new.readOnly, old.theme == new.theme,
          old.keyMap == new.keyMap, old.paused == new.paused, old.refreshSeconds == new.refreshSeconds,
          old.searchQuery == new.searchQuery, old.message == new.message, old.timeZone == new.timeZone,
          old.monitorStatus == new.monitorStatus else { return false }
    // The panels.
    guard old.overview.loaded == new.overview.loaded, old.overview.latencies.showsTheSame(as: new.overview.latencies),
          old.alerts.alerts == new.alerts.alerts, old.alerts.loaded == new.alerts.loaded,
          overviewShards(old) == overviewShards(new), overviewCaches(old) == overviewCaches(new),
          old.bookings == new.bookings, overviewInstanceRows(old) == overviewInstanceRows(new) else { return false }
    if old.quotas.gauges == new.quotas.gauges && old.quotas.email == new.quotas.email { return true }
    // A quota report (every 10 s or so) moves figures by fractions the panels
    // seldom show: the quota and e-mail panels alone are drawn for both and
    // compared cell for cell (everything else they read was equal above).
    let specs = overviewPanelSpecs(new)
    guard specs == overviewPanelSpecs(old) else { return false }
    let body = Rect(x: 0, y: 1, width: new.size.width, height: max(0, new.size.height - 2))
    for placed in OverviewLayout.place(specs, in: Block(title: "Overview").inner(body))
    where placed.panel == .quotas || placed.panel == .email {
        if panelCells(old, placed) != panelCells(new, placed) { return false }
    }
    return true
}

/// One placed Overview panel drawn on its own.
func panelCells(_ s: State, _ placed: PanelPlacement) -> Buffer {
    let size = Size(width: placed.rect.width, height: placed.rect.height)
    var b = Buffer(size: size)
    overviewRenderer(placed.panel)(s, Rect(x: 0, y: 0, width: size.width, height: size.height), &b)
    return b
}

/// What the Overview's instance rows and the balancer's shares are drawn from.
struct OverviewInstanceRow: Equatable {
    var member: LoadBalancer.Member
    var state: InstanceState
    var failing: Bool
    var answered: Bool
    var failures: Int
    var requestsToday: Int64
    var evidence: String
}

func overviewInstanceRows(_ s: State) -> [OverviewInstanceRow] {
    s.instances.instances.map { i in
        OverviewInstanceRow(member: i.member, state: i.displayState, failing: i.lastError != nil, answered: i.lastLatency != nil,
                            failures: i.consecutiveFailures, requestsToday: i.requestsToday,
                            evidence: i.evidence(now: s.now, minutes: true))
    }
}
