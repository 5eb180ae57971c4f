import Foundation
import Logging
import StudySpotCore
import StudySpotWire

/// Polls one shard for the Shards pane: reachability and latency, size,
/// connections, row estimates and whether archiving is behind. A shard on
/// Turso's HTTP API gives reachability, latency and (when Turso allows the
/// pragmas) its size; connections and estimates stay unknown there.
public final class ShardMonitor: @unchecked Sendable {
    private let shard: ShardConfig
    private let options: PGConnectOptions
    private let limit: (bytes: Int64?, plan: String?)
    private let interval: Double
    private let post: @Sendable (ShardHealth) -> Void
    private let stopSignal = StopSignal()
    private let pace: MonitorPace
    private let log = Logger(label: "studyspot.shards")
    /// The Turso shard's client (nil for libpq, or an unusable url: then `hranaProblem`).
    private let hrana: HranaClient?
    private var hranaProblem: String?
    /// Turso refused the size pragmas once: the size stays unknown.
    private var sizeRefused = false

    /// `quotas` is the config's catalog: the shard's free-tier size comes from
    /// its provider's `storage` entry.
    /// Seconds between polls at the console's default refresh.
    public static let defaultInterval = 5.0

    public init(shard: ShardConfig, quotas: [QuotaEntry], options: PGConnectOptions = PGConnectOptions(),
                interval: Double = ShardMonitor.defaultInterval, pace: MonitorPace = MonitorPace(), counter: OperationCounter = OperationCounter(),
                transport: any HranaTransport = HTTPClientTransport(),
                post: @escaping @Sendable (ShardHealth) -> Void) {
        self.shard = shard; self.interval = interval; self.pace = pace; self.post = post
        var o = options
        o.costTarget = CostTarget(shard.name, in: counter)
        o.connectTimeoutSeconds = min(o.connectTimeoutSeconds, 3)
        o.statementTimeoutMs = min(o.statementTimeoutMs, 3_000)
        o.callTimeoutSeconds = min(o.callTimeoutSeconds, 5)
        self.options = o
        limit = Self.storageLimit(provider: shard.provider, quotas: quotas)
        if let url = shard.url {
            do {
                hrana = try HranaClient(url: url, token: shard.token ?? "", transport: transport,
                                        timeout: o.callTimeoutSeconds, costTarget: o.costTarget)
            } catch { hrana = nil; hranaProblem = error.message }
        } else { hrana = nil }
    }

    public func start() { NamedThread.start("shard-\(shard.name)") { [self] in loop() } }
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

    /// The reading's connection: used by the monitor's thread only, or by
    /// `pollOnce` when the monitor was not started (the benchmark).
    private var conn: PGConnection?
    /// The last size read and when (see `healthSQL`).
    private var lastSize: (bytes: Int64, at: Date)?
    /// Seconds between reads of the database's size.
    public var sizeEvery: TimeInterval = 30

    private func loop() {
        while !stopSignal.isStopped {
            if pace.paused {
                if stopSignal.sleep(0.5) { break }
                continue
            }
            post(pollOnce())
            if stopSignal.sleepAligned(pace.interval(target: shard.name, base: interval)) { break }
        }
        conn?.close(); conn = nil
    }

    /// One reading, on the caller's thread, keeping the connection open for
    /// the next (the console's refresh, and `studyspot-bench refresh`).
    /// Never call it while the monitor's own thread runs.
    public func pollOnce() -> ShardHealth {
        var h = ShardHealth(name: shard.name, provider: shard.provider, role: shard.role, users: shard.users)
        h.limitBytes = limit.bytes; h.planText = limit.plan
        if shard.overHTTP { return pollTurso(h) }
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
        return h
    }

