import Foundation
import StudySpotCore

// How the UI loop folds what it took from the queue in one go: a round of
// readings (five instances, five shards, three caches, the quotas) used to run
// the alert rules once per reading, a thirteenth of them needed (6.5 % of an
// idle console's CPU: Benchmarks/README.md, "Idle CPU").

/// Whether `refreshAlerts` waits for the end of a run of readings, and
/// whether a fold in that run asked for it. Bookkeeping of the fold, not
/// something the screen shows: any two compare equal, so it never makes a
/// state look changed (the loop redraws on `state != rendered`).
public struct AlertsRefresh: Sendable, Equatable {
    var deferred = false
    var owed = false
    public init() {}
    public static func == (_: AlertsRefresh, _: AlertsRefresh) -> Bool { true }
}

/// Folds `events` in order as `update` does one at a time, except that the
/// alert rules run once for a run of monitor readings, after its last
/// reading, instead of after every one. Each rule reads one source's reading
/// (an instance list, a shard, a cache, a quota report), so the run is cut
/// where a source reports a second time: a shard down and back within one
/// round still raises and clears its alert (Events entries, the bell) as
/// reading by reading. Keys, mouse and ticks see the alerts of every reading
/// before them. Effects come back in the order they were made.
public func foldEvents(_ state: State, _ events: [Event]) -> (State, [Effect]) {
    var s = state
    var effects: [Effect] = []
    var reported: Set<String> = []
    // The instance list, as the rules read it, of the run's last instance reading.
    var instances: [InstanceAlertInput]? = nil
    func settle() {
        let (settled, fx) = settleAlerts(s)
        s = settled; effects += fx
        reported = []; instances = nil
    }
    for e in events {
        if case .data(let m) = e, let source = alertSource(m) {
            // Each probe thread posts the whole list (six readings a round):
            // one that tells the rules nothing new need not cut the run.
            var list: [InstanceAlertInput]? = nil
            if case .instances(.reading(let l, _)) = m { list = l.map(InstanceAlertInput.init) }
            if !reported.insert(source).inserted && (list == nil || list != instances) {
                settle()
                reported.insert(source)
            }
            if list != nil { instances = list }
            s.alerts.refresh.deferred = true
        } else {
            settle()
        }
        let (next, fx) = update(s, e)
        s = next; effects += fx
    }
    settle()
    return (s, effects)
}

/// What the alert rules read of an instance (`AlertRules.evaluate`, and
/// `PlatformChecks.instances` for the data-problem alerts).
struct InstanceAlertInput: Equatable {
    var name: String
    var priority: Int
    var state: InstanceState
    var drained: Bool
    var failures: Int
    var lastError: String?
    var failingSince: Date?
    var certificateExpiresAt: Date?
    var weight: Int
    var requestsToday: Int64
    var uptimeSeconds: Double?

    init(_ i: InstanceHealth) {
        name = i.name; priority = i.priority; state = i.state; drained = i.drained; failures = i.consecutiveFailures
        lastError = i.lastError; failingSince = i.failingSince; certificateExpiresAt = i.certificateExpiresAt
        weight = i.effectiveWeight; requestsToday = i.requestsToday; uptimeSeconds = i.uptimeSeconds
    }
}

/// The source a reading speaks for, as far as the alert rules go; nil for
/// events that are not periodic readings (they are folded with the alerts
/// settled before them).
func alertSource(_ m: MonitorEvent) -> String? {
    switch m {
    case .instances(.reading): "instances"
    case .shards(.reading(let h)): "shard:" + h.name
    case .caches(.reading(let h)): "cache:" + h.name
    case .quotas(.report): "quotas"
    case .alerts(.acknowledged): "acknowledged"
    case .bookings(.batch): "bookings"
    default: nil
    }
}

/// Ends a run of readings: the alert rules once if a reading asked for them,
/// then what their change means (Events entries, the critical notice), as
/// `update` derives it after a single reading.
func settleAlerts(_ state: State) -> (State, [Effect]) {
    var s = state
    let owed = s.alerts.refresh.owed
    s.alerts.refresh = AlertsRefresh()
    guard owed else { return (s, []) }
    let (noticed, fx) = noticeChanges(from: s, to: refreshAlerts(s), [])
    return (followSelection(from: s, to: noticed), fx)
}
