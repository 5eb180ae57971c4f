import Foundation
@testable import StudySpotWire
import StudySpotTestSupport
import Testing

/// The Hrana-over-HTTP client against `scripts/fake-turso.py`: the pipeline
/// protocol over a real SQLite file, never a mock.
@Suite(.serialized) struct HranaClientTests {
    @Test func valuesRoundTripThroughAPipeline() throws {
        let server = try FakeTurso()
        let counter = OperationCounter()
        let c = try HranaClient(url: server.url, token: server.token, costTarget: CostTarget("catalog", in: counter))
        let big: Int64 = 9_007_199_254_740_993 // 2^53 + 1: survives only as a string
        let r = try c.execute([
            HranaStatement("CREATE TABLE v(i INTEGER, f REAL, t TEXT, b BLOB, n TEXT)"),
            HranaStatement("INSERT INTO v VALUES (?, ?, ?, ?, ?)", [.integer(big), .float(1.5), .text("नमस्ते \"q\""), .blob([0, 255, 7]), .null]),
            HranaStatement("SELECT i, f, t, b, n FROM v"),
        ])
        #expect(r.count == 3)
        let row = try #require(r[2].first)
        #expect(row.values == [.integer(big), .float(1.5), .text("नमस्ते \"q\""), .blob([0, 255, 7]), .null])
        #expect(try row.int("i") == big)
        #expect(try row.optionalInt("n") == nil)
        #expect(counter.today()["catalog"] == 3)
    }

    @Test func aWrongTokenIsNamedAs401() throws {
        let server = try FakeTurso()
        let c = try HranaClient(url: server.url, token: "wrong-token-value")
        let e = try #require(throws: HranaError.self) { try c.query("SELECT 1") }
        #expect(e.kind == .unauthorized && e.status == 401)
        #expect(e.message.hasPrefix("401: token refused"))
        #expect(!e.message.contains("wrong-token-value"))
    }

    @Test func anErrorResultNamesTheStatementAndTheMessage() throws {
        let server = try FakeTurso()
        let c = try HranaClient(url: server.url, token: server.token)
        let e = try #require(throws: HranaError.self) { try c.query("SELECT nope FROM libraries") }
        #expect(e.kind == .statement && e.code == "SQLITE_ERROR")
        #expect(e.message == "Turso returned an error for \"SELECT nope FROM libraries\": no such column: nope")
        // The stream is gone but the server is not: the next call works.
        #expect(try c.query("SELECT 2 AS two").first?.int("two") == 2)
    }

    @Test func garbageAndTruncatedBodiesAreReportedNotCrashedOn() throws {
        let server = try FakeTurso()
        let c = try HranaClient(url: server.url, token: server.token)
        try server.fault("garbage")
        let g = try #require(throws: HranaError.self) { try c.query("SELECT 1") }
        #expect(g.kind == .malformed && g.message.hasPrefix("Turso's reply is not a pipeline result: not JSON"))
        try server.fault("truncated")
        let t = try #require(throws: HranaError.self) { try c.query("SELECT 1") }
        #expect(t.kind == .malformed)
        try server.fault("none")
        #expect(try c.query("SELECT 1 AS one").first?.int("one") == 1)
        // Well-formed JSON of the wrong shape.
        for body in [#"{"results": 3}"#, #"{"results": [{"type": "ok"}]}"#, #"{"results": [{"type":"ok","response":{"type":"execute","result":{"cols":[{"name":"a"}],"rows":[[{"type":"integer","value":"x"}]]}}}]}"#, "[]", ""] {
            #expect(throws: HranaError.self) { try HranaClient.results(Array(body.utf8), statements: [HranaStatement("SELECT 1")], clean: { $0 }) }
        }
    }

    @Test func aKilledServerIsATransportErrorAndTheClientRecovers() throws {
        let server = try FakeTurso()
        let c = try HranaClient(url: server.url, token: server.token, timeout: 2)
        server.kill()
        let e = try #require(throws: HranaError.self) { try c.query("SELECT 1") }
        #expect(e.kind == .transport && e.message.contains("connection refused"))
        try server.start()
        #expect(try c.query("SELECT 1 AS one").first?.int("one") == 1)
    }

    @Test func aHungServerTimesOutWithinTheDeadline() throws {
        let server = try FakeTurso()
        try server.fault("hang")
        let c = try HranaClient(url: server.url, token: server.token, timeout: 1)
        let t0 = Date()
        let e = try #require(throws: HranaError.self) { try c.query("SELECT 1") }
        #expect(e.kind == .transport && e.message.hasSuffix("no answer within 1s"))
        #expect(Date().timeIntervalSince(t0) < 5)
    }

    @Test func urlsBecomeThePipelineEndpoint() throws {
        #expect(HranaClient.pipelineURL(for: "libsql://studyspot-acme.turso.io") == "https://studyspot-acme.turso.io/v2/pipeline")
        #expect(HranaClient.pipelineURL(for: "https://db.example/") == "https://db.example/v2/pipeline")
        #expect(HranaClient.pipelineURL(for: "http://127.0.0.1:8080") == "http://127.0.0.1:8080/v2/pipeline")
        #expect(HranaClient.pipelineURL(for: "postgres://x") == nil)
        #expect(HranaClient.pipelineURL(for: "https://user:pw@db.example") == nil)
        // A bearer token goes over plain HTTP only to this machine.
        #expect(throws: HranaError.self) { try HranaClient(url: "http://db.example:8080", token: "t") }
        #expect(throws: HranaError.self) { try HranaClient(url: "http://127.evil.example", token: "t") }
        _ = try HranaClient(url: "http://[::1]:8080", token: "t")
        _ = try HranaClient(url: "http://localhost:8080", token: "t")
        // libsql:// is read as https://: the pipeline goes over TLS to port 443.
        #expect(HranaClient.pipelineURL(for: "libsql://studyspot-acme.turso.io") == "https://studyspot-acme.turso.io/v2/pipeline")
    }
}
