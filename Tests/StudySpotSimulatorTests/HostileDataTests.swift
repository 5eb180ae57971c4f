import Foundation
import StudySpotDevStack
import StudySpotSchema
import StudySpotWire
import Testing
import StudySpotConfig
import StudySpotCore
@testable import StudySpotSimulator
import StudySpotTestSupport
import TerminalUI

/// Hostile data, end to end: `studyspot seed --scale hostile`
/// (`HostileFixture`) writes its set by SQL and Redis commands into
/// databases of their own (and Redis database 13),
/// five fake instances answer /health with hostile versions, and the real
/// `studyspot snapshot` renders every pane from it, as operator and owner,
/// as text at several sizes and as JSON. Nothing crashes, no control byte
/// from the data reaches stdout, no line is wider than asked, and every
/// inconsistency is flagged.
@Suite(.serialized) struct HostileDataTests {
    static let redisDB = 13

    final class Platform: @unchecked Sendable {
        let topology: Topology
        let instances: [FakeInstance]
        let dir: URL
        init() throws {
            var topo = try TestEnvironment.isolatedTopology("hostile")
            for i in topo.caches.indices where topo.caches[i].role == .state {
                topo.caches[i].url = topo.caches[i].url.replacingOccurrences(of: "/0", with: "/\(HostileDataTests.redisDB)")
            }
            // A /health body whose version is hostile (JSON-escaped by us: FakeInstance writes it verbatim).
            let version = String(decoding: try JSONSerialization.data(withJSONObject: [HostileText.osc52 + HostileText.c1 + HostileText.tenKB],
                                                                        options: [.fragmentsAllowed]), as: UTF8.self)
            let escapedVersion = String(version.dropFirst(2).dropLast(2))
            // Only koyeb sleeps: sleepers with a heartbeat are not probed, and these bodies are to be read.
            let plan: [(String, Int, Int, Bool)] = [("railway", 1, 60, false), ("render-1", 2, 20, false), ("render-2", 2, 15, false),
                                                    ("fly", 3, 3, false), ("koyeb", 4, 2, true)]
            let base = Int.random(in: 21_000...29_000)
            instances = plan.enumerated().map { i, p in FakeInstance(name: p.0, port: base + i, version: escapedVersion) }
            topo.instances = plan.enumerated().map { i, p in
                InstanceConfig(name: p.0, provider: p.0, url: "http://127.0.0.1:\(base + i)", priority: p.1, weight: p.2, sleeps: p.3)
            }
            // Bodies that are JSON but not what the contract promises: huge, negative and
            // non-number uptimes, a status with an escape, a 10 KB version.
            let bodies = [nil, "{\"status\":\"ok\",\"version\":\(version.dropFirst().dropLast()),\"uptime_s\":1e308}",
                          "{\"status\":\"degraded\",\"version\":\"\",\"uptime_s\":-1e300}",
                          "{\"status\":\"ok\\u001b[2J\",\"uptime_s\":\"NaN\"}", "{\"status\":\"ok\",\"version\":null,\"uptime_s\":1e999}"]
            for (i, b) in bodies.enumerated() { instances[i].healthBodyOverride = b }
            topology = topo
            for i in instances { try i.start() }
            let report = SchemaApplier(topology: topo, ownerPassword: TestEnvironment.ownerPassword).applyAll()
            #expect(report.shards.allSatisfy { $0.error == nil })
            let redis = try RedisConnection(url: topo.stateCache!.url)
            _ = try redis.command(["FLUSHDB"])
            redis.close()
            dir = FileManager.default.temporaryDirectory.appendingPathComponent("hostile-\(UUID().uuidString)")
            try ConfigWriter.write(ConfigWriter.render(topology: topo), toPath: dir.appendingPathComponent("operator.toml").path)
            try ConfigWriter.write(ConfigWriter.render(topology: topo, login: LoginConfig(user: "hostile_owner", password: TestEnvironment.ownerPassword)),
                                   toPath: dir.appendingPathComponent("owner.toml").path)
            // The set goes in the way a person would put it in a stack: `seed --scale hostile --force`.
            let seed = try run(["seed", "--config", dir.appendingPathComponent("operator.toml").path, "--scale", "hostile", "--force"])
            #expect(seed.status == 0, "seed --scale hostile failed: \(String(decoding: seed.out, as: UTF8.self))")
        }

        func run(_ args: [String]) throws -> (out: Data, status: Int32?) {
            let binary = try #require(ProcessInfo.processInfo.environment["STUDYSPOT_BINARY"], "STUDYSPOT_BINARY is set by `make test`")
            let p = Process()
            p.executableURL = URL(fileURLWithPath: binary)
            p.arguments = args
            var env = ProcessInfo.processInfo.environment
            env["STUDYSPOT_OWNER_PASSWORD"] = TestEnvironment.ownerPassword
            p.environment = env
            let out = Pipe()
            p.standardOutput = out
            p.standardError = FileHandle.nullDevice
            p.standardInput = FileHandle.nullDevice
            try p.run()
            let data = out.fileHandleForReading.readDataToEndOfFile()
            p.waitUntilExit()
            return (data, p.terminationReason == .exit ? p.terminationStatus : nil)
        }

