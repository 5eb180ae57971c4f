import Foundation
@testable import StudySpotWire
import Testing
import StudySpotCore
import StudySpotTestSupport

@Suite struct PGConnectionTests {
    func connect(_ shard: String = "neon", _ configure: (inout PGConnectOptions) -> Void = { _ in }) throws -> PGConnection {
        var o = PGConnectOptions()
        configure(&o)
        return try PGConnection(dsn: try TestEnvironment.shard(shard).dsn, options: o)
    }

    @Test func parameterisedRoundTripKeepsUnicodeQuotesAndNulls() throws {
        let c = try connect()
        let text = "ज्ञान केंद्र 'quoted' \"double\" 👩‍💻 \\ back; DROP TABLE x; --"
        let r = try c.query("SELECT $1::text AS t, $2::text AS n, $3::bigint AS i, $4::numeric AS num, $5::boolean AS b, $6::timestamptz AS ts",
                            [text, nil, Int64.max, 12.5, true, Date(timeIntervalSince1970: 1_764_100_000.123456)])
        let row = try #require(r.first)
        #expect(try row.string("t") == text)
        #expect(row.isNull("n"))
        #expect(try row.optionalInt("n") == nil)
        #expect(try row.int("i") == Int64.max)
        #expect(try row.double("num") == 12.5)
        #expect(try row.bool("b") == true)
        let ts = try row.date("ts").timeIntervalSince1970
        #expect(abs(ts - 1_764_100_000.123456) < 0.000_001)
    }

    @Test func connectionSaysWhoItIs() throws {
        let c = try connect()
        let r = try c.query("SELECT current_setting('application_name') AS app, current_setting('statement_timeout') AS st, current_setting('TimeZone') AS tz")
        #expect(try r.first?.string("app") == "studyspot-console")
        #expect(try r.first?.string("st") == "5s")
        #expect(try r.first?.string("tz") == "UTC")
    }

    @Test func errorsCarrySQLState() throws {
        let c = try connect()
        expectError {
            try c.query("SELECT * FROM no_such_table_here")
        } matching: { ($0 as? PGError)?.sqlstate == "42P01" }
        // The connection stays usable after a statement error.
        #expect(try c.query("SELECT 1 AS one").first?.int("one") == 1)
    }

    @Test func statementTimeoutIsEnforced() throws {
        let c = try connect { $0.statementTimeoutMs = 100 }
        expectError {
            // A statement far longer than the 100 ms allowed: the server must cancel it.
            try c.query("SELECT sum(i) FROM (SELECT generate_series(1, 10000000000) AS i) s")
        } matching: { ($0 as? PGError)?.sqlstate == "57014" }
    }

    @Test func badPasswordErrorNeverShowsThePassword() throws {
        let dsn = try TestEnvironment.shard("neon").dsn + " user=nobody_here password=Sup3rSecretPW"
        expectError {
            try PGConnection(dsn: dsn)
        } matching: { error in
            let text = "\(error)"
            return (error as? PGError)?.kind == .connection && !text.contains("Sup3rSecretPW") && text.contains("nobody_here")
        }
    }

    @Test func typedDecodingNamesTheColumn() throws {
        let c = try connect()
        let row = try #require(try c.query("SELECT 'abc'::text AS x").first)
        #expect(throws: PGDecodeError.self) { try row.int("x") }
        do { _ = try row.int("x") } catch { #expect("\(error)".contains("column x")) }
    }

    @Test func notificationFromAnotherConnectionArrives() throws {
        let listener = try connect()
        let sender = try connect()
        let channel = "studyspot_test_\(UInt32.random(in: 0...UInt32.max))"
        try listener.listen(channel)
        try sender.query("SELECT pg_notify($1, $2)", [channel, "{\"id\": 7, \"op\": \"INSERT\"}"])
        var got: [PGNotification] = []
        let arrived = try TestEnvironment.waitUntil(timeout: 5) {
            got += try listener.waitForNotifications(timeout: 0.5)
            return !got.isEmpty
        }
        #expect(arrived)
        #expect(got.first?.channel == channel)
        #expect(got.first?.payload == "{\"id\": 7, \"op\": \"INSERT\"}")
        #expect(got.first?.senderPID == sender.backendPID)
    }

    @Test func copyLoadsRowsWithEscapesAndNulls() throws {
        let c = try connect()
        try c.query("CREATE TEMP TABLE copy_test (id bigint, name text, note text)")
        let rows: [[String?]] = (1...5000).map { [String($0), "name\t\($0)\nline\\ज्ञान", $0 % 2 == 0 ? nil : "x"] }
        let n = try c.copyIn("COPY copy_test (id, name, note) FROM STDIN", rows: rows)
        #expect(n == 5000)
        let r = try c.query("SELECT count(*) AS n, count(note) AS notes, max(name) FILTER (WHERE id = 42) AS name FROM copy_test")
        #expect(try r.first?.int("n") == 5000)
        #expect(try r.first?.int("notes") == 2500)
        #expect(try r.first?.string("name") == "name\t42\nline\\ज्ञान")
    }

    @Test func copyErrorsAreReportedAndTheConnectionSurvives() throws {
        let c = try connect()
        try c.query("CREATE TEMP TABLE copy_bad (id bigint)")
        expectError { try c.copyIn("COPY copy_bad (id) FROM STDIN", rows: [["not a number"]]) } matching: { ($0 as? PGError)?.sqlstate == "22P02" }
        #expect(try c.query("SELECT 1 AS one").first?.int("one") == 1)
    }
}

@Suite struct PGArrayTests {
    @Test func arraysRoundTripThroughTheServer() throws {
        let c = try PGConnection(dsn: try TestEnvironment.shard("neon").dsn)
        let strings: [String?] = ["a", "b \"quoted\" \\ back", nil, "ज्ञान, {x}", ""]
        let r = try c.query("SELECT s, ord FROM unnest($1::text[]) WITH ORDINALITY AS t(s, ord) ORDER BY ord", [PGArray(strings: strings)])
        #expect(r.rows.map { $0["s"] } == strings)
        let ids = try c.query("SELECT sum(x) AS s FROM unnest($1::bigint[]) x", [PGArray([Int64(1), 2, Int64.max / 2])])
        #expect(try ids.first?.int("s") == 3 + Int64.max / 2)
    }
}
