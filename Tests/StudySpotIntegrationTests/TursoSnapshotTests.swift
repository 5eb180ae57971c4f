import Foundation
import Testing
import StudySpotConfig
import StudySpotCore
import StudySpotTestSupport

/// The real binary with a catalog on Turso's HTTP API (`scripts/fake-turso.py`
/// over a real SQLite file) and the stack's users shards: `config check`
/// accepts it, the Seats pane draws a library read from it, the Shards pane
/// shows it reachable, and the token never appears in any output.
@Suite(.serialized) struct TursoSnapshotTests {
    struct Run { var status: Int32; var out: String; var err: String }

    static func run(_ args: [String], token: String) throws -> Run {
        let env = ProcessInfo.processInfo.environment
        let binary = try #require(env["STUDYSPOT_BINARY"], "STUDYSPOT_BINARY is set by `make test`")
        let p = Process()
        p.executableURL = URL(fileURLWithPath: binary)
        p.arguments = args
        var e = env
        e["TURSO_TOKEN"] = token
        e["STUDYSPOT_CONFIG"] = nil
        p.environment = e
        let out = Pipe(), err = Pipe()
        p.standardOutput = out; p.standardError = err; p.standardInput = FileHandle.nullDevice
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile(), r = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Run(status: p.terminationStatus, out: String(decoding: o, as: UTF8.self), err: String(decoding: r, as: UTF8.self))
    }

    /// The stack's config with the catalog shard on the fake Turso server, the token as `${TURSO_TOKEN}`.
    static func configFile(_ server: FakeTurso) throws -> String {
        var topo = try TestEnvironment.topology()
        let i = try #require(topo.shards.firstIndex { $0.role == .catalog })
        topo.shards[i] = ShardConfig(name: "catalog", provider: "turso", role: .catalog, users: nil, dsn: "",
                                     url: server.url, token: "TOKEN-PLACEHOLDER")
        let text = ConfigWriter.render(topology: topo).replacingOccurrences(of: "TOKEN-PLACEHOLDER", with: "${TURSO_TOKEN}")
        let path = server.directory.appendingPathComponent("config.toml").path
        #expect(FileManager.default.createFile(atPath: path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600]))
        return path
    }

    @Test func theSeatsPaneDrawsALibraryFromTursoAndTheTokenStaysSecret() throws {
        let server = try FakeTurso()
        try server.seedCatalog()
        let config = try Self.configFile(server)

        let check = try Self.run(["config", "check", "--config", config], token: server.token)
        #expect(check.status == 0, "\(check.out)\(check.err)")

        let show = try Self.run(["config", "show", "--config", config], token: server.token)
        #expect(show.out.contains("url = \"\(server.url)\"") && show.out.contains("token = \"•••\""))

        let seats = try Self.run(["snapshot", "--config", config, "--pane", "seats", "--timeout", "15"], token: server.token)
        #expect(seats.out.contains("Second Library"), "\(seats.out)\n\(seats.err)")
        #expect(seats.out.contains("Delhi"))

        let shards = try Self.run(["snapshot", "--config", config, "--format", "json", "--pane", "shards", "--timeout", "8"], token: server.token)
        let obj = try #require(try JSONSerialization.jsonObject(with: Data(shards.out.utf8)) as? [String: Any], "\(shards.out)\(shards.err)")
        let list = try #require(obj["shards"] as? [[String: Any]])
        let catalog = try #require(list.first { $0["name"] as? String == "catalog" })
        #expect(catalog["reachable"] as? Bool == true, "\(catalog)")

        for r in [check, show, seats, shards] { #expect(!(r.out + r.err).contains(server.token)) }
    }

    @Test func aRefusedTokenIsNamedInTheShardsPane() throws {
        let server = try FakeTurso()
        let config = try Self.configFile(server)
        let shards = try Self.run(["snapshot", "--config", config, "--format", "json", "--pane", "shards", "--timeout", "8"], token: "not-the-token")
        let obj = try #require(try JSONSerialization.jsonObject(with: Data(shards.out.utf8)) as? [String: Any], "\(shards.out)\(shards.err)")
        let catalog = try #require((obj["shards"] as? [[String: Any]])?.first { $0["name"] as? String == "catalog" })
        #expect(catalog["reachable"] as? Bool == false)
        #expect((catalog["error"] as? String)?.hasPrefix("401: token refused") == true, "\(catalog)")
        #expect(!shards.out.contains("not-the-token"))
    }
}