        func stop() {
            for i in instances { i.stop() }
            try? FileManager.default.removeItem(at: dir)
        }

        /// Runs `studyspot snapshot` and returns stdout and the exit status (nil when it did not exit normally).
        func snapshot(_ args: [String], owner: Bool = false) throws -> (out: Data, status: Int32?) {
            let config = dir.appendingPathComponent(owner ? "owner.toml" : "operator.toml").path
            return try run(["snapshot", "--config", config, "--timeout", "10"] + (owner ? ["--role", "owner"] : []) + args)
        }
    }

    /// No C0 byte but newline, no DEL, no C1, no bidi control, no invisible format character.
    static func rawControls(_ data: Data) -> [String] {
        var found: [String] = []
        for b in data where (b < 0x20 && b != 0x0A) || b == 0x7F { found.append(String(format: "0x%02x", b)) }
        for u in String(decoding: data, as: UTF8.self).unicodeScalars {
            let v = u.value
            if (0x80...0x9F).contains(v) || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v)
                || [0x061C, 0x200B, 0x200E, 0x200F, 0x2028, 0x2029, 0x2060, 0xFEFF].contains(v) {
                found.append(String(format: "U+%04X", v))
            }
        }
        return found
    }

    static func checkText(_ r: (out: Data, status: Int32?), width: Int, _ what: String) -> String {
        #expect(r.status.map { (0...3).contains($0) } == true, "\(what): snapshot did not exit normally (\(String(describing: r.status)))")
        #expect(rawControls(r.out).isEmpty, "\(what): raw controls \(rawControls(r.out).prefix(5))")
        let text = String(decoding: r.out, as: UTF8.self)
        #expect(!text.contains("no data from"), "\(what): a pane never loaded: \(text.split(separator: "\n").last ?? "")")
        for line in text.split(separator: "\n") where DisplayWidth.of(String(line)) > width {
            Issue.record("\(what): a line is \(DisplayWidth.of(String(line))) columns wide, more than \(width)")
        }
        return text
    }

    @Test func everyPaneRendersTheHostileSetAndFlagsIt() throws {
        let platform = try Platform()
        defer { platform.stop() }

        // All panes, operator, at several sizes (sizes below a pane's minimum say so instead).
        for (w, h) in [(120, 32), (80, 24), (200, 60), (40, 10)] {
            let text = Self.checkText(try platform.snapshot(["--format", "text", "--width", "\(w)", "--height", "\(h)"]), width: w, "operator \(w)×\(h)")
            #expect(text.contains("StudySpot") || w < 60)
            if w == 200 {
                for flag in ["3 bookings end before they start", "2 bookings for libraries not in the catalog",
                             "3 bookings for seats not in the catalog", "2 bookings with a negative amount",
                             "2 bookings whose owner is not the library's",
                             "duplicate seat position Quiet r3c4: A12, A13", "negative usage reported by neon storage",
                             "unusable usage samples from upstash commands-month", "negative load-balancer weight",
                             "negative counters", "⚠ ends before start", "⚠ library not in catalog", "⚠-5"] {
                    #expect(text.contains(flag), "200×60 snapshot lacks \"\(flag)\"")
                }
            }
        }

        // The owner sees the bookings and seats of library 1 flagged, through row-level security.
        let owner = Self.checkText(try platform.snapshot(["--format", "text", "--width", "160", "--height", "40"], owner: true), width: 160, "owner")
        for flag in ["bookings end before they start", "duplicate seat position Quiet r3c4: A12, A13", "⚠ library not in catalog"] {
            #expect(owner.contains(flag), "owner snapshot lacks \"\(flag)\"")
        }
        #expect(!owner.contains("Quotas ·"), "owners see bookings and seats only")

        // JSON: parseable, controls escaped rather than raw, flags among the alerts.
        let json = try platform.snapshot(["--format", "json"])
        #expect(json.status.map { (0...3).contains($0) } == true)
        #expect(Self.rawControls(json.out).isEmpty, "raw controls in JSON: \(Self.rawControls(json.out).prefix(5))")
        let obj = try #require(try JSONSerialization.jsonObject(with: json.out) as? [String: Any])
        let alerts = try #require(obj["alerts"] as? [[String: Any]]).compactMap { $0["message"] as? String }
        #expect(alerts.contains { $0.contains("bookings end before they start") })
        #expect(alerts.contains { $0.hasPrefix("negative usage reported by neon storage") })
        let recent = try #require((obj["bookings"] as? [String: Any])?["recent"] as? [[String: Any]])
        #expect(recent.count >= 18, "every booking with updated_at up to now is in the feed: \(recent.count)")
        #expect(recent.contains { $0["id"] as? Int == 1009 }, "a starts_at past year 9999 is read, not dropped")

        // Each pane alone, as cron would ask for it.
        for pane in ["overview", "bookings", "seats", "quotas", "instances", "shards", "caches", "alerts"] {
            _ = Self.checkText(try platform.snapshot(["--format", "text", "--pane", pane, "--width", "100", "--height", "30", "--timeout", "6"]),
                               width: 100, "pane \(pane)")
        }
    }
}
