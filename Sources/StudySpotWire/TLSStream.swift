import Foundation
import COpenSSL
#if canImport(Glibc)
import Glibc
#endif

/// Why a TLS stream failed; `RedisTLSSession` turns it into a `RedisError`.
struct TLSStreamError: Error, Sendable {
    enum Kind: Sendable { case connect, certificate, io, timeout, closed }
    var kind: Kind
    var message: String
    /// The TCP failure under a `.connect`, for clients that word it themselves.
    var tcp: TCPConnectError? = nil
    /// What an operator reads in a row that already names the target, e.g.
    /// "certificate verify failed: self-signed certificate"; else `message`.
    var shortReason: String? = nil
    var reason: String { shortReason ?? message }
}

/// A TLS client byte stream over a non-blocking TCP socket, with a deadline on
/// every call (poll, never a blocking read). The server's certificate is
/// always verified — against `caFile` when given, else OpenSSL's default
/// paths (which honour `SSL_CERT_FILE` and `SSL_CERT_DIR`) — and so is its
/// name: a host name through SNI and `SSL_set1_host`, an IP address against
/// the certificate's IP entries. Owned by one thread at a time.
final class TLSStream {
    private var fd: Int32 = -1
    private var ctx: OpaquePointer?
    private var ssl: OpaquePointer?
    /// When the server's certificate expires (read after the handshake).
    private(set) var peerNotAfter: Date?

    init(host: String, port: Int, caFile: String?, timeout: Double) throws(TLSStreamError) {
        let deadline = Date().addingTimeInterval(timeout)
        fd = try TLSStream.connectTCP(host: host, port: port, deadline: deadline)
        do throws(TLSStreamError) {
            try handshake(host: host, caFile: caFile, deadline: deadline)
        } catch {
            close()
            throw error
        }
    }

    deinit { close() }

    var isOpen: Bool { ssl != nil }

    func close() {
        if let ssl { SSL_free(ssl) }
        if let ctx { SSL_CTX_free(ctx) }
        if fd >= 0 { Glibc.close(fd) }
        ssl = nil; ctx = nil; fd = -1
    }

    // MARK: TCP

    /// Resolves `host` and connects to the first address that answers before the deadline.
    private static func connectTCP(host: String, port: Int, deadline: Date) throws(TLSStreamError) -> Int32 {
        switch TCPConnect.connect(host: host, port: port, deadline: deadline) {
        case .success(let fd):
            return fd
        case .failure(let e):
            switch e.kind {
            case .resolve: throw TLSStreamError(kind: .connect, message: "cannot resolve \(host): \(e.reason ?? "")", tcp: e)
            case .timeout: throw TLSStreamError(kind: .timeout, message: "connect to \(host):\(port) timed out", tcp: e)
            case .failed: throw TLSStreamError(kind: .connect, message: "cannot connect to \(host):\(port): \(e.reason ?? "no address")", tcp: e)
            }
        }
    }

    private static func wait(_ fd: Int32, events: Int16, deadline: Date) -> Bool {
        TCPConnect.wait(fd, events: events, deadline: deadline)
    }

    // MARK: TLS

