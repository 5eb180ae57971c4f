import Foundation
import StudySpotCore
import StudySpotWire

/// Reads the platform's metering (`ops.usage_samples`) incrementally and
/// keeps, per resource and account, the latest sample of each hour of the
/// last 8 days: enough for the 7-day burn with a baseline, without holding a
/// row a minute. Also where each resource's newest figure came from, and what
/// `studyspot collect` last found (`ops.collector_status`).
public final class UsageSampleReader {
    public static let keepSeconds = 8 * 86_400.0
    /// What the problem line names while the ops shard predates the collector's schema.
    static let missingColumns = "ops.usage_samples lacks source/account"
    static let missingStatusTable = "ops.collector_status is missing"
    /// Per resource, the latest sample of each hour, oldest first. Arrays,
    /// not [hour: sample] dictionaries: `samples(key)` hands the array itself
    /// to the quota monitor when the resource has no unusable sample, instead
    /// of a sorted copy beside the dictionary (0.5 + 0.5 MB for the week of
    /// hourly samples at 10x: Benchmarks/README.md, the footprint's heap).
    private var buckets: [String: [QuotaSample]] = [:]
    /// Unusable samples (negative, NaN, infinite, absurd), kept apart from the
    /// hourly buckets so that a good sample later in the hour does not hide
    /// them: they are flagged whether or not a newer sample followed.
    private var unusable: [String: [Date: QuotaSample]] = [:]
    private var newest: [String: QuotaProvenance] = [:]
    private var lastSeen: Date?
    /// `samples(key)` as of the last refresh, for resources with unusable
    /// samples (the others' are `buckets` as they are): the quota monitor asks
    /// for every entry each round and sorting them again was a third of its
    /// idle CPU (Benchmarks/README.md, the footprint side by side).
    private var sortedSamples: [String: [QuotaSample]] = [:]
    /// Every collector's last status, as of the last refresh.
    public private(set) var collectors: [CollectorStatus] = []
    /// Why the last refresh read less than it should (an old ops schema), or nil:
    /// "run studyspot schema apply: ops.usage_samples lacks source/account".
    public private(set) var schemaProblem: String?

    public init() {}

    /// One query for every catalog resource (each lookup can use
    /// `usage_samples_lookup_idx`): rows newer than the last seen, one per hour.
    /// An ops shard `schema apply` has not yet given the account and source
    /// columns is read the old way: account-less entries only, every figure
    /// the platform's.
    public func refresh(ops: PGConnection, entries: [QuotaEntry], now: Date) throws {
        sortedSamples = [:]  // first: a refresh that throws half-way has changed the buckets already
        let since = lastSeen ?? now.addingTimeInterval(-Self.keepSeconds)
        var problems: [String] = []
        // Moved on only once every row is in: rows arrive one by one, and a
        // read that fails half-way must be read again from where it started.
        var seen = lastSeen
        // Rows come resource by resource, most in the same period: the key and
        // the period's start are made again only when they change (a week of
        // hourly samples is thousands of rows at start-up).
        var last: (provider: String, resource: String, account: String?, key: String)?
        var lastPeriod: (text: String, start: Date?)?
        try readSamples(ops, entries: entries, since: since, problems: &problems) { row in
            let account = row.optionalString(Column.account).flatMap { $0.isEmpty ? nil : $0 }
            let provider = try row.string(Column.provider), resource = try row.string(Column.resource)
            let key: String
            if let l = last, l.provider == provider, l.resource == resource, l.account == account {
                key = l.key
            } else {
                key = QuotaEntry.key(provider: provider, resource: resource, account: account)
                last = (provider, resource, account, key)
            }
            let at = try row.date(Column.observedAt)
            let start = row.optionalString(Column.periodStart).flatMap { text in
                if let p = lastPeriod, p.text == text { return p.start }
                let parsed = PGTimestamp.parse(text + " 00:00:00+00")
                lastPeriod = (text, parsed)
                return parsed
            }
            let sample = QuotaSample(used: try row.double(Column.used), periodStart: start, observedAt: at)
            if newest[key].map({ $0.observedAt <= at }) ?? true {
                newest[key] = QuotaProvenance(source: UsageSource(column: row.optionalString(Column.source)), observedAt: at,
                                              apiLimit: try row.optionalDouble(Column.limitAmount))
            }
            guard QuotaMath.isPlausible(sample.used) else {
                unusable[key, default: [:]][at] = sample
                if seen == nil || at > seen! { seen = at }
                return
            }
            guard Self.keepLatestOfHour(sample, in: &buckets[key, default: []]) else { return }
            if seen == nil || at > seen! { seen = at }
        }
        lastSeen = seen
        let oldest = Int(now.addingTimeInterval(-Self.keepSeconds).timeIntervalSince1970 / 3_600)
        for k in Array(buckets.keys) { Self.dropHours(before: oldest, from: &buckets[k, default: []]) }
        let cutoff = now.addingTimeInterval(-Self.keepSeconds)
        for k in unusable.keys { unusable[k] = unusable[k]!.filter { $0.key >= cutoff } }
        do {
            let statuses = try ops.query(UsageSampleReader.statusSQL)
            collectors = try statuses.rows.map(Self.status)
        } catch {
            guard ["42P01", "42703"].contains(Self.sqlstate(error)) else { throw error }
            collectors = []
            problems.append(Self.missingStatusTable)
        }
        schemaProblem = problems.isEmpty ? nil : "run studyspot schema apply: " + problems.joined(separator: ", ")
    }

