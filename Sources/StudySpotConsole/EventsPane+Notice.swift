import Foundation
import StudySpotCore

// The update step's look at what a monitor event changed: Events-pane lines
// for instances, shards, caches and alerts, and the notice (bell, desktop
// notification) for a critical alert that is new while the console runs.

/// Seconds after the first reading when start-up is over even if a source
/// never reported: alerts standing until then never ring.
let startUpGraceSeconds = 60.0

/// Compares the state before and after one monitor event.
func noticeChanges(from old: State, to new: State, _ effects: [Effect]) -> (State, [Effect]) {
    var s = new
    let now = s.now
    if s.events.watchingSince == nil { s.events.watchingSince = now }
    var found: [ConsoleEvent] = []
    if old.instances.instances != s.instances.instances {
        found += EventDerivation.instances(previous: old.instances.instances, current: s.instances.instances, now: now)
    }
    if old.shards.shards != s.shards.shards {
        found += EventDerivation.reachability(kind: .shard, previous: old.shards.shards.map { ($0.name, $0.reachable) },
                                              current: s.shards.shards.map { ($0.name, $0.reachable, $0.error) }, now: now)
    }
    if old.caches.caches != s.caches.caches {
        found += EventDerivation.reachability(kind: .cache, previous: old.caches.caches.map { ($0.name, $0.reachable) },
                                              current: s.caches.caches.map { ($0.name, $0.reachable, $0.error) }, now: now)
    }
    if old.quotas.collectors != s.quotas.collectors {
        found += EventDerivation.collectors(previous: old.quotas.collectors, current: s.quotas.collectors, now: now)
    }
    if old.alerts.alerts != s.alerts.alerts {
        found += EventDerivation.alerts(previous: old.alerts.alerts, current: s.alerts.alerts, now: now)
    }
    s.events.ring.append(contentsOf: found)
    let (noticed, notice) = criticalNotice(s)
    s.events.noticed = noticed
    guard let notice, !s.events.notify.isQuiet else { return (s, effects) }
    return (s, effects + [notice])
}

/// The critical alerts now known, and the notice for those new since the
/// last look. During start-up (until the alert rules have every source's
/// reading and the quotas, or `startUpGraceSeconds` passed) critical alerts
/// are taken as standing: known, not rung for.
func criticalNotice(_ s: State) -> (noticed: Set<String>, notice: Effect?) {
    let present = Set(s.alerts.alerts.map(\.id))
    let critical = s.alerts.alerts.filter { $0.severity == .critical && !$0.acknowledged }
    // An alert that cleared may ring again when it comes back; one that only
    // dropped to a warning is still the same alert.
    var noticed = s.events.noticed.intersection(present)
    let fresh = critical.filter { !noticed.contains($0.id) }
    noticed.formUnion(fresh.map(\.id))
    let started = s.events.watchingSince.map { s.now.timeIntervalSince($0) >= startUpGraceSeconds } ?? false
    guard !fresh.isEmpty, (s.alerts.loaded && s.quotas.loaded) || started else { return (noticed, nil) }
    let title = fresh.count == 1 ? "StudySpot: critical alert" : "StudySpot: \(fresh.count) critical alerts"
    return (noticed, .notify(title: title, body: fresh.map(\.message).joined(separator: "; ")))
}
