import Foundation
import Testing
import StudySpotTestSupport

/// `studyspot doctor` and `schema apply --dry-run` as an operator runs them.
@Suite struct DoctorCommandTests {
    func run(_ arguments: [String]) throws -> (status: Int32, out: String) {
        let env = ProcessInfo.processInfo.environment
        let binary = try #require(env["STUDYSPOT_BINARY"], "STUDYSPOT_BINARY is set by `make test`")
        let p = Process()
        p.executableURL = URL(fileURLWithPath: binary)
        p.arguments = arguments
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        p.standardInput = FileHandle.nullDevice
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test func doctorGivesEveryTargetALineAndExitsWithTheWorst() throws {
        let config = try #require(ProcessInfo.processInfo.environment["STUDYSPOT_TEST_CONFIG"])
        let topology = try TestEnvironment.topology()
        let (status, out) = try run(["doctor", "--config", config])
        let lines = out.split(separator: "\n").map(String.init)
        let findings = lines.dropLast()
        for s in topology.shards { #expect(findings.contains { $0.dropFirst(2).hasPrefix("shard \(s.name): ") }, "\(out)") }
        for c in topology.caches { #expect(findings.contains { $0.dropFirst(2).hasPrefix("cache \(c.name): ") }, "\(out)") }
        for i in topology.instances { #expect(findings.contains { $0.dropFirst(2).hasPrefix("instance \(i.name): ") }, "\(out)") }
        // The local stack's shards LISTEN directly, over loopback.
        #expect(!out.contains("LISTEN will not work") && !out.contains("TLS off"), "\(out)")
        let worst = findings.contains { $0.hasPrefix("✕") } ? 2 : findings.contains { $0.hasPrefix("⚠") } ? 1 : findings.contains { $0.hasPrefix("?") } ? 3 : 0
        #expect(Int(status) == worst, "\(out)")
        #expect(lines.last?.hasPrefix("doctor: ") == true)
        #expect(!out.contains("password="))
    }

    @Test func aDryRunPrintsEachShardAndSaysNothingChanged() throws {
        let config = try #require(ProcessInfo.processInfo.environment["STUDYSPOT_TEST_CONFIG"])
        let (status, out) = try run(["schema", "apply", "--dry-run", "--config", config])
        #expect(status == 0, "\(out)")
        for s in try TestEnvironment.topology().shards { #expect(out.contains("\(s.name): "), "\(out)") }
        #expect(out.hasSuffix("dry run: nothing was changed; owner roles are synced by a real run\n"))
        #expect(!out.contains("DROP ") && !out.contains("password="))
    }
}
