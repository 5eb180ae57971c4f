import Foundation
import Logging
import StudySpotCore
import StudySpotWire

/// Reads `ops.audit_log` for the Events pane: the newest rows once, then
/// only rows past the last id seen, on the console's polling policy (so
/// the reads count in the ops shard's cost budget). Operators and admins
/// only: an owner's console never sends the query (and the owner's
/// database role has no privilege on the `ops` schema anyway).
public final class AuditLogMonitor: @unchecked Sendable {
    /// Roles whose console may read the audit log.
    public static let readers: Set<String> = ["operator", "admin"]
    /// Rows shown from before the console started.
    public static let backlog = 100
    /// Rows read per poll at most (a burst is read over several polls).
    public static let pageSize = 500

    static let columns = "id, at, actor, role, action, target, detail::text AS detail"
    /// The newest rows, newest first (the start-up backlog).
    static let newestSQL = "SELECT \(columns) FROM ops.audit_log ORDER BY id DESC LIMIT $1"
    /// Rows after the last one seen, by the primary key.
    static let afterSQL = "SELECT \(columns) FROM ops.audit_log WHERE id > $1 ORDER BY id LIMIT $2"

    private let shard: ShardConfig
    private let role: String
    private let options: PGConnectOptions
    private let interval: Double
    private let pace: MonitorPace
    private let post: @Sendable ([AuditEntry], String?) -> Void
    private let stopSignal = StopSignal()
    private let log = Logger(label: "studyspot.audit")
    private var conn: PGConnection?
    /// The highest id read (nil until the backlog was read).
    public private(set) var lastId: Int64?

    public init(opsShard: ShardConfig, role: String, interval: Double = 10, pace: MonitorPace = MonitorPace(),
                counter: OperationCounter = OperationCounter(), options: PGConnectOptions = PGConnectOptions(),
                post: @escaping @Sendable ([AuditEntry], String?) -> Void) {
        shard = opsShard; self.role = role; self.interval = interval; self.pace = pace; self.post = post
        var o = options
        o.costTarget = CostTarget(opsShard.name, in: counter)
        o.connectTimeoutSeconds = min(o.connectTimeoutSeconds, 3)
        o.statementTimeoutMs = min(o.statementTimeoutMs, 3_000)
        o.callTimeoutSeconds = min(o.callTimeoutSeconds, 5)
        self.options = o
    }

    public func start() { NamedThread.start("audit-log") { [self] in loop() } }
    public func stop() { stopSignal.stop() }

    private func loop() {
        while !stopSignal.isStopped {
            if pace.paused {
                if stopSignal.sleep(0.5) { break }
                continue
            }
            let (rows, problem) = pollOnce()
            if !rows.isEmpty || problem != nil || lastId != nil { post(rows, problem) }
            if stopSignal.sleepAligned(pace.interval(target: shard.name, base: interval)) { break }
        }
        conn?.close(); conn = nil
    }

    /// One read on the caller's thread: new rows in id order, or why none
    /// could be read. Never call it while the monitor's own thread runs.
    public func pollOnce() -> (rows: [AuditEntry], problem: String?) {
        guard Self.readers.contains(role) else { return ([], "the audit log is for operators and admins, not \(role)s") }
        do {
            if conn == nil || conn?.isAlive == false {
                conn?.close()
                conn = try PGConnection(dsn: shard.dsn, options: options)
            }
            var rows: [AuditEntry]
            if let last = lastId {
                rows = try conn!.query(AuditLogMonitor.afterSQL, [last, Int64(Self.pageSize)]).rows.map(Self.entry)
            } else {
                rows = try conn!.query(AuditLogMonitor.newestSQL, [Int64(Self.backlog)]).rows.map(Self.entry).reversed()
                lastId = 0
            }
            if let top = rows.last?.id { lastId = max(lastId ?? 0, top) }
            return (rows, nil)
        } catch {
            conn?.close(); conn = nil
            let problem = SecretMasking.masked(String(describing: error))
            log.notice("\(shard.name): audit log: \(problem)")
            return ([], problem)
        }
    }

    static func entry(_ r: PGRow) throws -> AuditEntry {
        AuditEntry(id: try r.int("id"), at: try r.date("at"), actor: try r.string("actor"), role: try r.string("role"),
                   action: try r.string("action"), target: try r.string("target"), detail: r.optionalString("detail"))
    }
}
