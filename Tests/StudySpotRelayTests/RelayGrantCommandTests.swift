import Foundation
import Testing
import StudySpotCore
import StudySpotTestSupport
import StudySpotWire
@testable import StudySpotRelay

/// `studyspot relay grant` as an admin runs it: the built binary, a config
/// file pointing at the stack, exit codes and messages, and the password in
/// no output at all.
@Suite struct RelayGrantCommandTests {
    struct Run { var status: Int32; var out: String; var err: String; var all: String { out + err } }

    /// The stack's config with the catalog shard moved to the fixture's database.
    func config(_ f: RelayOwnerFixture) throws -> URL {
        let path = try require(ProcessInfo.processInfo.environment["STUDYSPOT_TEST_CONFIG"], "STUDYSPOT_TEST_CONFIG")
        var text = try String(contentsOfFile: path, encoding: .utf8)
        let original = try require(try TestEnvironment.topology().catalogShard).dsn
        let moved = try require(f.topology.catalogShard).dsn
        #expect(text.contains("dsn = \"\(original)\""))
        text = text.replacingOccurrences(of: "dsn = \"\(original)\"", with: "dsn = \"\(moved)\"")
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("relaygrant-\(UUID().uuidString).toml")
        FileManager.default.createFile(atPath: url.path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600])
        return url
    }

    func run(_ arguments: [String], environment: [String: String] = [:]) throws -> Run {
        let binary = try require(ProcessInfo.processInfo.environment["STUDYSPOT_BINARY"], "STUDYSPOT_BINARY (set by make test)")
        let p = Process()
        p.executableURL = URL(fileURLWithPath: binary)
        p.arguments = arguments
        p.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        p.standardInput = FileHandle.nullDevice
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Run(status: p.terminationStatus, out: String(decoding: o, as: UTF8.self), err: String(decoding: e, as: UTF8.self))
    }

    @Test func grantDryRunAndRevokeThroughTheBinary() throws {
        let f = try RelayOwnerFixture()
        defer { f.cleanUp() }
        let cfg = try config(f)
        defer { try? FileManager.default.removeItem(at: cfg) }
        let a = try f.owner()
        let role = try require(a.dbRole)
        let password = "cmd-secret-\(a.id)"
        let variable = "RELAYTEST_PW_\(a.id)"

        let dry = try run(["relay", "grant", "--config", cfg.path, "--owner", String(a.id), "--dry-run"])
        #expect(dry.status == 0, "\(dry.all)")
        #expect(dry.out.hasPrefix("ACL SETUSER \(role) reset on >••• resetchannels %R~feed:owner:\(a.id) %R~seats:owner:\(a.id):* -@all +xread"), "\(dry.all)")
        #expect(dry.out.hasSuffix("dry run: nothing was changed on the state cache\n"))
        #expect(try f.admin.command(["ACL", "GETUSER", role]) == .null)

        let granted = try run(["relay", "grant", "--config", cfg.path, "--owner", String(a.id), "--password-env", variable],
                              environment: [variable: password])
        #expect(granted.status == 0, "\(granted.all)")
        #expect(granted.out.hasPrefix("granted: ACL user \(role) on state cache railway-redis may read only feed:owner:\(a.id)"), "\(granted.all)")
        #expect(!granted.all.contains(password))
        #expect(try RedisConnection(url: try f.url(user: role, password: password)).command(["PING"]) == .status("PONG"))

        let revoked = try run(["relay", "grant", "--config", cfg.path, "--owner", String(a.id), "--revoke"])
        #expect(revoked.status == 0, "\(revoked.all)")
        #expect(revoked.out.hasPrefix("revoked: ACL user \(role) deleted from state cache railway-redis"), "\(revoked.all)")
        #expect(try f.admin.command(["ACL", "GETUSER", role]) == .null)
    }

    @Test func eachRefusalExitsOneAndSaysWhatToChange() throws {
        let f = try RelayOwnerFixture()
        defer { f.cleanUp() }
        let cfg = try config(f)
        defer { try? FileManager.default.removeItem(at: cfg) }
        let a = try f.owner(), roleless = try f.owner(role: false)
        let variable = "RELAYTEST_PW_\(a.id)"
        let base = ["relay", "grant", "--config", cfg.path]

        let unset = try run(base + ["--owner", String(a.id), "--password-env", variable])
        #expect(unset.status == 1 && unset.err == "relay grant: environment variable \(variable) (--password-env) is not set or empty: put the owner's new password in it\n", "\(unset.all)")
        let empty = try run(base + ["--owner", String(a.id), "--password-env", variable], environment: [variable: ""])
        #expect(empty.status == 1 && empty.err.contains("is not set or empty"), "\(empty.all)")
        let noVariable = try run(base + ["--owner", String(a.id)])
        #expect(noVariable.status == 1 && noVariable.err.contains("--password-env VAR is required"), "\(noVariable.all)")
        #expect(try f.admin.command(["ACL", "GETUSER", try require(a.dbRole)]) == .null)

        let nobody = try run(base + ["--owner", "12345678901", "--password-env", variable], environment: [variable: "pw-nobody"])
        #expect(nobody.status == 1 && nobody.err.contains("no owner 12345678901 in the owners table of catalog shard catalog"), "\(nobody.all)")
        let noRole = try run(base + ["--owner", String(roleless.id), "--password-env", variable], environment: [variable: "pw-norole"])
        #expect(noRole.status == 1 && noRole.err.contains("owner \(roleless.id) has no db_role: set owners.db_role first"), "\(noRole.all)")
        #expect(!nobody.all.contains("pw-nobody") && !noRole.all.contains("pw-norole"))
    }
}
