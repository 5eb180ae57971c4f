import Foundation

/// Checks of what the metering and the state cache report: usage, weights,
/// counters, heartbeats. Place = the provider and resource, or the key.
public enum PlatformChecks {
    /// Negative usage (now or in the recent history) and samples left out as unusable.
    public static func usage(_ gauges: [QuotaGauge]) -> [DataProblem] {
        var out: [DataProblem] = []
        for g in gauges {
            let place = "\(g.entry.owner) \(g.entry.resource)"
            let lowest = ([g.used].compactMap { $0 } + g.history).min()
            if let low = lowest, low < 0 {
                out.append(DataProblem(.negativeUsage, place: place, detail: "\(DataProblems.number(low)) \(g.entry.unit)"))
            } else if let m = g.measured, m < 0 {
                out.append(DataProblem(.negativeUsage, place: place, detail: "measured \(DataProblems.number(m)) \(g.entry.unit)"))
            }
            if g.rejectedSamples > 0 {
                let v = g.rejectedValue.map { " " + DataProblems.number($0) } ?? ""
                out.append(DataProblem(.implausibleUsage, place: place,
                                       detail: "\(g.rejectedSamples) sample\(g.rejectedSamples == 1 ? "" : "s")\(v)"))
            }
        }
        return out
    }

    /// Negative weights (`lb:weights`), negative request counters
    /// (`lb:requests:*`) and heartbeats whose `started_at` is in the future.
    public static func instances(_ list: [InstanceHealth]) -> [DataProblem] {
        var out: [DataProblem] = []
        for i in list {
            if i.effectiveWeight < 0 {
                out.append(DataProblem(.negativeWeight, place: "lb:weights", detail: "\(i.name) \(i.effectiveWeight)"))
            }
            if i.requestsToday < 0 {
                out.append(DataProblem(.negativeCounter, place: "lb:requests", detail: "\(i.name) \(i.requestsToday)"))
            }
            if let up = i.uptimeSeconds, up < -60 || !up.isFinite {
                out.append(DataProblem(.futureStart, place: "heartbeat", detail: i.name))
            }
        }
        return out
    }

    /// Negative `email:sent:{provider}:{day}` counters.
    public static func email(_ status: EmailRouterStatus?) -> [DataProblem] {
        guard let status else { return [] }
        return status.senders.compactMap { s in
            let low = min(s.sentToday, s.sentThisMonth)
            return low < 0 ? DataProblem(.negativeCounter, place: "email:sent", detail: "\(s.provider) \(low)") : nil
        }
    }
}

public enum DataProblemAlerts {
    /// One warning per kind of problem, naming the count and the first places:
    /// "3 bookings end before they start (neon #42, …)". Ids are stable per
    /// kind (and per place for usage), so acknowledging one holds while it lasts.
    public static func alerts(_ problems: [DataProblem], now: Date) -> [Alert] {
        var out: [Alert] = []
        var rest: [DataProblem] = []
        for p in problems {
            // Usage problems name their provider, as the metering's owner expects.
            if p.kind == .negativeUsage || p.kind == .implausibleUsage {
                let msg = p.kind == .negativeUsage ? "negative usage reported by \(p.place): \(p.detail)"
                    : "unusable usage samples from \(p.place): \(p.detail)"
                out.append(Alert(id: "data.\(p.kind.rawValue):\(p.place)", severity: .warning, source: p.place, message: msg, since: now))
            } else {
                rest.append(p)
            }
        }
        for s in DataProblems.summarize(rest) {
            let source: String
            switch s.kind {
            case .negativeWeight, .negativeCounter, .futureStart: source = "state cache"
            case .duplicateSeatPosition, .negativeSeatPosition, .emptyName: source = "catalog"
            default: source = "bookings"
            }
            out.append(Alert(id: "data.\(s.kind.rawValue)", severity: .warning, source: source, message: s.text(), since: now))
        }
        return out
    }
}

/// Sums that cannot trap: counters from the state cache are whatever the
/// platform wrote, up to Int64.max each.
public enum SaturatingMath {
    public static func sum<S: Sequence>(_ values: S) -> Int64 where S.Element == Int64 {
        var total: Int64 = 0
        for v in values {
            let (r, o) = total.addingReportingOverflow(v)
            total = o ? (v > 0 ? .max : .min) : r
        }
        return total
    }

    public static func sum<S: Sequence>(_ values: S) -> Int where S.Element == Int {
        Int(sum(values.lazy.map { Int64($0) }))
    }
}
