import Foundation
import Testing
import StudySpotCollectors
import StudySpotConfig
import StudySpotCore
import StudySpotSchema
import StudySpotTestSupport
import StudySpotWire
@testable import studyspot

/// `studyspot collect` and `usage set` as an operator runs them: the real
/// binary, an ops shard of its own on the test stack, the fake providers.
@Suite(.serialized) struct CollectCommandTests {
    static let badToken = "nfp_wrongButSecret_7Q"
    let fake: FakeProviders
    init() throws { fake = try FakeProviders() }

    /// A deployment whose shards live in databases of their own, with the schema applied.
    static func deployment(_ name: String) throws -> Topology {
        let topo = try TestEnvironment.isolatedTopology(name)
        let reports = SchemaApplier(topology: topo, ownerPassword: TestEnvironment.ownerPassword).applyAll()
        #expect(reports.shards.allSatisfy { $0.error == nil })
        return topo
    }

    func netlify(account: String, token: String) -> String {
        "\n[[collector]]\nprovider = \"netlify\"\naccount = \"\(account)\"\ntoken = \"\(token)\"\napi_url = \"\(fake.url)\"\n"
    }

    struct Run { var out: String; var err: String; var log: String; var status: Int32 }

    /// Runs the binary with `config` and the tokens in its environment; keeps the log file's text.
    static func run(_ args: [String], config: String, env extra: [String: String] = [:]) throws -> Run {
        let dir = try ConfigCheckCommandTests.Dir()
        let file = try dir.write("config.toml", config)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: try ConfigCheckCommandTests.binary())
        // Before a `--`, after which everything is an argument.
        let split = args.firstIndex(of: "--") ?? args.endIndex
        p.arguments = Array(args[..<split]) + ["--config", file] + Array(args[split...])
        var env = ProcessInfo.processInfo.environment.merging(extra) { $1 }
        env["STUDYSPOT_CONFIG"] = nil
        env["XDG_STATE_HOME"] = dir.path
        p.environment = env
        let out = Pipe(), err = Pipe()
        p.standardOutput = out; p.standardError = err; p.standardInput = FileHandle.nullDevice
        try p.run()
        let errData = DispatchQueue.global().sync { () -> Data in
            let o = out.fileHandleForReading.readDataToEndOfFile()
            return o + Data([0]) + err.fileHandleForReading.readDataToEndOfFile()
        }
        p.waitUntilExit()
        let parts = errData.split(separator: 0, maxSplits: 1, omittingEmptySubsequences: false)
        let log = (try? String(contentsOfFile: dir.path + "/studyspot/studyspot.log", encoding: .utf8)) ?? ""
        return Run(out: String(decoding: parts[0], as: UTF8.self), err: String(decoding: parts.count > 1 ? parts[1] : Data(), as: UTF8.self),
                   log: log, status: p.terminationStatus)
    }

    func samples(_ topo: Topology) throws -> [String] {
        let db = try PGConnection(dsn: try #require(topo.opsShard).dsn)
        return try db.query("SELECT provider || '/' || resource || ' ' || coalesce(account, '-') || ' ' || coalesce(source, '-') AS s FROM ops.usage_samples ORDER BY 1")
            .rows.map { try $0.string("s") }
    }

    @Test func onceExitsZeroWhenEveryCollectorWrote() throws {
        let topo = try Self.deployment("collect_cli_ok")
        let config = ConfigWriter.render(topology: topo) + netlify(account: "studyspot", token: "${NETLIFY_TOKEN}")
        let r = try Self.run(["collect", "--once"], config: config, env: ["NETLIFY_TOKEN": FakeProviders.token(for: "netlify")])
        #expect(r.status == 0, "\(r.out)\(r.err)")
        #expect(r.out == "netlify (studyspot): 1 figure written\n" && r.err.isEmpty)
        #expect(try samples(topo) == ["netlify/bandwidth - api:netlify"])
        #expect(r.log.contains("collect netlify (studyspot): 1 figure(s) written"))
        #expect(!r.log.contains(FakeProviders.token(for: "netlify")))
    }

    @Test func aRefusedTokenIsNamedWithIts401AndTheOtherCollectorStillWrites() throws {
        let topo = try Self.deployment("collect_cli_401")
        let config = ConfigWriter.render(topology: topo) + netlify(account: "studyspot", token: "${NETLIFY_TOKEN}")
            + netlify(account: "studyspot-2", token: "${NETLIFY_TOKEN_2}")
        let r = try Self.run(["collect", "--once"], config: config,
                             env: ["NETLIFY_TOKEN": FakeProviders.token(for: "netlify"), "NETLIFY_TOKEN_2": Self.badToken])
        #expect(r.status == 1, "\(r.out)\(r.err)")
        #expect(r.err == "netlify (studyspot-2): Netlify API /api/v1/accounts/studyspot-2/bandwidth: HTTP 401 token refused\n")
        #expect(r.out == "netlify (studyspot): 1 figure written\n")
        #expect(try samples(topo) == ["netlify/bandwidth - api:netlify"])
        #expect(r.log.contains("HTTP 401 token refused"))
        for text in [r.out, r.err, r.log] { #expect(!text.contains(Self.badToken) && !text.contains(FakeProviders.token(for: "netlify"))) }
        let db = try PGConnection(dsn: try #require(topo.opsShard).dsn)
        #expect(try db.query("SELECT http_status FROM ops.collector_status WHERE account = 'studyspot-2'").first?.int("http_status") == 401)
    }

    @Test func onceExitsTwoWhenNothingCanBeWritten() throws {
        let topo = try Self.deployment("collect_cli_none")
        let collectors = netlify(account: "studyspot", token: FakeProviders.token(for: "netlify"))
        // Another collect holds the deployment's lock.
        let holder = CollectorStore(ops: try #require(topo.opsShard))
        try holder.lock()
        let held = try Self.run(["collect", "--once"], config: ConfigWriter.render(topology: topo) + collectors)
        holder.close()
        #expect(held.status == 2 && held.err.hasPrefix("another studyspot collect is running (studyspot-collect "), "\(held.err)")
        // No collectors at all.
        let none = try Self.run(["collect", "--once"], config: ConfigWriter.render(topology: topo))
        #expect(none.status == 2 && none.err.contains("no [[collector]]"))
        // The ops shard unreachable.
        var down = topo
        for i in down.shards.indices { down.shards[i].dsn = "host=127.0.0.1 port=9 dbname=x user=x connect_timeout=2" }
        let unreachable = try Self.run(["collect", "--once"], config: ConfigWriter.render(topology: down) + collectors)
        #expect(unreachable.status == 2 && unreachable.err.contains("ops shard"), "\(unreachable.err)")
        #expect(try samples(topo).isEmpty)
    }

    @Test func runningUntilSIGTERMWritesThenStopsAndReleasesTheLock() throws {
        let topo = try Self.deployment("collect_cli_long")
        let ops = try #require(topo.opsShard)
        let dir = try ConfigCheckCommandTests.Dir()
        let file = try dir.write("config.toml", ConfigWriter.render(topology: topo)
                                 + netlify(account: "studyspot", token: FakeProviders.token(for: "netlify")))
        let p = Process()
        p.executableURL = URL(fileURLWithPath: try ConfigCheckCommandTests.binary())
        p.arguments = ["collect", "--config", file]
        var env = ProcessInfo.processInfo.environment
        env["XDG_STATE_HOME"] = dir.path
        p.environment = env
        p.standardOutput = FileHandle.nullDevice; p.standardError = FileHandle.nullDevice; p.standardInput = FileHandle.nullDevice
        try p.run()
        defer { if p.isRunning { p.terminate() } }
        let db = try PGConnection(dsn: ops.dsn)
        let polled = try TestEnvironment.waitUntil(timeout: 30) {
            try db.query("SELECT count(*) AS n FROM ops.collector_status WHERE last_success_at IS NOT NULL").first?.int("n") == 1
        }
        #expect(polled)
        // While it runs, a second collector is refused.
        let second = CollectorStore(ops: ops)
        #expect(throws: CollectorStoreError.self) { try second.lock() }
        p.terminate()
        p.waitUntilExit()
        #expect(p.terminationReason == .exit && p.terminationStatus == 0)
        try second.lock()
        second.close()
        #expect(try samples(topo) == ["netlify/bandwidth - api:netlify"])
    }

    @Test func planPrintsCallsADayAgainstTheLimit() throws {
        let topo = try TestEnvironment.topology()
        let r = try Self.run(["collect", "--plan"], config: ConfigWriter.render(topology: topo)
                                + netlify(account: "studyspot", token: "t") + "every = \"10m\"\n")
        #expect(r.status == 0)
        #expect(r.out.split(separator: "\n").last?.split(separator: " ").map(String.init) == ["netlify", "(studyspot)", "10m", "144", "720000", "0.02%"])
    }

    @Test func configCheckNamesACollectorThatCannotPoll() throws {
        let topo = try TestEnvironment.topology()
        let r = try Self.run(["config", "check"], config: ConfigWriter.render(topology: topo)
                                + "\n[[collector]]\nprovider = \"netlify\"\ntoken = \"\(Self.badToken)\"\n\n[[collector]]\nprovider = \"render\"\ntoken = \"t\"\n")
        #expect(r.status == 1)
        #expect(r.out.contains(":2") == false)
        let lines = r.out.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasSuffix("collector[0]: netlify's collector needs \"account\" in its [[collector]] (CONTRACT §9, docs/collect.md)") })
        #expect(lines.contains { $0.contains("collector[1]: no collector for provider \"render\"") && $0.contains("usage set render") })
        #expect(!r.out.contains(Self.badToken) && !r.err.contains(Self.badToken))
    }

    @Test func usageSetStoresAManualFigureInTheCatalogsUnit() throws {
        let topo = try Self.deployment("usage_set_cli")
        let config = ConfigWriter.render(topology: topo)
        let r = try Self.run(["usage", "set", "render", "compute", "412.5", "--account", "render-2"], config: config)
        #expect(r.status == 0, "\(r.err)")
        #expect(r.out.hasPrefix("stored render/compute (render-2): 412.5 hours for the period from "))
        let mb = try Self.run(["usage", "set", "netlify", "bandwidth", "512", "--unit", "MB"], config: config)
        #expect(mb.status == 0 && mb.out.contains("0.5 GB"), "\(mb.err)")
        #expect(try samples(topo) == ["netlify/bandwidth - manual", "render/compute render-2 manual"])
    }

    @Test func usageSetRefusesGarbageWithAClearMessage() throws {
        let topo = try TestEnvironment.topology()
        let config = ConfigWriter.render(topology: topo)
        let cases: [([String], String)] = [
            (["rendr", "compute", "1"], "usage set: unknown provider \"rendr\"; did you mean \"render\"?"),
            (["render", "compte", "1"], "usage set: unknown resource \"compte\" of render; did you mean \"compute\"?"),
            (["render", "compute", "nan"], "usage set: amount \"nan\" is not a number (write it as 12.5, in hours unless --unit says otherwise)"),
            (["render", "compute", "--", "-3"], "usage set: amount -3 is negative: usage is 0 or more"),
            (["render", "compute", "3", "--unit", "GB"], "usage set: render/compute is counted in hours; GB cannot be converted to it"),
        ]
        for (args, message) in cases {
            let r = try Self.run(["usage", "set"] + args, config: config)
            #expect(r.status == 1 && r.err == message + "\n", "\(args): \(r.err)")
        }
    }
}
