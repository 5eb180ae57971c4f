import Foundation
import StudySpotCore
import TerminalUI

/// `studyspot snapshot`: the console's state as text screens or as the JSON
/// object of CONTRACT §6, and the monitoring-plugin exit status.
public enum SnapshotReport {
    /// Whether a pane's monitors have delivered their first full data.
    public static func isLoaded(_ s: State, _ pane: Pane) -> Bool {
        switch pane {
        // The Overview and the alert rules also read bookings and quotas.
        case .overview: s.overview.loaded && s.quotas.loaded && s.bookings.loaded
        case .bookings: s.bookings.loaded
        case .seats: s.seats.loaded
        case .quotas: s.quotas.loaded
        // An instance still unknown is being probed (its first evidence); wait for it.
        case .instances: s.instances.loaded && !s.instances.instances.contains { $0.state == .unknown }
        case .shards: s.shards.loaded
        case .caches: s.caches.loaded
        case .alerts: s.alerts.loaded && s.quotas.loaded
        // Events are told from the readings the alert rules wait for.
        case .events: s.alerts.loaded
        }
    }

    /// The worst unacknowledged alert; `unknown` instead of ok when any of
    /// `panes` never loaded (a warning or critical alert still wins).
    public static func status(_ s: State, panes: [Pane]) -> Severity {
        let alerts = s.alerts.status
        if alerts == .ok && panes.contains(where: { !isLoaded(s, $0) }) { return .unknown }
        return alerts
    }

    /// One pane drawn headlessly, as plain text lines (trailing spaces trimmed).
    public static func text(_ state: State, pane: Pane, size: Size) -> String {
        var s = state
        s.pane = pane
        s.selection = 0
        s.overlay = nil
        var buffer = Buffer(size: size)
        view(s, into: &buffer)
        return buffer.trimmedTextDump
    }

    /// The CONTRACT §6 object, pretty-printed with sorted keys.
    public static func json(_ s: State, status: Severity, generatedAt: Date) -> String {
        let obj: [String: Any] = [
            "status": status.rawValue,
            "generated_at": rfc3339(generatedAt),
            "shards": s.shards.shards.map { h -> [String: Any] in
                ["name": h.name, "reachable": h.reachable ?? false, "latency_ms": ms(h.latency),
                 "size_bytes": opt(h.sizeBytes), "limit_bytes": opt(h.limitBytes), "error": opt(h.error)]
            },
            "caches": s.caches.caches.map { h -> [String: Any] in
                ["name": h.name, "reachable": h.reachable ?? false, "used_memory_bytes": opt(h.usedMemoryBytes),
                 "commands_today": opt(h.commandsToday), "hit_rate": opt(h.hitRate), "error": opt(h.error)]
            },
            "instances": s.instances.instances.map { i -> [String: Any] in
                ["name": i.name, "state": i.displayState.rawValue, "latency_ms": ms(i.lastLatency),
                 "share": opt(s.instances.shares[i.name] ?? 0), "error": opt(i.lastError)]
            },
            "quotas": s.quotas.gauges.map { g -> [String: Any] in
                ["provider": g.entry.provider, "resource": g.entry.resource, "used": opt(g.used), "limit": opt(g.entry.limit),
                 "unit": g.entry.unit, "period": g.entry.period.rawValue, "percent": opt(g.percent),
                 "projected_percent": opt(g.projectedPercent), "severity": quotaSeverity(g).rawValue,
                 "account": opt(g.entry.account), "source": opt(QuotaProvenanceText.sourceLabel(g)),
                 "observed_at": opt(g.provenance.map { rfc3339($0.observedAt) }),
                 "collector_error": opt(QuotaProvenanceText.failure(g, now: s.now, zone: s.zoneOffsets))]
            },
            "bookings": [
                "today": Dictionary(uniqueKeysWithValues: ["reserved", "checked_in", "completed", "cancelled", "no_show"]
                    .map { ($0, s.bookings.today[$0] ?? 0) }),
                "recent": s.bookings.recent.map { b -> [String: Any] in
                    ["id": b.id, "library": b.library, "seat": b.seat, "status": b.status, "updated_at": rfc3339(b.updatedAt)]
                },
            ] as [String: Any],
            "alerts": s.alerts.alerts.map { a -> [String: Any] in
                ["severity": a.severity.rawValue, "source": a.source, "message": a.message, "since": rfc3339(a.since)]
            },
            "console_cost": s.quotas.cost.map { c -> [String: Any] in
                ["target": c.target, "operations_today": c.operationsToday, "budget_share": opt(c.budgetShare), "measuring": c.measuring]
            },
        ]
        let data = (try? JSONSerialization.data(withJSONObject: obj, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8)
        return Sanitizer.escapeJSON(String(decoding: data, as: UTF8.self))
    }

    /// A gauge's severity as the JSON names it: ok, warning or critical only.
    static func quotaSeverity(_ g: QuotaGauge) -> Severity {
        switch g.severity {
        case .ok, .warning, .critical: g.severity
        case .unknown: AlertRules.quotaSeverity(g) ?? .ok
        }
    }

    static func ms(_ seconds: Double?) -> Any { opt(seconds.map { ($0 * 10_000).rounded() / 10 }) }
    /// JSON has no NaN or Infinity (JSONSerialization refuses the whole object): those become null.
    static func opt(_ v: Any?) -> Any {
        if let d = v as? Double, !d.isFinite { return NSNull() }
        return v ?? NSNull()
    }

    public static func rfc3339(_ d: Date) -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        return f.string(from: d)
    }
}
