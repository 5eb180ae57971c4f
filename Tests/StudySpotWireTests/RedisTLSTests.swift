import Foundation
@testable import StudySpotWire
import Testing
import StudySpotTestSupport
#if canImport(Glibc)
import Glibc
#endif

/// `rediss://` against a real redis-server speaking only TLS, with
/// certificates made for the test: a trusted certificate connects and runs
/// commands; an untrusted one, a wrong host name and a silent server are
/// refused with a clear error that never holds the password.
@Suite(.serialized) struct RedisTLSTests {
    static let password = "Tls-Pa55word_Known"

    /// The server's certificate names `localhost` and 127.0.0.2, not 127.0.0.1.
    func withServer(_ body: (TLSFixture, TLSRedisServer) throws -> Void) throws {
        let tls = try TLSFixture(names: ["DNS:localhost", "IP:127.0.0.2"])
        defer { tls.remove() }
        let server = try TLSRedisServer(tls, password: Self.password)
        defer { server.stop() }
        try body(tls, server)
    }

    func url(_ host: String, _ server: TLSRedisServer, ca: String?, password: String = RedisTLSTests.password, db: Int = 3) -> String {
        "rediss://:\(password)@\(host):\(server.port)/\(db)" + (ca.map { "?ssl_ca_certs=\($0)" } ?? "")
    }

    func expectRefused(_ text: String, kind: RedisError.Kind = .connection, _ fragment: String) {
        expectError { try RedisConnection(url: text, timeoutSeconds: 3) } matching: { e in
            let message = "\(e)"
            #expect(message.contains(fragment), "\(message)")
            #expect(!message.contains(Self.password))
            return (e as? RedisError)?.kind == kind && message.contains(fragment) && !message.contains(Self.password)
        }
    }

    @Test func aTrustedCertificateConnectsByNameAndByAddressAndRunsCommands() throws {
        try withServer { tls, server in
            for host in ["localhost", "127.0.0.2"] {
                let r = try RedisConnection(url: url(host, server, ca: tls.caFile), timeoutSeconds: 3)
                defer { r.close() }
                #expect(r.isAlive)
                #expect(try r.command(["PING"]) == .status("PONG"))
                // SELECT from the URL ran: the key lands in database 3.
                let key = "tls-test:\(host)"
                let big = String(repeating: "सीट-", count: 30_000) // ~360 KB: many TLS records each way
                #expect(try r.command(["SET", key, big]) == .status("OK"))
                #expect(try r.command(["GET", key]).string == big)
                #expect(try r.command(bytes: [Array("SET".utf8), Array(key.utf8), [0, 13, 10, 255]]) == .status("OK"))
                #expect(try r.command(["GET", key]) == .bulk([0, 13, 10, 255]))
                let replies = try r.pipeline([["INCR", "tls-test:n"], ["INCR", "tls-test:n"], ["CLIENT", "INFO"], ["DEL", key, "tls-test:n"]])
                #expect(replies.count == 4 && replies[1].integer == replies[0].integer! + 1)
                #expect(replies[2].string?.contains("db=3") == true)
                #expect(try r.command(["NOSUCHCOMMAND"]).string == nil)
            }
        }
    }

    @Test func anUntrustedCertificateIsRefused() throws {
        try withServer { tls, server in
            // The system trust store does not know the test CA…
            expectRefused(url("localhost", server, ca: nil), "TLS certificate of localhost refused")
            // …nor does a CA file that did not sign it.
            expectRefused(url("localhost", server, ca: tls.otherCAFile), "TLS certificate of localhost refused")
            // A missing CA file is named.
            expectRefused(url("localhost", server, ca: "/nonexistent/ca.pem"), "cannot load CA certificates from /nonexistent/ca.pem")
        }
    }

    @Test func aWrongHostNameOrAddressIsRefused() throws {
        try withServer { tls, server in
            // 127.0.0.1 reaches the same server, but its certificate does not name that address.
            expectRefused(url("127.0.0.1", server, ca: tls.caFile), "TLS certificate of 127.0.0.1 refused: IP address mismatch")
        }
        let tls = try TLSFixture(names: ["DNS:redis.example.com"])
        defer { tls.remove() }
        let server = try TLSRedisServer(tls, password: Self.password)
        defer { server.stop() }
        expectRefused(url("localhost", server, ca: tls.caFile), "TLS certificate of localhost refused: hostname mismatch")
    }

    @Test func aWrongPasswordIsAnErrorThatDoesNotEchoIt() throws {
        try withServer { tls, server in
            let wrong = "Not-The-Pa55word"
            expectError { try RedisConnection(url: url("localhost", server, ca: tls.caFile, password: wrong)) } matching: { e in
                let m = "\(e)"
                return m.contains("WRONGPASS") || m.contains("invalid password") ? !m.contains(wrong) : false
            }
        }
    }

    @Test func aServerThatNeverAnswersTheHandshakeTimesOut() throws {
        // Accepts TCP (the kernel's backlog) but never speaks TLS.
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        addr.sin_port = 0
        _ = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        listen(fd, 4)
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) } }
        let port = Int(UInt16(bigEndian: addr.sin_port))
        let started = Date()
        expectError { try RedisConnection(url: "rediss://:\(Self.password)@localhost:\(port)/0", timeoutSeconds: 1) } matching: { e in
            (e as? RedisError)?.kind == .timeout && "\(e)".contains("timed out") && !"\(e)".contains(Self.password)
        }
        #expect(Date().timeIntervalSince(started) < 5)
    }

    @Test func theURLCarriesTheCAFile() throws {
        let u = try RedisURL(parsing: "rediss://:pw@cache.example.com:6380/2?ssl_ca_certs=/etc/ssl/my%20ca.pem")
        #expect(u.tls && u.port == 6380 && u.database == 2 && u.caFile == "/etc/ssl/my ca.pem")
        #expect(try RedisURL(parsing: "redis://127.0.0.1:6379/0").caFile == nil)
    }
}
