import Foundation
import StudySpotCore
import StudySpotWire

/// One usage figure as `ops.usage_samples` stores it.
public struct UsageRow: Sendable, Hashable {
    public var provider: String
    public var resource: String
    public var used: Double
    public var unit: String
    /// The period's first day (UTC); stored as a date.
    public var periodStart: Date
    public var account: String?
    public var source: UsageSource
    public var limit: Double?

    public init(provider: String, resource: String, used: Double, unit: String, periodStart: Date,
                account: String?, source: UsageSource, limit: Double?) {
        self.provider = provider; self.resource = resource; self.used = used; self.unit = unit
        self.periodStart = periodStart; self.account = account; self.source = source; self.limit = limit
    }
}

extension UsageRow {
    /// The catalog entry a figure of `account` counts against: that account's
    /// own entry, else the provider's account-less one, else any of the resource.
    public static func catalogEntry(provider: String, resource: String, account: String?, in quotas: [QuotaEntry]) -> QuotaEntry? {
        let matching = quotas.filter { $0.provider == provider && $0.resource == resource }
        return matching.first { $0.account == account } ?? matching.first { $0.account == nil } ?? matching.first
    }

    /// The catalog's period start for a figure that does not carry its own
    /// (a stock with no period: the day it was observed).
    public static func periodStart(of entry: QuotaEntry, at now: Date) -> Date {
        entry.period.window(at: now).start ?? ProviderDates.dayStart(now)
    }
}

/// How one poll ended, as `ops.collector_status` keeps it.
public struct PollRecord: Sendable {
    public var provider: String
    public var account: String?
    public var error: CollectorError?
    public var calls: Int

    public init(provider: String, account: String?, error: CollectorError?, calls: Int) {
        self.provider = provider; self.account = account; self.error = error; self.calls = calls
    }
}

public enum CollectorStoreError: Error, CustomStringConvertible {
    /// Another `studyspot collect` holds the deployment's lock.
    case lockHeld(holder: String?)
    case database(String)

    public var description: String {
        switch self {
        case .lockHeld(let holder):
            "another studyspot collect is running" + (holder.map { " (\($0))" } ?? "") + "; one per deployment serves every console"
        case .database(let why): why
        }
    }
}

/// The collector's writes on the ops shard: usage rows, status rows, and the
/// advisory lock that keeps one `studyspot collect` per deployment. Not
/// thread-safe on its own: the runner serialises calls.
public final class CollectorStore: @unchecked Sendable {
    /// `pg_try_advisory_lock`'s key: below 2³² so `pg_locks.objid` is the key itself.
    public static let lockKey: Int64 = 0x5353_434C  // "SSCL"
    /// What `pg_stat_activity` shows for a collector's session.
    public static let applicationPrefix = "studyspot-collect"

    private let shard: ShardConfig
    private let options: PGConnectOptions
    private var connection: PGConnection?
    /// Whether this store holds the deployment's lock.
    public private(set) var locked = false

    public init(ops shard: ShardConfig, counter: OperationCounter? = nil) {
        self.shard = shard
        var o = PGConnectOptions()
        let host = ProcessInfo.processInfo.hostName.prefix(30)
        o.applicationName = "\(Self.applicationPrefix) \(host) pid \(getpid())"
        o.costTarget = counter.map { CostTarget(shard.name, in: $0) }
        options = o
    }

    func live() throws(CollectorStoreError) -> PGConnection {
        if let c = connection, c.isAlive { return c }
        connection?.close()
        connection = nil
        do {
            let c = try PGConnection(dsn: shard.dsn, options: options)
            connection = c
            // A new session lost the old one's lock: take it again before writing.
            if locked {
                locked = false
                try lock()
            }
            return c
        } catch let e as CollectorStoreError {
            throw e
        } catch {
            throw .database("ops shard \(shard.name) unreachable: \(SecretMasking.masked(String(describing: error)))")
        }
    }

    /// Takes the deployment's collector lock, or says who holds it.
    public func lock() throws(CollectorStoreError) {
        var holder: String?
        let got = try session("ops shard") { c in
            let ok = try c.query("SELECT pg_try_advisory_lock($1) AS ok", [Self.lockKey]).first?.bool("ok") ?? false
            if !ok { holder = self.holder(c) }
            return ok
        }
        guard got else { throw .lockHeld(holder: holder) }
        locked = true
    }

