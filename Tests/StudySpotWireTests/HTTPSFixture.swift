import Foundation
import Synchronization
import StudySpotDevStack
import StudySpotTestSupport
import StudySpotWire
import Testing

/// Certificates for HTTPS tests, made with the `openssl` CLI in a temporary
/// folder: a private CA and, signed by it for localhost and 127.0.0.1, a
/// valid certificate, one expiring in 3 days, an expired one (`openssl ca
/// -startdate/-enddate`, no clock faking) and one for another host name;
/// plus a self-signed certificate.
final class HTTPSCertificates: @unchecked Sendable {
    let directory: URL
    var caFile: String { path("ca.pem") }
    static let made = Mutex<[String]>([])

    init() throws {
        directory = URL(fileURLWithPath: "/tmp/studyspot-https-\(UUID().uuidString.prefix(8))")
        // Made once per test process (a static) and removed when it exits.
        HTTPSCertificates.made.withLock { $0.append(directory.path) }
        if HTTPSCertificates.made.withLock({ $0.count }) == 1 {
            atexit { HTTPSCertificates.made.withLock { $0.forEach { try? FileManager.default.removeItem(atPath: $0) } } }
        }
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("new"), withIntermediateDirectories: true)
        try openssl(["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "30", "-subj", "/CN=StudySpot test CA",
                     "-keyout", path("ca.key"), "-out", caFile])
        try "".write(toFile: path("index.txt"), atomically: true, encoding: .utf8)
        try "1000\n".write(toFile: path("serial"), atomically: true, encoding: .utf8)
        try """
        [ca]
        default_ca = test
        [test]
        database = \(path("index.txt"))
        new_certs_dir = \(path("new"))
        serial = \(path("serial"))
        default_md = sha256
        policy = any
        unique_subject = no
        [any]
        commonName = supplied
        """.write(toFile: path("ca.cnf"), atomically: true, encoding: .utf8)
        try sign("good", names: "DNS:localhost,IP:127.0.0.1", dates: ["-days", "30"])
        try sign("soon", names: "DNS:localhost,IP:127.0.0.1", dates: ["-days", "3"])
        try sign("expired", names: "DNS:localhost,IP:127.0.0.1", dates: ["-startdate", "20200101000000Z", "-enddate", "20200201000000Z"])
        try sign("misnamed", names: "DNS:elsewhere.example", dates: ["-days", "30"])
        try openssl(["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "30", "-subj", "/CN=localhost",
                     "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1", "-keyout", path("self.key"), "-out", path("self.pem")])
    }

    func path(_ name: String) -> String { directory.appendingPathComponent(name).path }
    func remove() { try? FileManager.default.removeItem(at: directory) }

    private func sign(_ name: String, names: String, dates: [String]) throws {
        try "subjectAltName=\(names)\n".write(toFile: path("\(name).ext"), atomically: true, encoding: .utf8)
        try openssl(["req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=\(name)", "-keyout", path("\(name).key"), "-out", path("\(name).csr")])
        try openssl(["ca", "-batch", "-config", path("ca.cnf"), "-cert", caFile, "-keyfile", path("ca.key"), "-notext",
                     "-in", path("\(name).csr"), "-out", path("\(name).pem"), "-extfile", path("\(name).ext")] + dates)
    }

    @discardableResult
    func openssl(_ args: [String]) throws -> String { try runTool("/usr/bin/openssl", args) }
}

/// Runs a tool to completion; throws with its output when it fails.
@discardableResult
func runTool(_ tool: String, _ args: [String]) throws -> String {
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

/// A Python `http.server` (+ `ssl` when given a certificate) on 127.0.0.1,
/// on a port above the kernel's ephemeral range, serving: `/health` (the
/// contract's body), `/status/N`, `/loop-a` ⇄ `/loop-b` (a redirect loop),
/// `/hop/N` (N redirects, then /health), `/big` (10 MB, Content-Length
/// declared), `/big-chunked` (10 MB, chunked, no length), `/slow` (5 s), and
/// `/echo` (method, Authorization and body back as JSON).
final class FixtureHTTPServer: @unchecked Sendable {
    let port: Int
    let tls: Bool
    private let process = Process()
    var base: String { "\(tls ? "https" : "http")://localhost:\(port)" }
    private(set) var requests: Int = 0

    static let script = #"""
import http.server, json, ssl, sys, time
port, cert, key = int(sys.argv[1]), sys.argv[2], sys.argv[3]
class H(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def log_message(self, *a): pass
    def send(self, code, body, headers=()):
        self.send_response(code)
        for k, v in headers: self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(body)
    def do_POST(self): self.do_GET()
    def do_GET(self):
        p = self.path
        if p == "/health": return self.send(200, b'{"status":"ok","version":"fixture","uptime_s":5}')
        if p.startswith("/status/"): return self.send(int(p[8:]), b'<html>bad gateway</html>')
        if p == "/loop-a": return self.send(302, b"", [("Location", "/loop-b")])
        if p == "/loop-b": return self.send(302, b"", [("Location", "/loop-a")])
        if p.startswith("/hop/"):
            n = int(p[5:])
            return self.send(302, b"", [("Location", "/hop/%d" % (n - 1) if n > 1 else "/health")])
        if p == "/big":
            self.send_response(200); self.send_header("Content-Length", str(10 << 20)); self.end_headers()
            try:
                for _ in range(10 << 4): self.wfile.write(b"x" * 65536)
            except Exception: pass
            return
        if p == "/big-chunked":
            self.send_response(200); self.send_header("Transfer-Encoding", "chunked"); self.end_headers()
            try:
                for _ in range(10 << 4): self.wfile.write(b"10000\r\n" + b"x" * 65536 + b"\r\n")
                self.wfile.write(b"0\r\n\r\n")
            except Exception: pass
            return
        if p == "/slow": time.sleep(5); return self.send(200, b'{"status":"ok"}')
        if p == "/echo":
            n = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(n).decode() if n else ""
            return self.send(200, json.dumps({"method": self.command, "authorization": self.headers.get("Authorization"), "body": body}).encode())
        self.send(404, b"{}")
s = http.server.ThreadingHTTPServer(("127.0.0.1", port), H)
if cert:
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER); ctx.load_cert_chain(cert, key)
    s.socket = ctx.wrap_socket(s.socket, server_side=True)
s.serve_forever()
"""#

    /// `cert`/`key`: PEM files for HTTPS, nil for plain HTTP. `trust` is the CA
    /// bundle under which the server answers (to wait until it does).
    init(cert: String? = nil, key: String? = nil, trust: String? = nil, scriptDirectory: URL) throws {
        tls = cert != nil
        let script = scriptDirectory.appendingPathComponent("fixture-server.py").path
        if !FileManager.default.fileExists(atPath: script) {
            try Self.script.write(toFile: script, atomically: true, encoding: .utf8)
        }
        port = TestEnvironment.freeServerPort()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = [script, String(port), cert ?? "", key ?? ""]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Ready when it answers a request, not when some time has passed.
        let url = (tls ? "https://127.0.0.1:" : "http://127.0.0.1:") + "\(port)/health"
        let process = self.process
        let up = TestEnvironment.waitUntilServing(timeout: 15, alive: { process.isRunning }) {
            switch HTTPGet.get(url, timeout: 1, caFile: trust) {
            case .success(let r): return r.status == 200
            // An untrusted server answers only with its certificate: a TLS refusal is an answer.
            case .failure(let e): return e.kind == .tls
            }
        }
        guard up else {
            stop()
            throw FixtureError("the fixture HTTP server did not answer on port \(port)")
        }
    }

    func stop() {
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }
}
