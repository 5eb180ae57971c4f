import Foundation
import Testing
import StudySpotConfig
@testable import studyspot

/// `config check`, `snapshot` and the other commands on files that would
/// otherwise mislead: empty, describing no deployment, cut short, a DSN libpq
/// refuses, an owner without `[login]`.
@Suite struct ConfigCheckCommandTests {
    static let secret = "Hunter2-s3cret"

    /// `$STUDYSPOT_BINARY` (set by `make test`), else this package's debug build.
    static func binary() throws -> String {
        if let b = ProcessInfo.processInfo.environment["STUDYSPOT_BINARY"] { return b }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return root.appendingPathComponent(".build/debug/studyspot").path
    }

    final class Dir {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("studyspot-check-\(UUID().uuidString)").path
        init() throws { try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true) }
        deinit { try? FileManager.default.removeItem(atPath: path) }
        func write(_ name: String, _ text: String) throws -> String {
            let file = path + "/" + name
            try text.write(toFile: file, atomically: false, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file)
            return file
        }
    }

    /// Runs the binary; stdout and stderr together, and the exit status.
    static func run(_ args: [String]) throws -> (out: String, status: Int32) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: try binary())
        p.arguments = args
        var env = ProcessInfo.processInfo.environment
        env["STUDYSPOT_CONFIG"] = nil
        // The command's log file goes to a folder of its own, removed after.
        let state = try Dir()
        env["XDG_STATE_HOME"] = state.path
        p.environment = env
        let pipe = Pipe()
        p.standardOutput = pipe
        p.standardError = pipe
        p.standardInput = FileHandle.nullDevice
        try p.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        withExtendedLifetime(state) {}
        return (String(decoding: data, as: UTF8.self), p.terminationStatus)
    }

    /// The defaults with shard `neon`'s DSN replaced.
    static func withDSN(_ dsn: String) -> String {
        ConfigDefaults.text.replacingOccurrences(of: "dsn = \"host=127.0.0.1 port=54321 dbname=studyspot user=studyspot\"", with: "dsn = \"\(dsn)\"")
    }

    @Test func emptyAndDeploymentlessFilesAreRefusedByEveryCommand() throws {
        let dir = try Dir()
        let empty = try dir.write("empty.toml", "")
        let consoleOnly = try dir.write("console.toml", "[console]\nrefresh_seconds = 2\n")
        for file in [empty, consoleOnly] {
            for args in [["config", "check"], ["snapshot", "--timeout", "1"], ["schema", "apply"]] {
                let (out, status) = try Self.run(args + ["--config", file])
                #expect(status != 0, "\(args) accepted \(file)")
                #expect(out.contains("\(file): "), "\(args): \(out)")
                #expect(out.contains(file == empty ? "the file is empty" : "describes no deployment"), "\(args): \(out)")
            }
        }
    }

    @Test func aFileCutShortWarnsButLoads() throws {
        let dir = try Dir()
        let text = ConfigDefaults.text
        let cut = String(text[..<text.range(of: "[[cache]]")!.lowerBound])
        let file = try dir.write("cut.toml", cut)
        let (out, status) = try Self.run(["config", "check", "--config", file])
        #expect(status == 0, "\(out)")
        #expect(out.contains("\(file): warning: no [[cache]] section: the built-in caches are used"))
        #expect(out.contains("\(file): warning: no [[instance]] section"))
        #expect(out.contains("ok: \(file) (5 shards, 3 caches, 5 instances") && out.contains("2 warnings)"))
    }

    @Test func dsnsAreParsedByLibpqWithTheLineAndNoSecret() throws {
        let dir = try Dir()
        let file = try dir.write("dsn.toml", Self.withDSN("host=127.0.0.1 port=54321 dbname=studyspot password='\(Self.secret)"))
        let line = ConfigDefaults.text.components(separatedBy: "\n").firstIndex { $0.contains("port=54321") }! + 1
        let (out, status) = try Self.run(["config", "check", "--config", file])
        #expect(status == 1)
        #expect(out.contains("\(file):\(line): shard[1].dsn: unterminated quoted string in connection info string"), "\(out)")
        #expect(!out.contains(Self.secret))
        #expect(!out.contains("ok: "))
    }

    @Test func dsnProblemsInProcess() throws {
        var config = try ConfigLoader.parse(text: Self.withDSN("host=h hots=x password=\(Self.secret)"), file: "c.toml", environment: [:]).get()
        config.source = ConfigSource(origin: .commandLine, path: "c.toml")
        let problems = ConfigCommand.dsnProblems(config).map(\.description)
        #expect(problems.count == 1)
        #expect(problems.first?.hasPrefix("c.toml:") == true)
        #expect(problems.first?.hasSuffix(": shard[1].dsn: invalid connection option \"hots\"") == true)
        #expect(ConfigCommand.dsnProblems(ConfigDefaults.config).isEmpty)
    }

    @Test func ownerWithoutLoginSaysSoInTheSnapshot() throws {
        let dir = try Dir()
        let file = try dir.write("nologin.toml", ConfigDefaults.text)
        let started = Date()
        let (json, status) = try Self.run(["snapshot", "--config", file, "--role", "owner", "--format", "json", "--timeout", "30"])
        #expect(Date().timeIntervalSince(started) < 20, "it waited for data that cannot come")
        #expect(status == 2, "\(json)")
        #expect(json.contains("owner role needs [login] user and password in the config \(file) (--config): "), "\(json)")
        let (text, _) = try Self.run(["snapshot", "--config", file, "--role", "owner", "--pane", "bookings", "--timeout", "30"])
        #expect(text.contains("owner role needs [login] user and password"), "\(text)")
        #expect(!text.contains("Waiting for the booking feed"))
    }

    @Test func ownerOnTheRelayWithoutAnOwnerIdSaysSoInTheSnapshot() throws {
        let dir = try Dir()
        let file = try dir.write("noowner.toml", ConfigDefaults.text + "\n[feed]\nsource = \"relay\"\n\n[login]\nuser = \"owner_1\"\npassword = \"pw\"\n")
        let started = Date()
        let (json, status) = try Self.run(["snapshot", "--config", file, "--role", "owner", "--format", "json", "--timeout", "30"])
        #expect(Date().timeIntervalSince(started) < 20, "it waited for data that cannot come")
        #expect(status == 2, "\(json)")
        #expect(json.contains("needs [login] owner = ID"), "\(json)")
    }
}