    /// The columns `refresh` reads, by position in `Column.names`; the legacy
    /// statement lacks account, source and limit_amount (read as NULL).
    enum Column {
        static let names = ["provider", "resource", "account", "used", "period_start", "observed_at", "source", "limit_amount"]
        static let provider = 0, resource = 1, account = 2, used = 3, periodStart = 4, observedAt = 5, source = 6, limitAmount = 7
    }

    /// Hands each sample row since `since` to `row` as it arrives (a week of
    /// hourly samples per resource: thousands of rows, never held whole), the
    /// old way when the columns are missing.
    private func readSamples(_ ops: PGConnection, entries: [QuotaEntry], since: Date, problems: inout [String],
                             _ row: (PGRawRow) throws -> Void) throws {
        do {
            return try ops.forEachRow(UsageSampleReader.sql, [PGArray(strings: entries.map(\.provider)), PGArray(strings: entries.map(\.resource)),
                                                              PGArray(strings: entries.map { $0.account ?? "" }), since],
                                      columns: Column.names, row)
        } catch {
            guard Self.sqlstate(error) == "42703" else { throw error }
            problems.append(Self.missingColumns)
        }
        let plain = entries.filter { $0.account == nil }
        try ops.forEachRow(UsageSampleReader.legacySQL, [PGArray(strings: plain.map(\.provider)), PGArray(strings: plain.map(\.resource)), since],
                           columns: Column.names, row)
    }

    /// The SQLSTATE of a query's failure (undefined column 42703, undefined table 42P01).
    static func sqlstate(_ error: any Error) -> String? { (error as? PGError)?.sqlstate }

    /// Every resource's samples in one statement (see `refresh`); an
    /// account-less entry reads the rows whose account is NULL (or '').
    static let sql = """
            SELECT k.p AS provider, k.r AS resource, k.a AS account, s.used, s.period_start::text AS period_start,
                   s.observed_at, s.source, s.limit_amount
            FROM unnest($1::text[], $2::text[], $3::text[]) AS k(p, r, a)
            CROSS JOIN LATERAL (
                (SELECT DISTINCT ON (date_trunc('hour', u.observed_at)) u.used, u.period_start, u.observed_at, u.source, u.limit_amount
                 FROM ops.usage_samples u
                 WHERE u.provider = k.p AND u.resource = k.r AND coalesce(u.account, '') = k.a AND u.observed_at > $4
                 ORDER BY date_trunc('hour', u.observed_at), u.observed_at DESC)
                UNION ALL
                -- Unusable samples too (NaN sorts above every number here), even when a later one
                -- replaced them; 1e15 is QuotaMath.plausibleLimit (UnusableSampleTests holds them equal).
                (SELECT u.used, u.period_start, u.observed_at, u.source, u.limit_amount
                 FROM ops.usage_samples u
                 WHERE u.provider = k.p AND u.resource = k.r AND coalesce(u.account, '') = k.a AND u.observed_at > $4
                   AND NOT (u.used >= 0 AND u.used < 1e15))
            ) s
            """