    private func handshake(host: String, caFile: String?, deadline: Date) throws(TLSStreamError) {
        guard let ctx = SSL_CTX_new(TLS_client_method()) else { throw TLSStreamError(kind: .connect, message: "cannot create a TLS context") }
        self.ctx = ctx
        _ = studyspot_ssl_ctx_min_tls12(ctx)
        SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, nil)
        let loaded: Int32
        if let caFile {
            loaded = SSL_CTX_load_verify_locations(ctx, caFile, nil)
            guard loaded == 1 else {
                throw TLSStreamError(kind: .certificate, message: "cannot load CA certificates from \(caFile): \(TLSStream.errorQueue())")
            }
        } else {
            _ = SSL_CTX_set_default_verify_paths(ctx)
        }
        guard let ssl = SSL_new(ctx) else { throw TLSStreamError(kind: .connect, message: "cannot create a TLS session") }
        self.ssl = ssl
        _ = studyspot_ssl_set_modes(ssl)
        if TLSStream.isIPAddress(host) {
            // No SNI for addresses (RFC 6066); check the certificate's IP entries instead.
            let param = SSL_get0_param(ssl)
            guard X509_VERIFY_PARAM_set1_ip_asc(param, host) == 1 else {
                throw TLSStreamError(kind: .connect, message: "bad IP address \(host)")
            }
        } else {
            _ = studyspot_ssl_set_sni(ssl, host)
            guard SSL_set1_host(ssl, host) == 1 else { throw TLSStreamError(kind: .connect, message: "bad host name \(host)") }
        }
        guard SSL_set_fd(ssl, fd) == 1 else { throw TLSStreamError(kind: .connect, message: "cannot attach the socket") }
        while true {
            ERR_clear_error()
            let rc = SSL_connect(ssl)
            if rc == 1 { break }
            let e = SSL_get_error(ssl, rc)
            if e == SSL_ERROR_WANT_READ || e == SSL_ERROR_WANT_WRITE {
                guard TLSStream.wait(fd, events: Int16(e == SSL_ERROR_WANT_READ ? POLLIN : POLLOUT), deadline: deadline) else {
                    throw TLSStreamError(kind: .timeout, message: "TLS handshake with \(host) timed out")
                }
                continue
            }
            let verify = SSL_get_verify_result(ssl)
            if verify != X509_V_OK {
                let reason = String(cString: X509_verify_cert_error_string(verify))
                throw TLSStreamError(kind: .certificate, message: "TLS certificate of \(host) refused: \(reason)",
                                     shortReason: "certificate verify failed: \(reason)")
            }
            let queue = TLSStream.errorQueue()
            throw TLSStreamError(kind: .connect, message: "TLS handshake with \(host) failed: \(queue)", shortReason: "TLS handshake failed: \(queue)")
        }
        // SSL_VERIFY_PEER already failed the handshake on a bad chain; this
        // guards against a server that sent no certificate at all.
        guard SSL_get_verify_result(ssl) == X509_V_OK, let peer = SSL_get1_peer_certificate(ssl) else {
            throw TLSStreamError(kind: .certificate, message: "TLS server \(host) presented no valid certificate")
        }
        peerNotAfter = TLSStream.notAfter(peer)
        X509_free(peer)
    }

    /// A certificate's notAfter as a date (ASN1_TIME_diff against now).
    static func notAfter(_ cert: OpaquePointer) -> Date? {
        guard let end = X509_get0_notAfter(cert) else { return nil }
        var days: Int32 = 0, seconds: Int32 = 0
        guard ASN1_TIME_diff(&days, &seconds, nil, end) == 1 else { return nil }
        return Date().addingTimeInterval(Double(days) * 86_400 + Double(seconds))
    }

    /// Writes every byte before the deadline.
    func write(_ bytes: UnsafeRawBufferPointer, deadline: Date) throws(TLSStreamError) {
        guard let ssl else { throw TLSStreamError(kind: .closed, message: "not connected") }
        var offset = 0
        while offset < bytes.count {
            ERR_clear_error()
            let n = SSL_write(ssl, bytes.baseAddress! + offset, Int32(min(bytes.count - offset, Int(Int32.max))))
            if n > 0 { offset += Int(n); continue }
            try waitForRetry(ssl, n, deadline: deadline, what: "write")
        }
    }

    /// Reads what is available (at least one byte) before the deadline.
    func read(into buffer: UnsafeMutableRawBufferPointer, deadline: Date) throws(TLSStreamError) -> Int {
        guard let ssl else { throw TLSStreamError(kind: .closed, message: "not connected") }
        while true {
            ERR_clear_error()
            let n = SSL_read(ssl, buffer.baseAddress!, Int32(min(buffer.count, Int(Int32.max))))
            if n > 0 { return Int(n) }
            try waitForRetry(ssl, n, deadline: deadline, what: "read")
        }
    }

    private func waitForRetry(_ ssl: OpaquePointer, _ rc: Int32, deadline: Date, what: String) throws(TLSStreamError) {
        let e = SSL_get_error(ssl, rc)
        switch e {
        case SSL_ERROR_WANT_READ, SSL_ERROR_WANT_WRITE:
            guard TLSStream.wait(fd, events: Int16(e == SSL_ERROR_WANT_READ ? POLLIN : POLLOUT), deadline: deadline) else {
                throw TLSStreamError(kind: .timeout, message: "\(what) timed out")
            }
        case SSL_ERROR_ZERO_RETURN:
            throw TLSStreamError(kind: .closed, message: "the server closed the connection")
        case SSL_ERROR_SYSCALL:
            let text = errno == 0 ? "the server closed the connection" : String(cString: strerror(errno))
            throw TLSStreamError(kind: .io, message: "\(what) failed: \(text)")
        default:
            throw TLSStreamError(kind: .io, message: "\(what) failed: \(TLSStream.errorQueue())")
        }
    }

    static func isIPAddress(_ host: String) -> Bool {
        var v4 = in_addr(), v6 = in6_addr()
        return inet_pton(AF_INET, host, &v4) == 1 || inet_pton(AF_INET6, host, &v6) == 1
    }

    /// OpenSSL's queued errors as text (empties the queue).
    static func errorQueue() -> String {
        var parts: [String] = []
        while true {
            let code = ERR_get_error()
            if code == 0 { break }
            var buf = [CChar](repeating: 0, count: 256)
            ERR_error_string_n(code, &buf, buf.count)
            let bytes = buf.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
            parts.append(String(decoding: bytes, as: UTF8.self))
        }
        return parts.isEmpty ? "unknown TLS error" : parts.joined(separator: "; ")
    }
}
