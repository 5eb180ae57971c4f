import Foundation
import Logging
import StudySpotCore

/// Polls one PostgreSQL shard for the Shards pane: reachability and latency,
/// size, connections, row estimates and whether archiving is behind.
public final class ShardMonitor: @unchecked Sendable {
    private let shard: ShardConfig
    private let options: PGConnectOptions
    private let limit: (bytes: Int64?, plan: String?)
    private let interval: Double
    private let post: @Sendable (ShardHealth) -> Void
    private let stopSignal = StopSignal()
    private let pace: MonitorPace
    private let log = Logger(label: "studyspot.shards")

    /// `quotas` is the config's catalog: the shard's free-tier size comes from
    /// its provider's `storage` entry.
    public init(shard: ShardConfig, quotas: [QuotaEntry], options: PGConnectOptions = PGConnectOptions(),
                interval: Double = 5, pace: MonitorPace = MonitorPace(), post: @escaping @Sendable (ShardHealth) -> Void) {
        self.shard = shard; self.interval = interval; self.pace = pace; self.post = post
        var o = options
        o.costTarget = shard.name
        o.connectTimeoutSeconds = min(o.connectTimeoutSeconds, 3)
        o.statementTimeoutMs = min(o.statementTimeoutMs, 3_000)
        o.callTimeoutSeconds = min(o.callTimeoutSeconds, 5)
        self.options = o
        limit = Self.storageLimit(provider: shard.provider, quotas: quotas)
    }

    public func start() { Thread.detachNewThread { [self] in loop() } }
    public func stop() { stopSignal.stop() }

    /// The provider's free-tier database size in bytes and the plan's figure.
    public static func storageLimit(provider: String, quotas: [QuotaEntry]) -> (bytes: Int64?, plan: String?) {
        guard let e = quotas.first(where: { $0.provider == provider && $0.category == .database && $0.resource == "storage" })
        else { return (nil, nil) }
        let bytes = e.limit.flatMap { bytesOf($0, unit: e.unit) }
        return (bytes, e.planText)
    }

    static func bytesOf(_ value: Double, unit: String) -> Int64? {
        switch unit.uppercased() {
        case "GB": Int64(value * 1_073_741_824)
        case "MB": Int64(value * 1_048_576)
        default: nil
        }
    }

    private func loop() {
        var conn: PGConnection?
        while !stopSignal.isStopped {
            if pace.paused {
                if stopSignal.sleep(0.5) { break }
                continue
            }
            var h = ShardHealth(name: shard.name, provider: shard.provider, role: shard.role, users: shard.users)
            h.limitBytes = limit.bytes; h.planText = limit.plan
            do {
                if conn == nil || conn?.isAlive == false {
                    conn?.close()
                    conn = try PGConnection(dsn: shard.dsn, options: options)
                }
                // A poll gets at most one interval: a hung shard is marked by the
                // next refresh, not after the full deadline (found by the fault suite).
                conn!.callTimeoutSeconds = min(options.callTimeoutSeconds, max(1, pace.interval(target: shard.name, base: interval)))
                try read(conn!, into: &h)
                h.reachable = true
            } catch {
                conn?.close(); conn = nil
                h.reachable = false
                h.error = SecretMasking.masked(String(describing: error))
                log.notice("\(shard.name): \(h.error ?? "")")
            }
            h.checkedAt = Date()
            post(h)
            if stopSignal.sleep(pace.interval(target: shard.name, base: interval)) { break }
        }
        conn?.close()
    }

    /// Four cheap statements; the archive check walks `bookings_starts_at_idx`
    /// and stops at the first old row.
    func read(_ c: PGConnection, into h: inout ShardHealth) throws {
        let t0 = Date()
        try c.query("SELECT 1")
        h.latency = Date().timeIntervalSince(t0)
        let r = try c.query("""
            SELECT pg_database_size(current_database()) AS size,
                   (SELECT count(*) FROM pg_stat_activity WHERE datname IS NOT NULL) AS conns,
                   current_setting('max_connections')::int AS maxc
            """)
        if let row = r.first {
            h.sizeBytes = try row.optionalInt("size")
            h.connections = try row.optionalInt("conns").map(Int.init)
            h.maxConnections = try row.optionalInt("maxc").map(Int.init)
        }
        let est = try c.query("""
            SELECT c.relname, c.reltuples::bigint AS n FROM pg_class c
            JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND c.relname = ANY($1)
            """, [PGArray(strings: ["users", "bookings", "archived_bookings"])])
        for row in est.rows {
            let n = try row.optionalInt("n").flatMap { $0 >= 0 ? $0 : nil }
            switch row["relname"] {
            case "users": h.usersEstimate = n
            case "bookings", "archived_bookings": h.bookingsEstimate = (h.bookingsEstimate ?? 0) + (n ?? 0)
            default: break
            }
        }
        if shard.role == .users, est.rows.contains(where: { $0["relname"] == "bookings" }) {
            let old = try c.query("SELECT 1 FROM bookings WHERE starts_at < now() - interval '6 months' LIMIT 1")
            h.archiveBehind = old.count > 0
        }
    }
}
