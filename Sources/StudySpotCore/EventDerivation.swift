import Foundation

/// What changed between two readings, as Events-pane lines. Pure: the
/// console calls these in its update step with the state before and after
/// each monitor event.
public enum EventDerivation {
    /// An instance whose shown state changed, with the reason it is believed.
    /// The first verdict after start (from `unknown`) is not a change.
    public static func instances(previous: [InstanceHealth], current: [InstanceHealth], now: Date) -> [ConsoleEvent] {
        let old = Dictionary(previous.map { ($0.name, $0.displayState) }, uniquingKeysWith: { a, _ in a })
        return current.compactMap { i in
            let new = i.displayState
            guard let was = old[i.name], was != new, was != .unknown, new != .unknown else { return nil }
            return ConsoleEvent(at: now, kind: .instance, severity: severity(of: new), source: i.name,
                                text: "\(was.rawValue) → \(new.rawValue): \(reason(i, now: now))")
        }
    }

    /// Why an instance is in its state, in the Instances pane's words.
    public static func reason(_ i: InstanceHealth, now: Date) -> String {
        if i.drained { return "drained by an operator" }
        if i.state != .up, let e = i.lastError {
            let n = i.consecutiveFailures
            return n > 1 ? "\(n) failed probes: \(e)" : e
        }
        return i.lastProbeOutcome ?? i.evidence(now: now)
    }

    static func severity(of s: InstanceState) -> Severity {
        switch s {
        case .up: .ok
        case .degraded, .waking: .warning
        case .down: .critical
        case .sleeping, .drained, .unknown: .unknown
        }
    }

    /// A shard or cache lost or back. A first reading that answers is not
    /// news; one that does not is (it was never seen reachable).
    public static func reachability(kind: ConsoleEvent.Kind, previous: [(name: String, reachable: Bool?)],
                                    current: [(name: String, reachable: Bool?, error: String?)], now: Date) -> [ConsoleEvent] {
        let old = Dictionary(previous.map { ($0.name, $0.reachable) }, uniquingKeysWith: { a, _ in a })
        return current.compactMap { c in
            let was = old[c.name] ?? nil
            switch (was, c.reachable) {
            case (true?, false?), (nil, false?):
                return ConsoleEvent(at: now, kind: kind, severity: .critical, source: c.name,
                                    text: "unreachable: \(c.error ?? "no answer")")
            case (false?, true?):
                return ConsoleEvent(at: now, kind: kind, severity: .ok, source: c.name, text: "reachable again")
            default:
                return nil
            }
        }
    }

    /// Alerts raised, cleared, or changed in severity (by id).
    public static func alerts(previous: [Alert], current: [Alert], now: Date) -> [ConsoleEvent] {
        let old = Dictionary(previous.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let new = Set(current.map(\.id))
        var out: [ConsoleEvent] = []
        for a in current {
            if let o = old[a.id] {
                if o.severity != a.severity {
                    out.append(ConsoleEvent(at: now, kind: .alert, severity: a.severity, source: a.source,
                                            text: "now \(a.severity.rawValue): \(a.message)"))
                }
            } else {
                out.append(ConsoleEvent(at: now, kind: .alert, severity: a.severity, source: a.source, text: "raised: \(a.message)"))
            }
        }
        for o in previous where !new.contains(o.id) {
            out.append(ConsoleEvent(at: now, kind: .alert, severity: .ok, source: o.source, text: "cleared: \(o.message)"))
        }
        return out
    }

    /// A collector that started failing or recovered. The Quotas side calls
    /// this with the `ops.collector_status` rows before and after a read.
    public static func collectors(previous: [CollectorStatus], current: [CollectorStatus], now: Date) -> [ConsoleEvent] {
        func key(_ c: CollectorStatus) -> String { c.account.map { "\(c.provider) (\($0))" } ?? c.provider }
        let old = Dictionary(previous.map { (key($0), $0) }, uniquingKeysWith: { a, _ in a })
        return current.compactMap { c in
            let failing = c.failingSince != nil
            let wasFailing = old[key(c)].map { $0.failingSince != nil } ?? false
            if failing && !wasFailing {
                let status = c.httpStatus.map { "\($0) " } ?? ""
                return ConsoleEvent(at: c.failingSince ?? now, kind: .collector, severity: .warning, source: key(c),
                                    text: "failing: \(status)\(c.error ?? "no reason given")")
            }
            if !failing && wasFailing {
                return ConsoleEvent(at: now, kind: .collector, severity: .ok, source: key(c), text: "collecting again")
            }
            return nil
        }
    }

    /// Audit rows in id order, one event each: who did what to what.
    public static func audit(_ rows: [AuditEntry]) -> [ConsoleEvent] {
        rows.sorted { $0.id < $1.id }.map { r in
            var text = "\(r.action) \(r.target)"
            if let d = r.detail, d != "{}", !d.isEmpty { text += " \(d)" }
            text += " (\(r.role))"
            return ConsoleEvent(at: r.at, kind: .audit, severity: .unknown, source: r.actor, text: text)
        }
    }
}
