import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Why a TCP connect failed; each client words it in its own error type.
struct TCPConnectError: Error, Sendable {
    enum Kind: Sendable {
        /// getaddrinfo failed; `reason` is its text.
        case resolve
        /// The deadline passed while an address was still connecting.
        case timeout
        /// Every address refused or failed; `reason` is the last one's errno
        /// text, nil when no address could even get a socket.
        case failed
    }
    var kind: Kind
    var reason: String?
}

/// The one TCP connect of the wire clients that open their own sockets
/// (`HTTPGet`, `TLSStream`): resolves the host, then connects to each
/// address in turn, non-blocking, until one answers or the deadline passes.
/// The socket it returns is non-blocking and close-on-exec.
enum TCPConnect {
    static func connect(host: String, port: Int, deadline: Date) -> Result<Int32, TCPConnectError> {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        let rc = getaddrinfo(host, String(port), &hints, &list)
        guard rc == 0, let first = list else {
            return .failure(TCPConnectError(kind: .resolve, reason: String(cString: gai_strerror(rc))))
        }
        defer { freeaddrinfo(first) }
        var lastError: String?
        var node: UnsafeMutablePointer<addrinfo>? = first
        while let ai = node {
            node = ai.pointee.ai_next
            let s = socket(ai.pointee.ai_family, ai.pointee.ai_socktype, ai.pointee.ai_protocol)
            guard s >= 0 else { lastError = String(cString: strerror(errno)); continue }
            _ = fcntl(s, F_SETFL, fcntl(s, F_GETFL) | O_NONBLOCK)
            _ = fcntl(s, F_SETFD, FD_CLOEXEC)
            if Glibc.connect(s, ai.pointee.ai_addr, ai.pointee.ai_addrlen) == 0 { return .success(s) }
            guard errno == EINPROGRESS else { lastError = String(cString: strerror(errno)); Glibc.close(s); continue }
            guard wait(s, events: Int16(POLLOUT), deadline: deadline) else {
                Glibc.close(s)
                return .failure(TCPConnectError(kind: .timeout, reason: nil))
            }
            var err: Int32 = 0
            var len = socklen_t(MemoryLayout<Int32>.size)
            getsockopt(s, SOL_SOCKET, SO_ERROR, &err, &len)
            if err == 0 { return .success(s) }
            lastError = String(cString: strerror(err))
            Glibc.close(s)
        }
        return .failure(TCPConnectError(kind: .failed, reason: lastError))
    }

    /// Waits until the socket is ready for `events` or the deadline passes
    /// (a deadline already past still gets one look without waiting).
    static func wait(_ fd: Int32, events: Int16, deadline: Date) -> Bool {
        while true {
            let ms = Int32(max(0, min(Double(Int32.max), deadline.timeIntervalSinceNow * 1000)).rounded(.up))
            var p = pollfd(fd: fd, events: events, revents: 0)
            let n = poll(&p, 1, ms)
            if n > 0 { return true }
            if n == 0 { return false }
            if errno != EINTR { return true } // let the next read or write report the error
        }
    }
}
