import Foundation
import StudySpotWire
import Testing
@testable import StudySpotSimulator

/// Each instance mode observed over real HTTP on loopback.
@Suite(.serialized) struct FakeInstanceTests {
    static func freePort() -> Int { Int.random(in: 20_000...29_999) }

    func started(_ mode: InstanceMode, configure: (FakeInstance) -> Void = { _ in }) throws -> FakeInstance {
        var lastError: Error?
        for _ in 0..<10 {
            let i = FakeInstance(name: "test", port: Self.freePort(), mode: mode)
            configure(i)
            do { try i.start(); return i } catch { lastError = error }
        }
        throw lastError!
    }

    @Test func healthyAnswersOkWithVersionAndUptime() throws {
        let i = try started(.healthy)
        defer { i.stop() }
        let r = try HTTPGet.get("http://127.0.0.1:\(i.port)/health", timeout: 2).get()
        #expect(r.status == 200)
        #expect(r.body.contains("\"status\":\"ok\""))
        #expect(r.body.contains("\"version\":\"2026.11.3\""))
        #expect(r.body.contains("\"uptime_s\":"))
        #expect(i.requestCount == 1)
    }

    @Test func slowAnswersDegradedAfterItsDelay() throws {
        let i = try started(.slow) { $0.slowSeconds = 0.4 }
        defer { i.stop() }
        let r = try HTTPGet.get("http://127.0.0.1:\(i.port)/health", timeout: 3).get()
        #expect(r.status == 200 && r.body.contains("degraded"))
        #expect(r.latency >= 0.4)
        // A probe timeout shorter than the delay is a timeout, not a hang.
        #expect(throws: HTTPError.self) { try HTTPGet.get("http://127.0.0.1:\(i.port)/health", timeout: 0.1).get() }
    }

    @Test func sleeperColdStartsThenAnswersFast() throws {
        let i = try started(.sleeping) { $0.coldStartSeconds = 0.5; $0.idleSeconds = 30 }
        defer { i.stop() }
        #expect(!i.isAwake)
        let first = try HTTPGet.get("http://127.0.0.1:\(i.port)/health", timeout: 3).get()
        #expect(first.status == 200 && first.latency >= 0.5)
        #expect(i.isAwake)
        let second = try HTTPGet.get("http://127.0.0.1:\(i.port)/health", timeout: 3).get()
        #expect(second.latency < 0.5)
    }

    @Test func failingAnswers500() throws {
        let i = try started(.failing)
        defer { i.stop() }
        #expect(try HTTPGet.get("http://127.0.0.1:\(i.port)/health", timeout: 2).get().status == 500)
    }

    @Test func downClosesThePortAndComesBack() throws {
        let i = try started(.healthy)
        defer { i.stop() }
        try i.setMode(.down)
        let r = HTTPGet.get("http://127.0.0.1:\(i.port)/health", timeout: 1)
        guard case .failure(let e) = r else { Issue.record("expected a refused connection"); return }
        #expect(e.kind == .refused)
        try i.setMode(.healthy)
        #expect(try HTTPGet.get("http://127.0.0.1:\(i.port)/health", timeout: 2).get().status == 200)
    }
}