    /// The session holding the lock, as `pg_stat_activity` names it.
    private func holder(_ c: PGConnection) -> String? {
        let row = try? c.query("""
            SELECT a.application_name, a.client_addr::text AS addr, a.pid
            FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
            WHERE l.locktype = 'advisory' AND l.granted AND l.classid = 0 AND l.objid = $1 LIMIT 1
            """, [Self.lockKey]).first
        guard let row else { return nil }
        let app = row.optionalString("application_name") ?? ""
        let name = app.hasPrefix(Self.applicationPrefix) ? app : "session pid \(row.optionalString("pid") ?? "?")"
        return name + (row.optionalString("addr").map { " from \($0)" } ?? "")
    }

    /// Releases the lock and closes the session.
    public func close() {
        if locked, let c = connection, c.isAlive { _ = try? c.query("SELECT pg_advisory_unlock($1)", [Self.lockKey]) }
        locked = false
        connection?.close()
        connection = nil
    }

    /// Writes one poll's rows and its status row in one transaction.
    public func write(_ rows: [UsageRow], _ record: PollRecord, now: Date) throws(CollectorStoreError) {
        try inTransaction("writing \(record.provider) to") { c in
            for r in rows { try insert(r, c, now: now) }
            try upsert(record, c, now: now)
        }
    }

    /// Rows without a poll (`usage set`).
    public func insert(_ rows: [UsageRow], now: Date) throws(CollectorStoreError) {
        try inTransaction("writing to") { c in for r in rows { try insert(r, c, now: now) } }
    }

    private func inTransaction(_ what: String, _ body: (PGConnection) throws -> Void) throws(CollectorStoreError) {
        try session("\(what) ops shard") { c in try c.transaction { try body(c) } }
    }

    /// Runs `body` on the session; one found dead on the way (the server
    /// restarted, a pooler or an admin dropped it) is opened again, the
    /// lock taken again, and `body` run once more.
    private func session<T>(_ what: String, _ body: (PGConnection) throws -> T) throws(CollectorStoreError) -> T {
        var attempt = 0
        while true {
            let c = try live()
            do { return try body(c) } catch {
                if attempt == 0, !c.isAlive { attempt += 1; continue }
                throw .database("\(what) \(shard.name): \(SecretMasking.masked(String(describing: error)))")
            }
        }
    }

    private func insert(_ r: UsageRow, _ c: PGConnection, now: Date) throws {
        try c.query("""
            INSERT INTO ops.usage_samples (provider, resource, used, unit, period_start, observed_at, account, source, limit_amount)
            VALUES ($1, $2, $3::float8, $4, $5::date, $6::timestamptz, $7, $8, $9::float8)
            """, [r.provider, r.resource, r.used, r.unit, ProviderDates.day(r.periodStart), now, r.account, r.source.column, r.limit])
    }

    /// `failing_since` keeps the first failure of a run and clears on success;
    /// `calls` counts the UTC day's calls and starts again on a new day.
    private func upsert(_ p: PollRecord, _ c: PGConnection, now: Date) throws {
        let ok = p.error == nil
        try c.query("""
            INSERT INTO ops.collector_status AS s
              (provider, account, last_success_at, failing_since, http_status, error, retry_at, calls_day, calls, updated_at)
            VALUES ($1, $2, CASE WHEN $3::boolean THEN $8::timestamptz END, CASE WHEN $3::boolean THEN NULL ELSE $8::timestamptz END,
                    $4::int, $5, $6::timestamptz, ($8::timestamptz AT TIME ZONE 'UTC')::date, $7::int, $8::timestamptz)
            ON CONFLICT (provider, account) DO UPDATE SET
              last_success_at = CASE WHEN $3::boolean THEN $8::timestamptz ELSE s.last_success_at END,
              failing_since = CASE WHEN $3::boolean THEN NULL ELSE coalesce(s.failing_since, $8::timestamptz) END,
              http_status = EXCLUDED.http_status, error = EXCLUDED.error, retry_at = EXCLUDED.retry_at,
              calls = CASE WHEN s.calls_day = EXCLUDED.calls_day THEN s.calls + EXCLUDED.calls ELSE EXCLUDED.calls END,
              calls_day = EXCLUDED.calls_day, updated_at = EXCLUDED.updated_at
            """, [p.provider, p.account ?? "", ok, p.error?.httpStatus, p.error.map { SecretMasking.masked($0.message) },
                  p.error?.retryAt, p.calls, now])
    }
}
