import Foundation
@testable import StudySpotDevStack
import StudySpotSchema
@testable import StudySpotMonitors
@testable import StudySpotWire
import Testing
import StudySpotCore
import StudySpotTestSupport

/// No statement the console sends may read `bookings` or
/// `archived_bookings` with a sequential scan, and every statement it sends
/// is listed in `ConsoleStatements`.
@Suite struct ConsoleStatementTests {
    /// The test stack holds little data, so with default settings the planner
    /// rightly prefers a sequential scan of a tiny table and the plan would say
    /// nothing about 5 million rows. With `enable_seqscan = off` it takes any
    /// index that can serve the statement; a Seq Scan left in the plan means
    /// no index can, which is exactly what must not happen at 10x
    /// (`scripts/bench-10x.sh` also EXPLAINs them there, default settings).
    @Test func noStatementScansABookingTableSequentially() throws {
        let topo = try TestEnvironment.topology()
        let applied = SchemaApplier(topology: topo, ownerPassword: TestEnvironment.ownerPassword).applyAll()
        #expect(applied.shards.allSatisfy { $0.error == nil })
        var explained = Set<String>()
        var offenders: [String] = []
        for shard in topo.shards {
            let c = try PGConnection(dsn: shard.dsn)
            defer { c.close() }
            let plans = try ConsoleStatementsExplain.explainAll(on: c, shard: shard, isOps: topo.opsShard?.name == shard.name,
                                                                sample: StatementSample(), seqScanOff: true)
            for p in plans {
                explained.insert(p.statement)
                offenders += p.bookingSeqScans.map { "\(p.statement) on \(p.shard): \($0)" }
            }
        }
        #expect(offenders.isEmpty, "sequential scans of a booking table: \(offenders)")
        // Every explainable statement was explained on some shard.
        let expected = Set(ConsoleStatements.all.filter(\.explainable).map { $0.name == "literal" ? $0.sql : $0.name })
        #expect(expected.subtracting(explained).isEmpty, "not explained: \(expected.subtracting(explained))")
    }

    /// The check itself can fail: a filter no index serves still plans a
    /// Seq Scan with `enable_seqscan = off`, and the detector sees it.
    @Test func aStatementNoIndexServesIsCaught() throws {
        let shard = try #require(try TestEnvironment.topology().usersShards.first)
        _ = SchemaApplier(topology: try TestEnvironment.topology(), ownerPassword: TestEnvironment.ownerPassword).applyAll()
        let c = try PGConnection(dsn: shard.dsn)
        defer { c.close() }
        try c.query("SET enable_seqscan = off")
        let lines = try c.query("EXPLAIN SELECT id FROM bookings WHERE amount_paise = $1", [5]).rows.compactMap { $0.optionalString("QUERY PLAN") }
        #expect(lines.contains(where: ConsoleStatementsExplain.isBookingSeqScan))
        #expect(!ConsoleStatementsExplain.isBookingSeqScan("Index Scan using bookings_starts_at_idx on bookings"))
        #expect(!ConsoleStatementsExplain.isBookingSeqScan("Seq Scan on bookings_archive_log"))
    }

    /// The charts' read-back at start reads the bookings made today through
    /// the index on `created_at`, not every booking touched today through
    /// `updated_at`'s (that grew the first full frame's time with the day:
    /// Benchmarks/README.md, "Footprint: start-up on a grown day").
    @Test func theChartsReadBackReadsOnlyTodaysNewBookings() throws {
        let topo = try TestEnvironment.topology()
        let shard = try #require(topo.usersShards.first)
        _ = SchemaApplier(topology: topo, ownerPassword: TestEnvironment.ownerPassword).applyAll()
        let c = try PGConnection(dsn: shard.dsn)
        defer { c.close() }
        try c.query("SET enable_seqscan = off")
        let lines = try c.query("EXPLAIN " + BookingFeedSQL.madePerMinute, [Date().addingTimeInterval(-3_600)]).rows
            .compactMap { $0.optionalString("QUERY PLAN") }
        #expect(lines.contains { $0.contains("bookings_created_at_idx") }, "\(lines)")
        #expect(!lines.contains { $0.contains("bookings_updated_at_idx") }, "\(lines)")
    }

