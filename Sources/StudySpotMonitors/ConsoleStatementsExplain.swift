import Foundation
import StudySpotCore
import StudySpotWire

/// EXPLAINs the registry's statements (`ConsoleStatements`) on a shard: for
/// the sequential-scan test and `studyspot-bench refresh`. It never
/// runs in the dashboard, so its own EXPLAIN text is not in the registry.
public enum ConsoleStatementsExplain {
    /// One statement's plan on one shard.
    public struct Plan: Sendable {
        public var statement: String
        public var shard: String
        public var lines: [String]
        /// Plan lines that read a booking table sequentially.
        public var bookingSeqScans: [String] { lines.filter(ConsoleStatementsExplain.isBookingSeqScan) }
        /// pg_stat_statements' id of the statement (EXPLAIN VERBOSE prints it
        /// when the server computes query ids), to find its server time.
        public var queryId: Int64?
    }

    /// "Seq Scan on bookings b" / "Parallel Seq Scan on archived_bookings".
    public static func isBookingSeqScan(_ line: String) -> Bool {
        guard let r = line.range(of: "Seq Scan on ") else { return false }
        let table = line[r.upperBound...].split(separator: " ").first.map(String.init) ?? ""
        return table == "bookings" || table == "archived_bookings"
            || table == "public.bookings" || table == "public.archived_bookings"
    }

    /// EXPLAINs every explainable statement that runs on `shard`, with the
    /// sample parameters bound as a call would bind them (so the planner sees
    /// real values, as for the console's one-shot statements). With
    /// `seqScanOff` the planner avoids sequential scans wherever an index can
    /// serve: a Seq Scan that remains means no index can.
    public static func explainAll(on c: PGConnection, shard: ShardConfig, isOps: Bool, sample: StatementSample,
                                  seqScanOff: Bool) throws -> [Plan] {
        if seqScanOff { try c.query("SET enable_seqscan = off") } else { try c.query("RESET enable_seqscan") }
        defer { _ = try? c.query("RESET enable_seqscan") }
        var plans: [Plan] = []
        for s in ConsoleStatements.statements(for: shard.role, isOps: isOps) where s.explainable {
            let explain = "EXPLAIN (VERBOSE) " + s.sql
            let r = try c.query(explain, s.sample(sample))
            let lines = r.rows.compactMap { $0.optionalString("QUERY PLAN") }
            var id: Int64?
            if let l = lines.first(where: { $0.contains("Query Identifier:") }) {
                id = Int64(l.split(separator: ":").last.map { $0.trimmingCharacters(in: .whitespaces) } ?? "")
            }
            plans.append(Plan(statement: s.name == "literal" ? s.sql : s.name, shard: shard.name, lines: lines, queryId: id))
        }
        return plans
    }
}