    /// The statement before the account and source columns (see `refresh`).
    static let legacySQL = """
            SELECT k.p AS provider, k.r AS resource, s.used, s.period_start::text AS period_start, s.observed_at
            FROM unnest($1::text[], $2::text[]) AS k(p, r)
            CROSS JOIN LATERAL (
                SELECT DISTINCT ON (date_trunc('hour', u.observed_at)) u.used, u.period_start, u.observed_at
                FROM ops.usage_samples u
                WHERE u.provider = k.p AND u.resource = k.r AND u.observed_at > $3
                ORDER BY date_trunc('hour', u.observed_at), u.observed_at DESC
            ) s
            """

    static let statusSQL = """
            SELECT provider, account, last_success_at, failing_since, http_status, error, retry_at, calls, updated_at
            FROM ops.collector_status ORDER BY provider, account
            """

    static func status(_ row: PGRow) throws -> CollectorStatus {
        let account = row.optionalString("account").flatMap { $0.isEmpty ? nil : $0 }
        return CollectorStatus(provider: try row.string("provider"), account: account,
                               lastSuccessAt: try row.optionalDate("last_success_at"),
                               failingSince: try row.optionalDate("failing_since"),
                               httpStatus: try row.optionalInt("http_status").map { Int($0) },
                               error: row.optionalString("error"), retryAt: try row.optionalDate("retry_at"),
                               callsToday: Int(try row.int("calls")), updatedAt: try row.date("updated_at"))
    }

    /// When the platform's metering last wrote a sample (it writes to the ops shard).
    public var newestSample: Date? { lastSeen }

    /// The kept samples of a resource (`QuotaEntry.key`), oldest first.
    /// Unusable ones included: `QuotaMath.gauge` counts and flags them.
    public func samples(_ key: String) -> [QuotaSample] {
        let kept = buckets[key] ?? []
        guard let odd = unusable[key], !odd.isEmpty else { return kept }
        if let known = sortedSamples[key] { return known }
        let sorted = (kept + Array(odd.values)).sorted { $0.observedAt < $1.observedAt }
        sortedSamples[key] = sorted
        return sorted
    }

    /// The hour `refresh` files a sample under.
    static func hour(_ at: Date) -> Int { Int(at.timeIntervalSince1970 / 3_600) }

    /// Files `sample` in `list` (oldest first, one sample per hour): it
    /// replaces its hour's sample unless that one was observed later.
    /// Returns whether it was kept. Rows come oldest first, so nearly every
    /// sample is appended.
    static func keepLatestOfHour(_ sample: QuotaSample, in list: inout [QuotaSample]) -> Bool {
        let h = hour(sample.observedAt)
        guard let last = list.last, hour(last.observedAt) >= h else { list.append(sample); return true }
        var lo = 0, hi = list.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if hour(list[mid].observedAt) < h { lo = mid + 1 } else { hi = mid }
        }
        if lo < list.count && hour(list[lo].observedAt) == h {
            if list[lo].observedAt > sample.observedAt { return false }
            list[lo] = sample
        } else {
            list.insert(sample, at: lo)
        }
        return true
    }

    /// Drops the samples filed before hour `oldest`; the array is then made
    /// again at its size when growing left it much larger (appending doubles
    /// the capacity, and it is held until the next refresh).
    static func dropHours(before oldest: Int, from list: inout [QuotaSample]) {
        let n = list.firstIndex { hour($0.observedAt) >= oldest } ?? list.count
        if n > 0 { list.removeFirst(n) }
        guard list.capacity > list.count + list.count / 8 + 4 else { return }
        var exact: [QuotaSample] = []
        exact.reserveCapacity(list.count)
        exact.append(contentsOf: list)
        list = exact
    }

    /// Where a resource's newest sample came from, if it has one.
    public func provenance(_ key: String) -> QuotaProvenance? { newest[key] }
}