    /// Everything but the archive check in one statement (one round trip,
    /// also the latency figure). The database's size only when `$1`: it
    /// walks the database's directory (about 1 ms a shard, most of the
    /// statement's server time) and changes slowly, so it is read every
    /// `sizeEvery` seconds and the last reading shown in between. Row counts are the planner's estimates
    /// (`pg_class.reltuples`), never `count(*)`; `to_regclass` keeps it valid
    /// on shards that lack a table.
    static let healthSQL = """
        SELECT CASE WHEN $1::boolean THEN pg_database_size(current_database()) END AS size,
               (SELECT count(*) FROM pg_stat_activity WHERE datname IS NOT NULL) AS conns,
               current_setting('max_connections')::int AS maxc,
               (SELECT reltuples::bigint FROM pg_class WHERE oid = to_regclass('public.users')) AS users_n,
               (SELECT reltuples::bigint FROM pg_class WHERE oid = to_regclass('public.bookings')) AS bookings_n,
               (SELECT reltuples::bigint FROM pg_class WHERE oid = to_regclass('public.archived_bookings')) AS archived_n
        """

    /// Whether archiving is behind: the oldest booking, read from the first
    /// entry of `bookings_starts_at_idx` (min() becomes an index probe).
    static let archiveBehindSQL = "SELECT min(starts_at) < now() - interval '6 months' AS behind FROM bookings"

    /// One reading of a shard on Turso's HTTP API: one pipeline, the size when due.
    private func pollTurso(_ health: ShardHealth) -> ShardHealth {
        var h = health
        defer { h.checkedAt = Date() }
        guard let hrana else {
            h.reachable = false; h.error = hranaProblem ?? "no url"
            return h
        }
        let t0 = Date()
        let timeout = min(options.callTimeoutSeconds, max(1, pace.interval(target: shard.name, base: interval)))
        let readSize = !sizeRefused && (lastSize.map { t0.timeIntervalSince($0.at) >= sizeEvery } ?? true)
        do {
            do {
                let r = readSize ? try hrana.query(TursoCatalogSQL.size, timeout: timeout)
                                 : try hrana.query(TursoCatalogSQL.ping, timeout: timeout)
                if readSize, let size = try r.first?.optionalInt("size") {
                    lastSize = (size, t0)
                    SharedReading.databaseSize.record(shard.endpoint, size, at: t0)
                }
            } catch let e as HranaError where e.kind == .statement && readSize {
                // Turso answered, but not the pragmas: reachable, size unknown from now on.
                sizeRefused = true
                log.notice("\(shard.name): size unknown: \(e.message)")
            }
            h.latency = Date().timeIntervalSince(t0)
            h.sizeBytes = lastSize?.bytes
            h.reachable = true
        } catch {
            h.reachable = false
            h.error = SecretMasking.masked(String(describing: error))
            log.notice("\(shard.name): \(h.error ?? "")")
        }
        return h
    }

    /// Closes the connection `pollOnce` keeps.
    public func closeConnection() { conn?.close(); conn = nil }

    /// Two statements on a users shard, one elsewhere.
    func read(_ c: PGConnection, into h: inout ShardHealth) throws {
        let t0 = Date()
        let readSize = lastSize.map { t0.timeIntervalSince($0.at) >= sizeEvery } ?? true
        let r = try c.query(ShardMonitor.healthSQL, [readSize])
        let answered = Date()
        h.latency = answered.timeIntervalSince(t0)
        SharedReading.shardAnswered.record(shard.endpoint, answered, at: answered)
        guard let row = r.first else { return }
        if readSize, let size = try row.optionalInt("size") {
            lastSize = (size, t0)
            SharedReading.databaseSize.record(shard.endpoint, size, at: t0)
        }
        h.sizeBytes = lastSize?.bytes
        h.connections = try row.optionalInt("conns").map(Int.init)
        h.maxConnections = try row.optionalInt("maxc").map(Int.init)
        // reltuples is -1 until the table's first ANALYZE: unknown, not negative.
        func estimate(_ column: String) throws -> Int64? { try row.optionalInt(column).flatMap { $0 >= 0 ? $0 : nil } }
        h.usersEstimate = try estimate("users_n")
        let bookings = try estimate("bookings_n"), archived = try estimate("archived_n")
        if bookings != nil || archived != nil { h.bookingsEstimate = (bookings ?? 0) + (archived ?? 0) }
        if shard.role == .users, row.optionalString("bookings_n") != nil {
            h.archiveBehind = try c.query(ShardMonitor.archiveBehindSQL).first?.optionalString("behind") == "t"
        }
    }
}
