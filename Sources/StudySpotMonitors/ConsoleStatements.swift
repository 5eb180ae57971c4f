import Foundation
import StudySpotCore
import StudySpotWire

/// Sample values to run a statement's `EXPLAIN` with: a library that exists
/// and the clock.
public struct StatementSample: Sendable {
    public var libraryId: Int64
    public var now: Date
    public init(libraryId: Int64 = 1, now: Date = Date()) { self.libraryId = libraryId; self.now = now }
}

/// One SQL statement the console sends to PostgreSQL.
public struct ConsoleStatement: Sendable {
    /// Which shards it runs on.
    /// `turso`: a catalog on Turso's HTTP API (SQLite's dialect, never EXPLAINed on PostgreSQL).
    public enum Shards: String, Sendable { case every, users, catalog, ops, turso }

    /// The constant it lives in (`Type.member`), or `literal` for text written
    /// at the call (the source-scan test checks both against the code).
    public let name: String
    public let sql: String
    public let shards: Shards
    /// Transaction control and LISTEN cannot be EXPLAINed.
    public let explainable: Bool
    /// Parameters a real call would pass, for `EXPLAIN`.
    public let sample: @Sendable (StatementSample) -> [(any PGParameter)?]

    init(_ name: String, _ sql: String, on shards: Shards, explainable: Bool = true,
         sample: @escaping @Sendable (StatementSample) -> [(any PGParameter)?] = { _ in [] }) {
        self.name = name; self.sql = sql; self.shards = shards; self.explainable = explainable; self.sample = sample
    }
}

