import Foundation
import StudySpotCore
import StudySpotMonitors

/// How much of each quota the simulated platform has used at a given time:
/// the plan's monthly volumes (150 GB frontend bandwidth, 2,000 compute hours,
/// 9,000,000 API calls, ~40,000 e-mails, 100 GB of uploads, 3 GB of data)
/// shared among the providers of each need, accumulated from the start of
/// each entry's period. Pure, so tests and backfill use the same arithmetic.
public struct UsageModel: Sendable {
    public let entries: [QuotaEntry]
    public let seed: UInt64

    public init(entries: [QuotaEntry], seed: UInt64 = 7) {
        self.entries = entries
        self.seed = seed
    }

    static let monthSeconds = 30.0 * 86_400

    /// The plan's need per month for a category, in a unit, or nil to pace by the limit.
    static func monthlyNeed(_ category: QuotaCategory, unit: String) -> Double? {
        switch (category, unit.lowercased()) {
        case (.frontend, "gb"): 150
        case (.compute, "hours"): 2_000
        case (.cache, "commands"), (.cache, "requests"): 9_000_000 * 0.3 // about 3 in 10 API calls touch a cache
        case (.storage, "gb"): 100
        case (.database, "gb"): 3
        case (.database, "mb"): 3_000
        default: nil
        }
    }

    /// Used so far in the period containing `time`, and that period's first day.
    public func used(_ entry: QuotaEntry, at time: Double) -> (used: Double, periodStart: Double) {
        let start = Self.periodStart(entry.period, at: time)
        let elapsed = max(0, time - start)
        let peers = entries.filter { $0.category == entry.category && $0.unit == entry.unit }
        let perSecond: Double
        if let need = Self.monthlyNeed(entry.category, unit: entry.unit) {
            // Shared by plan capacity: the providers the plan leans on carry more.
            let weight = entry.planLimit ?? entry.limit ?? 1
            let total = peers.reduce(0.0) { $0 + ($1.planLimit ?? $1.limit ?? 1) }
            perSecond = need * (total > 0 ? weight / total : 1) / Self.monthSeconds
        } else {
            // No plan volume: pace between 30% and 120% of the limit per period.
            var rng = SeededRandom(seed: seed ^ UInt64(truncatingIfNeeded: entry.key.hashValueStable))
            let pace = 0.3 + 0.9 * rng.unit()
            perSecond = (entry.limit ?? entry.planLimit ?? 100) * pace / Self.periodLength(entry.period)
        }
        // An instance-hours quota belongs to one account running one
        // instance (the plan's render-1 and render-2): it cannot count more
        // hours than the clock, whatever the plan's share would say.
        let clock = entry.category == .compute && entry.unit == "hours" ? CapacityNeed.instanceHoursPerMonth / Self.monthSeconds : .infinity
        // Storage-like totals and database sizes do not reset: they grow from a base.
        return (min(perSecond, clock) * elapsed, start)
    }

    public static func periodLength(_ p: QuotaPeriod) -> Double {
        switch p {
        case .day, .rolling24h: 86_400
        case .month, .rolling30d: monthSeconds
        case .total: 365 * 86_400
        }
    }

    /// Start of the period (UTC) that contains `time`.
    public static func periodStart(_ p: QuotaPeriod, at time: Double) -> Double {
        let day = (time / 86_400).rounded(.down) * 86_400
        switch p {
        case .day: return day
        case .rolling24h: return time - 86_400
        case .rolling30d: return time - monthSeconds
        case .month:
            let text = PGTimestampText.day(time)
            return PGTimestampText.epoch(year: Int(text.prefix(4))!, month: Int(text.dropFirst(5).prefix(2))!, day: 1)
        case .total:
            let text = PGTimestampText.day(time)
            return PGTimestampText.epoch(year: Int(text.prefix(4))!, month: 1, day: 1)
        }
    }
}

enum PGTimestampText {
    static func day(_ t: Double) -> String { StateCacheKeys.utcDay(Date(timeIntervalSince1970: t)) }
    static func epoch(year: Int, month: Int, day: Int) -> Double {
        var c = DateComponents()
        c.year = year; c.month = month; c.day = day
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = TimeZone(identifier: "UTC")!
        return cal.date(from: c)!.timeIntervalSince1970
    }
}

extension String {
    /// FNV-1a: `hashValue` changes per process, and the model must not.
    var hashValueStable: UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in utf8 { h ^= UInt64(b); h = h &* 0x100_0000_01b3 }
        return h
    }
}
