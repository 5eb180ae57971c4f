import Foundation
@testable import StudySpotWire
import Testing
import StudySpotTestSupport

/// `forEachRow` (libpq's single-row mode) against a real shard: the same
/// values as `query`'s copied rows, errors that leave the connection usable.
@Suite struct PGRowByRowTests {
    func connect() throws -> PGConnection { try PGConnection(dsn: try TestEnvironment.shard("neon").dsn) }

    static let sql = """
        SELECT i AS id, CASE WHEN i % 7 = 0 THEN NULL ELSE 'row ' || i || ' ज्ञान' END AS label,
               '2026-12-06 18:30:00+00'::timestamptz + i * interval '1.5 second' AS at, i / 4.0 AS ratio
        FROM generate_series(-3, 2500) AS i ORDER BY i
        """

    @Test func readsTheSameValuesAsTheCopiedResult() throws {
        let c = try connect()
        let copied = try c.query(Self.sql).rows
        var streamed: [(Int64, String?, Date, Double)] = []
        try c.forEachRow(Self.sql, columns: ["id", "label", "at", "ratio"]) { r in
            streamed.append((try r.int(0), r.optionalString(1), try r.date(2), try r.double(3)))
        }
        #expect(streamed.count == copied.count)
        #expect(streamed.count == 2_504)
        for (s, row) in zip(streamed, copied) {
            #expect(s.0 == (try row.int("id")))
            #expect(s.1 == row.optionalString("label"))
            #expect(s.2 == (try row.date("at")))
            #expect(s.3 == (try row.double("ratio")))
        }
    }

    @Test func parametersAndAMissingColumnReadAsNull() throws {
        let c = try connect()
        var seen: [(Int64, String?)] = []
        try c.forEachRow("SELECT $1::bigint AS n", [Int64.min], columns: ["n", "not_there"]) { r in
            seen.append((try r.int(0), r.optionalString(1)))
            #expect(r.isNull(1))
            #expect(throws: PGDecodeError.self) { try r.int(1) }
        }
        #expect(seen.count == 1)
        #expect(seen.first?.0 == Int64.min)
        #expect(seen.first?.1 == nil)
    }

    @Test func aThrowingBodyStopsReadingAndLeavesTheConnectionUsable() throws {
        struct Enough: Error {}
        let c = try connect()
        var visited = 0
        #expect(throws: Enough.self) {
            try c.forEachRow("SELECT generate_series(1, 5000) AS i", columns: ["i"]) { _ in
                visited += 1
                if visited == 10 { throw Enough() }
            }
        }
        #expect(visited == 10)
        #expect(try c.query("SELECT 41 + 1 AS n").first?.int("n") == 42)
    }

    @Test func aServerErrorIsThrownWithItsSQLState() throws {
        let c = try connect()
        expectError {
            try c.forEachRow("SELECT * FROM no_such_table_here", columns: ["x"]) { _ in }
        } matching: { ($0 as? PGError)?.sqlstate == "42P01" }
        // A failure after rows were sent (division by zero on the last row).
        var rows = 0
        expectError {
            try c.forEachRow("SELECT 10 / (3 - i) AS q FROM generate_series(1, 3) AS i", columns: ["q"]) { _ in rows += 1 }
        } matching: { ($0 as? PGError)?.sqlstate == "22012" }
        #expect(try c.query("SELECT 1 AS one").first?.int("one") == 1)
    }

    @Test func bigintArraysAsTheServerWritesThem() throws {
        let c = try connect()
        var arrays: [[Int64]?] = []
        try c.forEachRow("""
            SELECT a FROM (VALUES (1, (SELECT array_agg(i::bigint * 1000000007) FROM generate_series(-50, 3000) AS i)),
                                  (2, '{}'::bigint[]), (3, NULL::bigint[]), (4, ARRAY[9223372036854775807, -9223372036854775808]::bigint[])) v(n, a)
            ORDER BY n
            """, columns: ["a"]) { r in arrays.append(try r.optionalInt64Array(0)) }
        #expect(arrays.count == 4)
        #expect(arrays[0] == (-50...3000).map { Int64($0) * 1_000_000_007 })
        #expect(arrays[1] == [])
        #expect(arrays[2] == nil)
        #expect(arrays[3] == [Int64.max, Int64.min])
        // A NULL element is not a list of ids.
        expectError {
            try c.forEachRow("SELECT ARRAY[1, NULL, 3]::bigint[] AS a", columns: ["a"]) { r in _ = try r.optionalInt64Array(0) }
        } matching: { $0 is PGDecodeError }
    }

    @Test(arguments: ["0", "-0", "+17", "9223372036854775807", "-9223372036854775808"])
    func parsesWhatInt64Parses(text: String) {
        var t = text
        #expect(t.withUTF8 { PGRawRow.parseInt($0) } == Int64(text))
    }

    @Test(arguments: ["", "-", "+", "9223372036854775808", "-9223372036854775809", "1.5", " 1", "1e3", "١٢"])
    func rejectsWhatInt64Rejects(text: String) {
        var t = text
        #expect(t.withUTF8 { PGRawRow.parseInt($0) } == nil)
        #expect(Int64(text) == nil)
    }
}
