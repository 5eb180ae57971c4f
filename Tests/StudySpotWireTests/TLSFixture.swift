import Foundation
import StudySpotDevStack
@testable import StudySpotWire
import StudySpotTestSupport
import Testing

/// Certificates made with the `openssl` CLI in a temporary folder: a CA, a
/// server certificate it signs for the given names, and a second CA that
/// signs nothing (a trust store the server's certificate does not chain to).
final class TLSFixture: @unchecked Sendable {
    let directory: URL
    var caFile: String { path("ca.pem") }
    var otherCAFile: String { path("other-ca.pem") }
    var certFile: String { path("server.pem") }
    var keyFile: String { path("server.key") }

    /// `names`: subjectAltName entries, e.g. ["DNS:localhost", "IP:127.0.0.2"].
    init(names: [String]) throws {
        directory = URL(fileURLWithPath: "/tmp/studyspot-tls-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        for ca in ["ca", "other-ca"] {
            try run("/usr/bin/openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                                         "-subj", "/CN=StudySpot test \(ca)", "-keyout", path("\(ca).key"), "-out", path("\(ca).pem")])
        }
        try "subjectAltName=\(names.joined(separator: ","))\n".write(toFile: path("san.ext"), atomically: true, encoding: .utf8)
        try run("/usr/bin/openssl", ["req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=studyspot-test-server",
                                     "-keyout", keyFile, "-out", path("server.csr")])
        try run("/usr/bin/openssl", ["x509", "-req", "-in", path("server.csr"), "-CA", caFile, "-CAkey", path("ca.key"),
                                     "-CAcreateserial", "-days", "2", "-extfile", path("san.ext"), "-out", certFile])
        // The server may run as another user (postgres refuses a key others can read).
        chmod(keyFile, 0o600)
    }

    func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    func remove() { try? FileManager.default.removeItem(at: directory) }

    /// Runs a tool to completion; throws with its output when it fails.
    @discardableResult
    func run(_ tool: String, _ args: [String]) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: tool)
        p.arguments = args
        let out = Pipe()
        p.standardOutput = out
        p.standardError = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        guard p.terminationStatus == 0 else { throw FixtureError("\(tool) \(args.first ?? "") failed: \(text)") }
        return text
    }

    /// Whether a TLS server on 127.0.0.1:`port` answers: it presents its
    /// certificate in a handshake with a client that trusts this fixture's
    /// CA. A name the certificate does not carry (`localhost` for some
    /// fixtures) still counts: the refusal comes from the certificate it sent.
    func answers(port: Int) -> Bool {
        do throws(TLSStreamError) {
            try TLSStream(host: "localhost", port: port, caFile: caFile, timeout: 2).close()
            return true
        } catch {
            return error.kind == .certificate
        }
    }
}

struct FixtureError: Error, CustomStringConvertible {
    var description: String
    init(_ d: String) { description = d }
}

/// A redis-server that speaks only TLS, with a password, stopped on `stop()`.
final class TLSRedisServer: @unchecked Sendable {
    let port: Int
    let password: String
    private let process = Process()

    init(_ tls: TLSFixture, password: String) throws {
        self.password = password
        port = TestEnvironment.freeServerPort()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/redis-server")
        process.arguments = [
            "--port", "0", "--tls-port", String(port), "--bind", "127.0.0.1", "127.0.0.2",
            "--tls-cert-file", tls.certFile, "--tls-key-file", tls.keyFile, "--tls-ca-cert-file", tls.caFile,
            "--tls-auth-clients", "no", "--requirepass", password,
            "--save", "", "--appendonly", "no", "--dir", tls.directory.path, "--logfile", tls.path("redis.log"),
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Ready when it answers: a TLS handshake on its port gets its certificate.
        guard TestEnvironment.waitUntilServing(timeout: 10, alive: { process.isRunning }, answers: { tls.answers(port: port) }) else {
            stop()
            throw FixtureError("redis-server with TLS did not start: \((try? String(contentsOfFile: tls.path("redis.log"), encoding: .utf8)) ?? "")")
        }
    }

    /// SIGKILL: the test process may block SIGTERM, and a child inherits the mask.
    func stop() {
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }
}
