import Foundation
import StudySpotTestSupport
@testable import StudySpotWire
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `sslmode=verify-full` by default off loopback, the DSN's own sslmode
/// kept, and a real verify-full refusal: libpq talks to a server that answers
/// PostgreSQL's SSLRequest and then hands the connection to `openssl s_server`
/// with a certificate of the test's own CA. No password is sent before the
/// certificate is checked, and none appears in the errors.
@Suite("Security: PostgreSQL TLS", .serialized)
struct PGTLSTests {
    @Test(arguments: [
        ("host=db.example.com dbname=x", "verify-full"),
        ("postgresql://u:pw@db.example.com:5432/x", "verify-full"),
        ("host=10.0.0.5 dbname=x", "verify-full"),
        ("host=127.evil.example dbname=x", "verify-full"),
        ("host=127.0.0.1.nip.io dbname=x", "verify-full"),
        ("host=localhost,db.example.com dbname=x", "verify-full"),
        ("hostaddr=192.0.2.7 dbname=x", "verify-full"),
        ("host=127.0.0.1 dbname=x", "disable"),
        ("host=127.1.2.3 dbname=x", "disable"),
        ("host=localhost dbname=x", "disable"),
        ("host=::1 dbname=x", "disable"),
        ("host=/var/run/postgresql dbname=x", "disable"),
        ("dbname=x", "disable"),
        ("postgresql://u@db.example.com/x?sslmode=require", nil),
        ("host=db.example.com sslmode=disable dbname=x", nil),
        ("host=127.0.0.1 sslmode=verify-full dbname=x", nil),
    ] as [(String, String?)])
    func theDefaultSSLModeFollowsTheHost(_ dsn: String, _ expected: String?) {
        #expect(PGConnection.defaultSSLMode(PGConnection.parseConninfo(dsn)) == expected)
    }

    @Test func aDefaultedVerifyFullTrustsTheSystemStore() {
        let remote = PGConnection.parseConninfo("host=db.example.com dbname=x")
        let env = ["HOME": "/nonexistent", "SSL_CERT_FILE": "/etc/hostname"]
        #expect(PGConnection.defaultRootCertificates(remote, environment: env) == "/etc/hostname")
        #expect(PGConnection.defaultRootCertificates(remote, environment: env.merging(["PGSSLROOTCERT": "/x"]) { $1 }) == nil)
        #expect(PGConnection.defaultRootCertificates(PGConnection.parseConninfo("host=db.example.com sslrootcert=/ca.pem"), environment: env) == nil)
        #expect(PGConnection.defaultRootCertificates(PGConnection.parseConninfo("host=db.example.com sslmode=verify-ca"), environment: env) == nil)
        #expect(PGConnection.defaultRootCertificates(PGConnection.parseConninfo("host=127.0.0.1"), environment: env) == nil)
    }

    @Test func redisLoopbackIsAnAddressNotAPrefix() throws {
        #expect(try RedisURL(parsing: "redis://127.0.0.1:6379").isLoopback)
        #expect(try RedisURL(parsing: "redis://localhost:6379").isLoopback)
        #expect(try !RedisURL(parsing: "redis://127.attacker.example:6379").isLoopback)
        #expect(try !RedisURL(parsing: "redis://10.0.0.1:6379").isLoopback)
    }

