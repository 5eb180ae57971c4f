import Foundation
import StudySpotCore

/// `studyspot collect --plan`: per configured collector, its interval, the
/// calls a day it makes there, and the provider's documented limit.
public struct CollectorPlan: Sendable {
    public struct Row: Sendable, Hashable {
        public var name: String
        public var interval: Double
        public var callsPerDay: Double
        /// The provider's documented calls a day; nil when it documents none.
        public var limitPerDay: Double?
        /// Why the row has no schedule (no collector, a key missing).
        public var problem: String?

        /// The share of the provider's limit the collector spends.
        public var share: Double? { limitPerDay.map { callsPerDay / $0 } }
    }

    public var rows: [Row]

    public init(configs: [CollectorConfig]) {
        rows = configs.map { c in
            guard let type = CollectorRegistry.collector(for: c.provider) else {
                return Row(name: c.name, interval: 0, callsPerDay: 0, limitPerDay: nil, problem: CollectorRegistry.problem(for: c))
            }
            let interval = CollectorSchedule.interval(every: c.every, defaultEvery: type.defaultEvery,
                                                      rateLimit: type.rateLimit, callsPerPoll: type.callsPerPoll)
            return Row(name: c.name, interval: interval,
                       callsPerDay: CollectorSchedule.callsPerDay(interval: interval, callsPerPoll: type.callsPerPoll),
                       limitPerDay: type.rateLimit.perDay, problem: CollectorRegistry.problem(for: c))
        }
    }

    /// Every registered collector at its default interval (the benchmark's figure).
    public static var defaults: CollectorPlan {
        CollectorPlan(configs: CollectorRegistry.all.map { CollectorConfig(provider: $0.provider) })
    }

    /// A fixed-width table, one collector a line.
    public var text: String {
        let width = max(9, rows.map(\.name.count).max() ?? 0)
        func pad(_ s: String, _ n: Int) -> String { s.count >= n ? s : s + String(repeating: " ", count: n - s.count) }
        func left(_ s: String, _ n: Int) -> String { s.count >= n ? s : String(repeating: " ", count: n - s.count) + s }
        var lines = [pad("collector", width) + "  " + left("every", 8) + "  " + left("calls/day", 9) + "  "
                     + left("limit/day", 11) + "  " + left("share", 7)]
        for r in rows {
            guard r.interval > 0 else { lines.append(pad(r.name, width) + "  " + (r.problem ?? "")); continue }
            let limit = r.limitPerDay.map { Self.count($0) } ?? "unknown"
            let share = r.share.map { String(format: "%.2f%%", $0 * 100) } ?? "—"
            lines.append(pad(r.name, width) + "  " + left(Self.duration(r.interval), 8) + "  " + left(Self.count(r.callsPerDay), 9)
                         + "  " + left(limit, 11) + "  " + left(share, 7))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// "15m", "1h", "90s", "2h30m".
    public static func duration(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        if s % 3_600 == 0 { return "\(s / 3_600)h" }
        if s >= 3_600 { return "\(s / 3_600)h\(s % 3_600 / 60)m" }
        if s % 60 == 0 { return "\(s / 60)m" }
        return s >= 60 ? "\(s / 60)m\(s % 60)s" : "\(s)s"
    }

    /// An amount as people write it: no trailing zeros, at most 6 decimals.
    public static func amount(_ n: Double) -> String {
        var s = String(format: "%.6f", n)
        while s.hasSuffix("0") { s.removeLast() }
        if s.hasSuffix(".") { s.removeLast() }
        return s
    }

    static func count(_ n: Double) -> String {
        n >= 10 || n == n.rounded() ? String(Int64(n.rounded())) : String(format: "%.1f", n)
    }
}
