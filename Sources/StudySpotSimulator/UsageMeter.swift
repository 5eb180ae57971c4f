import Foundation
import StudySpotCore
import StudySpotMonitors
import StudySpotWire

/// Writes the platform's metering into `ops.usage_samples`: one row per
/// catalog resource per sample, and on first start a week of hourly history
/// so burn rates have something to work with. E-mail senders report what the
/// router really sent.
final class UsageMeter {
    let model: UsageModel

    init(entries: [QuotaEntry]) { model = UsageModel(entries: entries) }

    func backfillIfEmpty(ops: PGConnection, now: Double) throws -> Int {
        let n = try ops.query("SELECT count(*) AS n FROM ops.usage_samples").first?.int("n") ?? 0
        guard n == 0 else { return 0 }
        var rows: [[String?]] = []
        let hours = 7 * 24
        for h in stride(from: hours, through: 1, by: -1) {
            let t = now - Double(h) * 3_600
            for e in model.entries where e.category != .email {
                rows.append(row(e, at: t, used: model.used(e, at: t)))
            }
        }
        return try ops.copyIn(UsageMeter.copy, rows: rows)
    }

    /// One sample of every resource now. `emailUsed` gives the router's own
    /// counters for e-mail entries (provider → (today, month)).
    func sample(ops: PGConnection, now: Double, emailUsed: [String: (day: Int, month: Int)]) throws -> Int {
        var rows: [[String?]] = []
        for e in model.entries {
            var u = model.used(e, at: now)
            if e.category == .email {
                let sent = emailUsed[e.provider] ?? (0, 0)
                u.used = Double(e.period == .day || e.period == .rolling24h ? sent.day : sent.month)
            }
            rows.append(row(e, at: now, used: u))
        }
        return try ops.copyIn(UsageMeter.copy, rows: rows)
    }

    /// Each row says it is the simulation's, and whose account it is.
    static let copy = "COPY ops.usage_samples (provider, resource, used, unit, period_start, observed_at, account, source) FROM STDIN"

    private func row(_ e: QuotaEntry, at t: Double, used: (used: Double, periodStart: Double)) -> [String?] {
        [e.provider, e.resource, String(format: "%.6f", used.used), e.unit,
         StateCacheKeys.utcDay(Date(timeIntervalSince1970: used.periodStart)), PGTimestamp.format(Date(timeIntervalSince1970: t)),
         e.account, UsageSource.simulation.column]
    }
}