    /// A non-loopback address of this machine, if it has one (the default applies only off loopback).
    static func externalAddress() -> String? {
        var list: UnsafeMutablePointer<ifaddrs>?
        guard getifaddrs(&list) == 0, let first = list else { return nil }
        defer { freeifaddrs(first) }
        var p: UnsafeMutablePointer<ifaddrs>? = first
        while let a = p {
            p = a.pointee.ifa_next
            guard let sa = a.pointee.ifa_addr, sa.pointee.sa_family == sa_family_t(AF_INET) else { continue }
            var host = [CChar](repeating: 0, count: 64)
            getnameinfo(sa, socklen_t(MemoryLayout<sockaddr_in>.size), &host, 64, nil, 0, NI_NUMERICHOST)
            let text = String(decoding: host.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            if !LoopbackHost.contains(text) { return text }
        }
        return nil
    }

    @Test func aServerWithAnUntrustedOrMisnamedCertificateIsRefused() throws {
        let tls = try TLSFixture(names: ["DNS:localhost", "IP:127.0.0.2"])
        defer { tls.remove() }
        let server = try FakePGTLSServer(tls)
        defer { server.stop() }
        let pw = "Pg-Tls-Pa55word"
        func attempt(_ dsn: String) -> String {
            do { _ = try PGConnection(dsn: dsn); return "connected" } catch { return "\(error)" }
        }
        // Explicit verify-full, the system's trust store: the test CA is unknown.
        var e = attempt("host=localhost port=\(server.port) dbname=x user=u password=\(pw) sslmode=verify-full sslrootcert=/etc/ssl/certs/ca-certificates.crt connect_timeout=3")
        #expect(e.contains("certificate verify failed"), "\(e)")
        #expect(!e.contains(pw))
        // Trusting the CA but asking for a name the certificate does not carry.
        e = attempt("host=127.0.0.1 port=\(server.port) dbname=x user=u password=\(pw) sslmode=verify-full sslrootcert=\(tls.caFile) connect_timeout=3")
        #expect(e.contains("does not match host name"), "\(e)")
        // The right CA and name: the handshake passes (s_server then fails the startup, which is not PostgreSQL).
        e = attempt("host=localhost port=\(server.port) dbname=x user=u password=\(pw) sslmode=verify-full sslrootcert=\(tls.caFile) connect_timeout=3")
        #expect(!e.contains("certificate") && !e.contains("does not match"), "\(e)")
        #expect(server.handshakes >= 1)
        // The DSN's own sslmode is kept: `require` encrypts without checking, so the same server gets past TLS.
        e = attempt("host=localhost port=\(server.port) dbname=x user=u password=\(pw) sslmode=require connect_timeout=3")
        #expect(!e.contains("certificate"), "\(e)")
        // No sslmode and a non-loopback host: verify-full by default, refused.
        if let external = Self.externalAddress() {
            e = attempt("host=\(external) port=\(server.port) dbname=x user=u password=\(pw) connect_timeout=3")
            #expect(e.contains("certificate verify failed"), "\(e)")
            #expect(!e.contains(pw))
        }
        // No sslmode on loopback: plain, so the fake server's SSL answer is a protocol error, not a certificate check.
        e = attempt("host=127.0.0.1 port=\(server.port) dbname=x user=u password=\(pw) connect_timeout=3")
        #expect(!e.contains("certificate"), "\(e)")
    }
}

/// Listens on every address; answers PostgreSQL's SSLRequest with "S" and
/// splices the connection to an `openssl s_server` (the TLS side).
final class FakePGTLSServer: @unchecked Sendable {
    private(set) var port = 0
    private var listener: Int32 = -1
    private let sServer = Process()
    private let lock = NSLock()
    private var count = 0
    private var stopped = false
    var handshakes: Int { lock.lock(); defer { lock.unlock() }; return count }

    init(_ tls: TLSFixture) throws {
        let backend = TestEnvironment.freeServerPort()
        sServer.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        sServer.arguments = ["s_server", "-accept", "127.0.0.1:\(backend)", "-cert", tls.certFile, "-key", tls.keyFile, "-quiet"]
        sServer.standardOutput = FileHandle.nullDevice
        sServer.standardError = FileHandle.nullDevice
        sServer.standardInput = Pipe()
        try sServer.run()
        // Ready when it answers: a TLS handshake on its port gets its certificate.
        guard TestEnvironment.waitUntilServing(timeout: 10, alive: { sServer.isRunning }, answers: { tls.answers(port: backend) }) else {
            stop()
            throw FixtureError("openssl s_server did not start")
        }
        listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var yes: Int32 = 1
        setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = INADDR_ANY
        _ = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        listen(listener, 8)
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listener, $0, &len) } }
        port = Int(UInt16(bigEndian: addr.sin_port))
        let t = Thread { [self] in acceptLoop(backend: backend) }
        t.start()
    }

    private func acceptLoop(backend: Int) {
        while true {
            let client = accept(listener, nil, nil)
            if client < 0 { return }
            Thread.detachNewThread { [self] in serve(client, backend: backend) }
        }
    }

    private func serve(_ client: Int32, backend: Int) {
        defer { close(client) }
        var request = [UInt8](repeating: 0, count: 8)
        guard recv(client, &request, 8, Int32(MSG_WAITALL)) == 8 else { return }
        // SSLRequest: length 8, code 80877103. Anything else (a plain startup) gets the same "S", which libpq rejects.
        _ = send(client, "S", 1, 0)
        let upstream = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(upstream) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        addr.sin_port = in_port_t(UInt16(backend).bigEndian)
        guard withUnsafePointer(to: &addr, { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(upstream, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }) == 0 else { return }
        lock.lock(); count += 1; lock.unlock()
        let done = DispatchSemaphore(value: 0)
        Thread.detachNewThread { pump(client, upstream); shutdown(upstream, Int32(SHUT_WR)); done.signal() }
        pump(upstream, client)
        shutdown(client, Int32(SHUT_WR))
        _ = done.wait(timeout: .now() + 10)
    }

    func stop() {
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
        if sServer.isRunning { kill(sServer.processIdentifier, SIGKILL); sServer.waitUntilExit() }
    }
}

private func pump(_ from: Int32, _ to: Int32) {
    var buf = [UInt8](repeating: 0, count: 16 * 1024)
    while true {
        let n = recv(from, &buf, buf.count, 0)
        if n <= 0 { return }
        var off = 0
        while off < n {
            let w = buf[off..<n].withUnsafeBytes { send(to, $0.baseAddress, n - off, Int32(MSG_NOSIGNAL)) }
            if w <= 0 { return }
            off += w
        }
    }
}
