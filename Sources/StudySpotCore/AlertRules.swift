import Foundation

/// One active alert. `id` is stable while the condition lasts, so `since`
/// and acknowledgements survive re-evaluation.
public struct Alert: Sendable, Hashable, Codable {
    public var id: String
    /// `.warning` or `.critical`.
    public var severity: Severity
    public var source: String
    public var message: String
    public var since: Date
    public var acknowledged: Bool
    public init(id: String, severity: Severity, source: String, message: String, since: Date, acknowledged: Bool = false) {
        self.id = id; self.severity = severity; self.source = source; self.message = message
        self.since = since; self.acknowledged = acknowledged
    }
}

/// What the alert rules read: plain values from every pane.
public struct AlertInputs: Sendable {
    public var now: Date
    public var instances: [InstanceHealth] = []
    public var shards: [ShardHealth] = []
    public var caches: [CacheHealth] = []
    public var quotas: [QuotaGauge] = []
    /// What `studyspot collect` last found per provider account (`ops.collector_status`).
    public var collectors: [CollectorStatus] = []
    /// The state cache's e-mail queue lengths, oldest first (one per cache poll).
    public var emailQueueHistory: [Int64] = []
    /// Booking changes per minute over the last hour, oldest first (empty: not loaded).
    public var bookingsPerMinute: [Double] = []
    /// Opening hours in `timeZone` as [open, close) hours; no-change alerts only then.
    public var openingHours: Range<Int> = 6..<22
    public var timeZone: TimeZone = DisplayZone.current.zone
    /// The zone times in messages are written in (the console's display zone).
    public var displayZone: TimeZone = DisplayZone.current.zone
    public init(now: Date) { self.now = now }
}

/// The alert rules: pure, table-tested.
public enum AlertRules {
    /// Minutes without a booking change (during opening hours) before an alert.
    public static let quietMinutes = 15
    /// Queue samples that must keep growing before "queue growing".
    public static let queueGrowthSamples = 3

    /// Every condition that holds now, with `since` = `now` or when the
    /// instance's failures began (see `merge`).
    public static func evaluate(_ i: AlertInputs) -> [Alert] {
        var out: [Alert] = []
        func add(_ id: String, _ sev: Severity, _ source: String, _ message: String, since: Date? = nil) {
            out.append(Alert(id: id, severity: sev, source: source, message: message, since: since ?? i.now))
        }
        for inst in i.instances where inst.state == .down && !inst.drained {
            let n = inst.consecutiveFailures
            let why = n == 0 ? (inst.lastError ?? "no answer")
                : "\(n) failed probe\(n == 1 ? "" : "s")" + (inst.lastError.map { ": \($0)" } ?? "")
            add("instance.down:\(inst.name)", .warning, inst.name, "\(inst.name) down: \(why)", since: inst.failingSince)
        }
        for inst in i.instances {
            if let warning = inst.certificateWarning(now: i.now) {
                add("instance.certificate:\(inst.name)", .warning, inst.name, "\(inst.name) \(warning)")
            }
        }
        if let best = i.instances.map(\.priority).min() {
            let first = i.instances.filter { $0.priority == best }
            if !first.isEmpty && first.allSatisfy({ $0.state == .down }) {
                add("instance.priority1-down", .critical, "instances",
                    "every priority-\(best) instance is down (\(first.map(\.name).joined(separator: ", ")))")
            }
        }
        for s in i.shards where s.reachable == false {
            add("shard.unreachable:\(s.name)", .critical, s.name, "\(s.name) unreachable: \(s.error ?? "no answer")")
        }
        for s in i.shards {
            if let r = s.sizeRatio, r >= 0.8 {
                add("shard.size:\(s.name)", r >= 0.95 ? .critical : .warning, s.name,
                    "\(s.name) database at \(Int((r * 100).rounded()))% of its free tier")
            }
        }
        for c in i.caches where c.reachable == false {
            add("cache.unreachable:\(c.name)", .critical, c.name, "\(c.name) unreachable: \(c.error ?? "no answer")")
        }
        for g in i.quotas {
            guard let sev = quotaSeverity(g) else { continue }
            let pct = g.percent.map { "\(Int($0.rounded()))%" } ?? "?"
            var msg = "\(g.entry.owner) \(g.entry.resource) at \(pct) of its limit"
            if let p = g.projectedPercent, p >= 100, (g.percent ?? 0) < 95 { msg = "\(g.entry.owner) \(g.entry.resource) on pace for \(Int(p.rounded()))% of its limit" }
            add("quota:\(g.entry.key)", sev, g.entry.provider, msg)
        }
        for c in i.collectors {
            guard let why = c.failureText(now: i.now, time: { CollectorStatus.clockText($0, now: i.now, zone: i.displayZone) }) else { continue }
            add("collector:\(c.provider)@\(c.account ?? "")", .warning, c.provider,
                "usage collector \(c.collectorName) failing: \(why)", since: c.failingSince)
        }
        let q = i.emailQueueHistory.suffix(queueGrowthSamples)
        if q.count == queueGrowthSamples, zip(q, q.dropFirst()).allSatisfy({ $0 < $1 }) {
            add("email.queue-growing", .warning, "email", "e-mail queue growing: \(q.last!) waiting")
        }
        if isOpen(i.now, i.openingHours, i.timeZone), i.bookingsPerMinute.count >= quietMinutes,
           i.bookingsPerMinute.suffix(quietMinutes).allSatisfy({ $0 == 0 }) {
            add("bookings.quiet", .warning, "bookings", "no new bookings for \(quietMinutes) minutes during opening hours")
        }
        return out
    }

    /// A quota's alert severity: ≥ 95% or projected over the limit is critical, ≥ 80% a warning.
    public static func quotaSeverity(_ g: QuotaGauge) -> Severity? {
        let p = g.percent ?? 0
        if p >= 95 || (g.projectedPercent ?? 0) > 100 { return .critical }
        if p >= 80 { return .warning }
        return nil
    }

    /// Keeps `since` of alerts that were already active and marks acknowledged ones.
    public static func merge(previous: [Alert], current: [Alert], acknowledged: Set<String>) -> [Alert] {
        let old = Dictionary(previous.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        return current.map { a in
            var a = a
            if let o = old[a.id] { a.since = o.since }
            a.acknowledged = acknowledged.contains(a.id)
            return a
        }.sorted { ($0.severity, $1.since) > ($1.severity, $0.since) }
    }

    /// The worst severity among unacknowledged alerts (ok when none).
    public static func status(_ alerts: [Alert]) -> Severity {
        alerts.filter { !$0.acknowledged }.map(\.severity).max() ?? .ok
    }

    static func isOpen(_ now: Date, _ hours: Range<Int>, _ tz: TimeZone) -> Bool {
        hours.contains(CivilTime.fields(now, tz).hour)
    }
}
