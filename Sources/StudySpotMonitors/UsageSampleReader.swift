import Foundation
import StudySpotCore
import StudySpotWire

/// Reads the platform's metering (`ops.usage_samples`) incrementally and
/// keeps, per resource, the latest sample of each hour of the last 8 days:
/// enough for the 7-day burn with a baseline, without holding a row a minute.
public final class UsageSampleReader {
    public static let keepSeconds = 8 * 86_400.0
    private var buckets: [String: [Int: QuotaSample]] = [:]
    private var lastSeen: Date?

    public init() {}

    /// One query for every catalog resource (each lookup can use
    /// `usage_samples_lookup_idx`): rows newer than the last seen, one per hour.
    public func refresh(ops: PGConnection, entries: [QuotaEntry], now: Date) throws {
        let since = lastSeen ?? now.addingTimeInterval(-Self.keepSeconds)
        let rows = try ops.query(UsageSampleReader.sql, [PGArray(strings: entries.map(\.provider)), PGArray(strings: entries.map(\.resource)), since])
        for row in rows.rows {
            let key = try row.string("provider") + "/" + row.string("resource")
            let at = try row.date("observed_at")
            let start = row.optionalString("period_start").flatMap { PGTimestamp.parse($0 + " 00:00:00+00") }
            let sample = QuotaSample(used: try row.double("used"), periodStart: start, observedAt: at)
            let hour = Int(at.timeIntervalSince1970 / 3_600)
            if let old = buckets[key]?[hour], old.observedAt > at { continue }
            buckets[key, default: [:]][hour] = sample
            if lastSeen == nil || at > lastSeen! { lastSeen = at }
        }
        let oldest = Int(now.addingTimeInterval(-Self.keepSeconds).timeIntervalSince1970 / 3_600)
        for k in buckets.keys { buckets[k] = buckets[k]!.filter { $0.key >= oldest } }
    }

    /// Every resource's samples in one statement (see `refresh`).
    static let sql = """
            SELECT k.p AS provider, k.r AS resource, s.used, s.period_start::text AS period_start, s.observed_at
            FROM unnest($1::text[], $2::text[]) AS k(p, r)
            CROSS JOIN LATERAL (
                SELECT DISTINCT ON (date_trunc('hour', u.observed_at)) u.used, u.period_start, u.observed_at
                FROM ops.usage_samples u
                WHERE u.provider = k.p AND u.resource = k.r AND u.observed_at > $3
                ORDER BY date_trunc('hour', u.observed_at), u.observed_at DESC
            ) s
            """

    /// When the platform's metering last wrote a sample (it writes to the ops shard).
    public var newestSample: Date? { lastSeen }

    /// The kept samples of a resource, oldest first.
    public func samples(_ key: String) -> [QuotaSample] {
        (buckets[key] ?? [:]).values.sorted { $0.observedAt < $1.observedAt }
    }
}