    /// Every `.query(` in the console's sources sends a registered statement:
    /// a literal whose text is in the registry, or a `Type.member` constant the
    /// registry lists under that name. `copyIn`/`execute(script:)` and raw
    /// libpq sends are not allowed there at all.
    @Test func everyStatementSentIsInTheRegistry() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let files = try SourceStatementScan.consoleSources(root: root)
        #expect(files.count > 10)
        let registry = try String(contentsOf: root.appendingPathComponent("Sources/StudySpotMonitors/ConsoleStatements.swift"), encoding: .utf8)
        let literals = Set(ConsoleStatements.all.filter { $0.name == "literal" }.map { ConsoleStatements.normalized($0.sql) })
        let names = Set(ConsoleStatements.all.map(\.name))
        var unlisted: [String] = []
        var sends = 0
        for file in files {
            let text = try String(contentsOf: file, encoding: .utf8)
            let rel = file.path.replacingOccurrences(of: root.path + "/", with: "")
            for call in SourceStatementScan.calls(in: text) {
                sends += 1
                switch call {
                case .literal(let sql):
                    if !literals.contains(ConsoleStatements.normalized(sql)) { unlisted.append("\(rel): \"\(sql)\"") }
                case .constant(let id):
                    // Listed under its name, and the registry's SQL is that very constant.
                    if !names.contains(id) || !registry.contains("\"\(id)\", \(id),") { unlisted.append("\(rel): \(id)") }
                case .other(let snippet):
                    unlisted.append("\(rel): not a registered statement: \(snippet)")
                }
            }
            for banned in ["copyIn(", "execute(script:", "PQexec", "PQsendQuery"] where text.contains(banned) {
                unlisted.append("\(rel): uses \(banned)")
            }
        }
        #expect(sends >= 15, "the scan found too few statements (\(sends)): is it still reading the sources?")
        #expect(unlisted.isEmpty, "statements sent but not in ConsoleStatements: \(unlisted)")
    }

    @Test func theScannerReadsLiteralsConstantsAndTheRest() {
        let code = #"""
            try c.query("SELECT 1")
            let r = try conn.query("""
                SELECT x
                FROM y
                """, [1])
            c.query(CatalogCache.librariesSQL, [limit])
            c.query(sql)
            c.query("EXPLAIN " + s.sql)
            """#
        let calls = SourceStatementScan.calls(in: code)
        #expect(calls.count == 5)
        #expect(calls[0] == .literal("SELECT 1"))
        #expect(calls[1] == .literal("SELECT x\nFROM y"))
        #expect(calls[2] == .constant("CatalogCache.librariesSQL"))
        #expect(calls[3] == .other("sql"))
        if case .other = calls[4] {} else { Issue.record("a concatenation must not pass: \(calls[4])") }
    }
}

/// Finds what the console's source files pass to `PGConnection.query`.
enum SourceStatementScan: Equatable {
    case literal(String), constant(String), other(String)

    /// The files whose statements the console sends. Left out, with reasons:
    /// PGConnection.swift (the API: its BEGIN/COMMIT/ROLLBACK/LISTEN are in the
    /// registry as literals), SchemaApplier.swift (`schema apply`, DDL on
    /// demand), ConsoleStatementsExplain.swift (EXPLAINs the registry for the
    /// test and the benchmark), the simulator and seeder (the platform's
    /// side), the local stack's probe (`stack status`, not the console) and
    /// the benchmark commands (their load generators).
    static let excluded: Set<String> = ["LocalStackProbe.swift", "PGConnection.swift", "SchemaApplier.swift", "ConsoleStatementsExplain.swift",
                                        "BenchOwnerCommand.swift", "BenchRefreshCommand.swift", "BenchRefresh.swift"]

    static func consoleSources(root: URL) throws -> [URL] {
        var out: [URL] = []
        for dir in ["Sources/StudySpotWire", "Sources/StudySpotMonitors", "Sources/StudySpotDevStack", "Sources/StudySpotConsole", "Sources/StudySpotCore", "Sources/studyspot"] {
            let url = root.appendingPathComponent(dir)
            for name in try FileManager.default.contentsOfDirectory(atPath: url.path).sorted()
            where name.hasSuffix(".swift") && !excluded.contains(name) {
                out.append(url.appendingPathComponent(name))
            }
        }
        return out
    }

    /// Every `.query(` call's first argument.
    static func calls(in text: String) -> [SourceStatementScan] {
        var out: [SourceStatementScan] = []
        var rest = Substring(text)
        while let r = rest.range(of: ".query(") {
            rest = rest[r.upperBound...]
            let arg = rest.drop(while: { $0 == " " || $0 == "\n" })
            if arg.hasPrefix("\"\"\"") {
                out.append(multiline(arg))
            } else if arg.hasPrefix("\"") {
                out.append(single(arg))
            } else {
                let id = String(arg.prefix(while: { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." }))
                let next = arg.dropFirst(id.count).first
                let isConstant = id.split(separator: ".").count == 2 && id.first?.isUppercase == true && !id.hasPrefix("Self.")
                    && (next == "," || next == ")")
                out.append(isConstant ? .constant(id) : .other(id.isEmpty ? String(arg.prefix(40)) : id))
            }
        }
        return out
    }

    /// `"..."`: only a whole literal (no interpolation, nothing appended) counts.
    private static func single(_ arg: Substring) -> SourceStatementScan {
        var body = ""
        var i = arg.index(after: arg.startIndex)
        while i < arg.endIndex, arg[i] != "\"" {
            if arg[i] == "\\" {
                let n = arg.index(after: i)
                guard n < arg.endIndex, arg[n] == "\"" else { return .other(String(arg.prefix(40))) }
                body.append("\""); i = arg.index(after: n); continue
            }
            body.append(arg[i]); i = arg.index(after: i)
        }
        guard i < arg.endIndex else { return .other(String(arg.prefix(40))) }
        let after = arg[arg.index(after: i)...].first
        return after == "," || after == ")" ? .literal(body) : .other(String(arg.prefix(40)))
    }

    /// `"""` … `"""`, with the closing delimiter's indentation removed.
    private static func multiline(_ arg: Substring) -> SourceStatementScan {
        let open = arg.dropFirst(3)
        guard let close = open.range(of: "\"\"\"") else { return .other(String(arg.prefix(40))) }
        let inner = open[..<close.lowerBound]
        if inner.contains("\\(") { return .other(String(arg.prefix(40))) }
        var lines = inner.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.first?.trimmingCharacters(in: .whitespaces).isEmpty == true { lines.removeFirst() }
        let indent = lines.last.map { $0.prefix(while: { $0 == " " }).count } ?? 0
        if lines.last?.trimmingCharacters(in: .whitespaces).isEmpty == true { lines.removeLast() }
        let body = lines.map { String($0.dropFirst(min(indent, $0.prefix(while: { $0 == " " }).count))) }.joined(separator: "\n")
        let after = open[close.upperBound...].first
        return after == "," || after == ")" ? .literal(body) : .other(String(arg.prefix(40)))
    }
}
