import Foundation
import Testing
import StudySpotTestSupport

/// `studyspot snapshot` as cron would run it: no TTY, JSON on stdout, the
/// status in both the object and the exit code.
@Suite struct SnapshotCommandTests {
    @Test func jsonWithoutATerminalAgreesWithItsExitStatus() throws {
        let env = ProcessInfo.processInfo.environment
        // `make test` sets both; run it that way.
        let binary = try #require(env["STUDYSPOT_BINARY"], "STUDYSPOT_BINARY is set by `make test`")
        let config = try #require(env["STUDYSPOT_TEST_CONFIG"], "STUDYSPOT_TEST_CONFIG is set by `make test`")
        let p = Process()
        p.executableURL = URL(fileURLWithPath: binary)
        p.arguments = ["snapshot", "--config", config, "--format", "json", "--pane", "shards", "--timeout", "8"]
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        p.standardInput = FileHandle.nullDevice
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        let obj = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let status = try #require(obj["status"] as? String)
        #expect(["ok": 0, "warning": 1, "critical": 2, "unknown": 3][status] == Int(p.terminationStatus))
        #expect(Set(obj.keys) == ["status", "generated_at", "shards", "caches", "instances", "quotas", "bookings", "alerts", "console_cost"])
        let shards = try #require(obj["shards"] as? [[String: Any]])
        #expect(shards.count == 5 && shards.allSatisfy { $0["reachable"] as? Bool == true })
        #expect(!String(decoding: data, as: UTF8.self).contains("password="))
    }
}
