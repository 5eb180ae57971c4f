import Foundation
import COpenSSL
#if canImport(Glibc)
import Glibc
#endif

/// Why a TLS server context could not be made (a certificate or key file).
public struct TLSServerError: Error, Sendable, CustomStringConvertible {
    public var description: String
}

/// The server side of TLS, for the simulation's fake instances only (the
/// console is a client everywhere else): a certificate chain and its key,
/// and a blocking handshake on an accepted socket (the caller sets its
/// receive timeout).
public final class TLSServerContext: @unchecked Sendable {
    private let ctx: OpaquePointer

    public init(certFile: String, keyFile: String) throws(TLSServerError) {
        guard let ctx = SSL_CTX_new(TLS_server_method()) else { throw TLSServerError(description: "cannot create a TLS context") }
        _ = studyspot_ssl_ctx_min_tls12(ctx)
        guard SSL_CTX_use_certificate_chain_file(ctx, certFile) == 1 else {
            SSL_CTX_free(ctx)
            throw TLSServerError(description: "cannot load the certificate \(certFile): \(TLSStream.errorQueue())")
        }
        guard SSL_CTX_use_PrivateKey_file(ctx, keyFile, 1 /* SSL_FILETYPE_PEM */) == 1, SSL_CTX_check_private_key(ctx) == 1 else {
            SSL_CTX_free(ctx)
            throw TLSServerError(description: "cannot load the key \(keyFile) (or it does not match the certificate): \(TLSStream.errorQueue())")
        }
        self.ctx = ctx
    }

    deinit { SSL_CTX_free(ctx) }

    /// The TLS handshake on an accepted (blocking) socket; nil when it fails,
    /// e.g. a client that does not trust the certificate. The socket stays the caller's.
    public func accept(_ fd: Int32) -> TLSServerConnection? {
        guard let ssl = SSL_new(ctx) else { return nil }
        _ = studyspot_ssl_set_modes(ssl)
        guard SSL_set_fd(ssl, fd) == 1 else { SSL_free(ssl); return nil }
        ERR_clear_error()
        guard SSL_accept(ssl) == 1 else { ERR_clear_error(); SSL_free(ssl); return nil }
        return TLSServerConnection(ssl)
    }
}

/// One accepted TLS connection; owned by the thread that serves it.
public final class TLSServerConnection {
    private var ssl: OpaquePointer?
    init(_ ssl: OpaquePointer) { self.ssl = ssl }
    deinit { close() }

    /// Bytes read, or 0 when the peer closed or the read failed.
    public func read(into buffer: UnsafeMutableRawBufferPointer) -> Int {
        guard let ssl else { return 0 }
        ERR_clear_error()
        let n = SSL_read(ssl, buffer.baseAddress!, Int32(min(buffer.count, Int(Int32.max))))
        return n > 0 ? Int(n) : 0
    }

    /// Writes every byte; false when the connection failed.
    public func write(_ bytes: [UInt8]) -> Bool {
        guard let ssl else { return false }
        var offset = 0
        while offset < bytes.count {
            ERR_clear_error()
            let n = bytes.withUnsafeBytes { SSL_write(ssl, $0.baseAddress! + offset, Int32(min($0.count - offset, Int(Int32.max)))) }
            if n <= 0 { return false }
            offset += Int(n)
        }
        return true
    }

    /// Sends close_notify and frees the session (the socket stays open for its owner).
    public func close() {
        if let ssl { _ = SSL_shutdown(ssl); SSL_free(ssl) }
        ssl = nil
    }
}