/// Every statement the console (dashboard and `snapshot`) sends through
/// `PGConnection` or, to a Turso catalog, `HranaClient`, referencing the constants where the code keeps them.
/// `ConsoleStatementTests` EXPLAINs each one (none may read `bookings` or
/// `archived_bookings` with a sequential scan) and scans the sources so a
/// statement cannot be sent without being listed here; `studyspot-bench
/// refresh` EXPLAINs them at 10x with the planner's defaults.
/// Not listed: the schema command's DDL, the seeder and the simulator (the
/// platform's side) and the benchmarks' load generators.
public enum ConsoleStatements {
    public static let all: [ConsoleStatement] = [
        // The booking feed and the seat map (one connection per users shard).
        ConsoleStatement("BookingFeedSQL.byIds", BookingFeedSQL.byIds, on: .users) { _ in [PGArray([1, 2, 3] as [Int64])] },
        ConsoleStatement("BookingFeedSQL.since", BookingFeedSQL.since, on: .users) { s in [s.now.addingTimeInterval(-10), Int64(0), 2_000] },
        ConsoleStatement("BookingFeedSQL.newest", BookingFeedSQL.newest, on: .users) { _ in [300] },
        ConsoleStatement("BookingFeedSQL.today", BookingFeedSQL.today, on: .users) { s in
            [s.now.addingTimeInterval(-43_200), s.now.addingTimeInterval(43_200)]
        },
        ConsoleStatement("BookingFeedSQL.library", BookingFeedSQL.library, on: .users) { s in
            [s.libraryId, s.now.addingTimeInterval(-43_200), s.now.addingTimeInterval(43_200)]
        },
        ConsoleStatement("BookingFeedSQL.madePerMinute", BookingFeedSQL.madePerMinute, on: .users) { s in
            [s.now.addingTimeInterval(-86_400)]
        },
        ConsoleStatement("literal", "SELECT now() AS now", on: .users),
        // The feed's idle check: a shard silent for a while must still answer (a hung one is found).
        ConsoleStatement("literal", "SELECT 1", on: .users),
        ConsoleStatement("literal", "LISTEN \"studyspot_bookings\"", on: .users, explainable: false),

        // Library and seat names (catalog shard).
        ConsoleStatement("CatalogCache.librariesSQL", CatalogCache.librariesSQL, on: .catalog) { _ in [5_000] },
        ConsoleStatement("CatalogCache.libraryByIdSQL", CatalogCache.libraryByIdSQL, on: .catalog) { s in [s.libraryId] },
        ConsoleStatement("CatalogCache.seatLayoutSQL", CatalogCache.seatLayoutSQL, on: .catalog) { s in [s.libraryId] },
        ConsoleStatement("CatalogCache.librariesByIdsSQL", CatalogCache.librariesByIdsSQL, on: .catalog) { s in [PGArray([s.libraryId])] },
        ConsoleStatement("CatalogCache.seatLabelsSQL", CatalogCache.seatLabelsSQL, on: .catalog) { s in [PGArray([s.libraryId])] },

        // The same reads, and the Shards pane's, on a catalog on Turso's HTTP API (SQLite's dialect).
        ConsoleStatement("TursoCatalogSQL.libraries", TursoCatalogSQL.libraries, on: .turso, explainable: false),
        ConsoleStatement("TursoCatalogSQL.libraryById", TursoCatalogSQL.libraryById, on: .turso, explainable: false),
        ConsoleStatement("TursoCatalogSQL.seatLayout", TursoCatalogSQL.seatLayout, on: .turso, explainable: false),
        ConsoleStatement("TursoCatalogSQL.librariesByIds", TursoCatalogSQL.librariesByIds, on: .turso, explainable: false),
        ConsoleStatement("TursoCatalogSQL.seatLabels", TursoCatalogSQL.seatLabels, on: .turso, explainable: false),
        ConsoleStatement("TursoCatalogSQL.size", TursoCatalogSQL.size, on: .turso, explainable: false),
        ConsoleStatement("TursoCatalogSQL.ping", TursoCatalogSQL.ping, on: .turso, explainable: false),

        // The Shards pane (every shard) and the quota monitor.
        ConsoleStatement("ShardMonitor.healthSQL", ShardMonitor.healthSQL, on: .every) { _ in [true] },
        ConsoleStatement("ShardMonitor.archiveBehindSQL", ShardMonitor.archiveBehindSQL, on: .users),
        ConsoleStatement("QuotaMonitor.databaseSizeSQL", QuotaMonitor.databaseSizeSQL, on: .every),
        ConsoleStatement("UsageSampleReader.sql", UsageSampleReader.sql, on: .ops) { s in
            [PGArray(strings: ["neon", "render"]), PGArray(strings: ["storage", "compute"]), PGArray(strings: ["", "render-2"]),
             s.now.addingTimeInterval(-UsageSampleReader.keepSeconds)]
        },
        ConsoleStatement("UsageSampleReader.legacySQL", UsageSampleReader.legacySQL, on: .ops) { s in
            [PGArray(strings: ["neon", "upstash"]), PGArray(strings: ["storage", "commands"]), s.now.addingTimeInterval(-UsageSampleReader.keepSeconds)]
        },
        ConsoleStatement("UsageSampleReader.statusSQL", UsageSampleReader.statusSQL, on: .ops),

        // The Events pane's operator actions: the newest rows, then those past the last id.
        ConsoleStatement("AuditLogMonitor.newestSQL", AuditLogMonitor.newestSQL, on: .ops) { _ in [Int64(100)] },
        ConsoleStatement("AuditLogMonitor.afterSQL", AuditLogMonitor.afterSQL, on: .ops) { _ in [Int64(0), Int64(500)] },

        // Operator actions: the audit row, in a transaction with the state-cache write.
        ConsoleStatement("OperatorActions.auditSQL", OperatorActions.auditSQL, on: .ops) { _ in
            ["bench", "operator", "drain", "railway", "{}"]
        },
        ConsoleStatement("literal", "BEGIN", on: .every, explainable: false),
        ConsoleStatement("literal", "COMMIT", on: .every, explainable: false),
        ConsoleStatement("literal", "ROLLBACK", on: .every, explainable: false),
    ]

    /// Statements that run on a shard of this role (the ops shard is a users shard).
    public static func statements(for role: ShardRole, isOps: Bool) -> [ConsoleStatement] {
        all.filter { s in
            switch s.shards {
            case .every: true
            case .users: role == .users
            case .catalog: role == .catalog
            case .ops: isOps
            case .turso: false
            }
        }
    }

    /// The SQL of the statement listed under `name` (the benchmark's feed read).
    public static func named(_ name: String) -> String {
        all.first { $0.name == name }?.sql ?? ""
    }

    /// Whitespace-insensitive form, to compare statements found in the sources.
    public static func normalized(_ sql: String) -> String {
        sql.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }
}
