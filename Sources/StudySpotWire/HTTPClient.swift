import Foundation
import StudySpotCore
#if canImport(Glibc)
import Glibc
#endif

/// One HTTP request for `HTTPClient`.
public struct HTTPRequest: Sendable {
    public var method: String
    public var url: String
    /// Sent as given, after Host, User-Agent and Connection. Never logged.
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]?
    /// Seconds for the whole exchange, redirects included.
    public var timeout: Double
    /// A PEM bundle to trust instead of the system store (a private CA).
    public var caFile: String?
    /// The largest body read; a larger one fails with `.tooLarge`, unread.
    public var maxBody: Int
    /// Redirects followed before failing with `.redirects`.
    public var maxRedirects: Int

    public init(method: String = "GET", url: String, headers: [(name: String, value: String)] = [], body: [UInt8]? = nil,
                timeout: Double = 5, caFile: String? = nil, maxBody: Int = HTTPClient.defaultMaxBody, maxRedirects: Int = 3) {
        self.method = method; self.url = url; self.headers = headers; self.body = body
        self.timeout = timeout; self.caFile = caFile; self.maxBody = maxBody; self.maxRedirects = maxRedirects
    }
}

/// The one HTTP(S) client of the project: HTTP/1.1, one request per
/// connection (`Connection: close`), a hard deadline for the whole exchange,
/// a bounded body, a bounded number of redirects, TLS through `TLSStream`
/// (verified against the system trust store or `caFile`, with SNI and the
/// host name checked). Health probes, the providers' usage collectors and the
/// Turso client share it. Errors name the URL without credentials or query,
/// and give a short `reason` an operator acts on.
public enum HTTPClient {
    public static let defaultMaxBody = 1 << 20

    public static func send(_ request: HTTPRequest, costTarget: CostTarget? = nil) -> Result<HTTPResponse, HTTPError> {
        let start = Date()
        let deadline = start.addingTimeInterval(request.timeout)
        var current = request
        // Loops are found by the whole URL, shown without its query.
        var visited: [(key: String, display: String)] = []
        while true {
            guard let url = HTTPURL(current.url) else {
                // Masked, and without its query: either may hold a secret.
                let shown = SecretMasking.masked(String(current.url.prefix { $0 != "?" }))
                return .failure(HTTPError(kind: .badURL, message: "not an http:// or https:// URL: \(shown)",
                                          reason: "not an http:// or https:// URL"))
            }
            visited.append((url.origin + url.path, url.display))
            costTarget?.count()
            let result = once(current, url, deadline: deadline, timeout: request.timeout, start: start)
            guard case .success(var response) = result, [301, 302, 303, 307, 308].contains(response.status),
                  let location = response.headers["location"] else { return result }
            guard let next = url.resolve(location) else {
                return .failure(HTTPError(kind: .malformed, message: "\(url.display): redirect to a bad location", reason: "redirect to a bad location"))
            }
            if let target = HTTPURL(next), visited.contains(where: { $0.key == target.origin + target.path }) {
                let chain = (visited.map(\.display) + [target.display]).joined(separator: " → ")
                return .failure(HTTPError(kind: .redirects, message: "redirect loop: \(chain)", reason: "redirect loop (\(chain))"))
            }
            guard visited.count <= current.maxRedirects else {
                return .failure(HTTPError(kind: .redirects, message: "\(visited[0].display): more than \(current.maxRedirects) redirects",
                                          reason: "more than \(current.maxRedirects) redirects"))
            }
            // Credentials stay with the origin that was given them.
            if let target = HTTPURL(next), target.origin != url.origin {
                current.headers.removeAll { ["authorization", "cookie"].contains($0.name.lowercased()) }
            }
            if response.status == 303 || ((response.status == 301 || response.status == 302) && current.method == "POST") {
                current.method = "GET"; current.body = nil
            }
            current.url = next
            response.bytes = []
        }
    }

    /// One request on one connection.
    private static func once(_ request: HTTPRequest, _ url: HTTPURL, deadline: Date, timeout: Double, start: Date) -> Result<HTTPResponse, HTTPError> {
        let stream: any HTTPByteStream
        var certificateExpiresAt: Date?
        if url.tls {
            do throws(TLSStreamError) {
                let tls = try TLSStream(host: url.host, port: url.port, caFile: request.caFile,
                                        timeout: max(0.001, deadline.timeIntervalSinceNow))
                certificateExpiresAt = tls.peerNotAfter
                stream = TLSByteStream(tls)
            } catch {
                return .failure(tlsError(error, url, timeout))
            }
        } else {
            switch TCPConnect.connect(host: url.host, port: url.port, deadline: deadline) {
            case .success(let fd): stream = PlainByteStream(fd)
            case .failure(let e): return .failure(connectError(e, url, timeout))
            }
        }
        defer { stream.close() }

        var head = "\(request.method) \(url.path) HTTP/1.1\r\nHost: \(url.hostHeader)\r\nUser-Agent: studyspot-console\r\nConnection: close\r\n"
        var names = Set<String>()
        for h in request.headers {
            // A header with a line break would smuggle another header: refused.
            guard !h.name.contains(where: \.isNewline), !h.value.contains(where: \.isNewline) else {
                return .failure(HTTPError(kind: .badURL, message: "\(url.display): a header holds a line break", reason: "a header holds a line break"))
            }
            head += "\(h.name): \(h.value)\r\n"
            names.insert(h.name.lowercased())
        }
        if !names.contains("accept") { head += "Accept: application/json\r\n" }
        if let body = request.body { head += "Content-Length: \(body.count)\r\n" }
        head += "\r\n"
        do throws(HTTPError) {
            try stream.write(Array(head.utf8) + (request.body ?? []), deadline: deadline, url: url, timeout: timeout)
            var response: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 16 * 1024)
            var parsedHead: HTTPHead?
            while true {
                if parsedHead == nil, let h = HTTPHead.parse(response) {
                    parsedHead = h
                    if let length = h.contentLength, length > request.maxBody, request.method != "HEAD" {
                        return .failure(tooLarge(url, request.maxBody, declared: length))
                    }
                }
                if let h = parsedHead {
                    let bodyCount = response.count - h.bodyStart
                    if h.isComplete(response) { break }
                    if bodyCount > request.maxBody + (h.chunked ? 64 * 1024 : 0) { return .failure(tooLarge(url, request.maxBody, declared: nil)) }
                    if request.method == "HEAD" || h.status == 204 || h.status == 304 { break }
                } else if response.count > 64 * 1024 {
                    return .failure(HTTPError(kind: .malformed, message: "\(url.display): response head larger than 64 KB", reason: "response head larger than 64 KB"))
                }
                let n = try stream.read(into: &buffer, deadline: deadline, url: url, timeout: timeout, received: response.count)
                if n == 0 { break }
                response += buffer[0..<n]
            }
            guard let h = parsedHead ?? HTTPHead.parse(response) else {
                let reason = response.isEmpty ? "empty reply" : "not an HTTP response"
                return .failure(HTTPError(kind: .malformed, message: "\(url.display): \(reason)", reason: reason))
            }
            let bodyless = request.method == "HEAD" || h.status == 204 || h.status == 304
            var body = bodyless ? [] : Array(response[h.bodyStart...])
            if !bodyless, let length = h.contentLength {
                guard body.count >= length else {
                    let reason = "body cut short (\(body.count) of \(length) bytes)"
                    return .failure(HTTPError(kind: .io, message: "\(url.display): \(reason)", reason: reason))
                }
                body = Array(body.prefix(length))
            }
            if h.chunked {
                guard let decoded = HTTPHead.dechunk(body) else {
                    return .failure(HTTPError(kind: .malformed, message: "\(url.display): bad chunked body", reason: "bad chunked body"))
                }
                guard decoded.count <= request.maxBody else { return .failure(tooLarge(url, request.maxBody, declared: nil)) }
                body = decoded
            }
            return .success(HTTPResponse(status: h.status, headers: h.headers, bytes: body, latency: Date().timeIntervalSince(start),
                                         certificateExpiresAt: certificateExpiresAt))
        } catch {
            return .failure(error)
        }
    }

    static func tooLarge(_ url: HTTPURL, _ limit: Int, declared: Int?) -> HTTPError {
        let size = declared.map { "a body of \(byteText($0))" } ?? "a body"
        let reason = "\(size) over the \(byteText(limit)) limit, not read"
        return HTTPError(kind: .tooLarge, message: "\(url.display): \(reason)", reason: reason)
    }

    static func byteText(_ n: Int) -> String {
        if n >= 1 << 20 { return n % (1 << 20) == 0 ? "\(n >> 20) MB" : String(format: "%.1f MB", Double(n) / 1_048_576) }
        if n >= 1024 { return "\(n / 1024) KB" }
        return "\(n) bytes"
    }

    static func timedOut(_ url: HTTPURL, _ timeout: Double, _ what: String = "no answer") -> HTTPError {
        let t = timeout == timeout.rounded() ? "\(Int(timeout))" : "\(timeout)"
        return HTTPError(kind: .timeout, message: "\(url.display): \(what) within \(t)s", reason: "timed out (\(what) within \(t)s)")
    }

    static func connectError(_ e: TCPConnectError, _ url: HTTPURL, _ timeout: Double) -> HTTPError {
        switch e.kind {
        case .resolve:
            return HTTPError(kind: .refused, message: "\(url.display): cannot resolve \(url.host)", reason: "cannot resolve \(url.host)")
        case .timeout:
            return timedOut(url, timeout, "no connection")
        case .failed:
            let reason = (e.reason ?? "connection refused").lowercased()
            return HTTPError(kind: .refused, message: "\(url.display): \(reason)", reason: reason)
        }
    }

    static func tlsError(_ e: TLSStreamError, _ url: HTTPURL, _ timeout: Double) -> HTTPError {
        switch e.kind {
        case .timeout: return timedOut(url, timeout, e.message.contains("handshake") ? "no TLS handshake" : "no connection")
        case .certificate: return HTTPError(kind: .tls, message: "\(url.display): \(e.reason)", reason: e.reason)
        case .connect where e.tcp != nil: return connectError(e.tcp!, url, timeout)
        default: return HTTPError(kind: .tls, message: "\(url.display): \(e.reason)", reason: e.reason)
        }
    }
}

/// What one request got back.
public struct HTTPResponse: Sendable, Equatable {
    public var status: Int
    /// Header names in lower case; a repeated header keeps its last value.
    public var headers: [String: String]
    public var bytes: [UInt8]
    /// Seconds from the first connect to the end of the body (redirects included).
    public var latency: Double
    /// When the server's certificate expires (https only).
    public var certificateExpiresAt: Date?
    public var body: String { String(decoding: bytes, as: UTF8.self) }

    public init(status: Int, headers: [String: String] = [:], bytes: [UInt8], latency: Double, certificateExpiresAt: Date? = nil) {
        self.status = status; self.headers = headers; self.bytes = bytes; self.latency = latency
        self.certificateExpiresAt = certificateExpiresAt
    }
}

public struct HTTPError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        case badURL, refused, timeout, io, malformed
        /// The TLS handshake failed: certificate not trusted, expired, for another name.
        case tls
        /// The body is larger than the request allows.
        case tooLarge
        /// A redirect loop or too many redirects.
        case redirects
    }
    public var kind: Kind
    /// With the URL (credentials and query left out).
    public var message: String
    /// Without the URL, for a row that already names the target:
    /// "connection refused", "certificate verify failed: self-signed certificate".
    public var reason: String
    public var description: String { message }
    public init(kind: Kind, message: String, reason: String? = nil) {
        self.kind = kind; self.message = message; self.reason = reason ?? message
    }
}

/// A parsed absolute http(s) URL. Credentials in it are refused (they would
/// travel in clear text in logs); send them as a header.
struct HTTPURL {
    var tls: Bool
    var host: String
    var port: Int
    /// Path and query, as sent.
    var path: String
    var origin: String { "\(tls ? "https" : "http")://\(hostForURL):\(port)" }
    /// For messages: no query (it may hold a token), no credentials.
    var display: String {
        let p = path.split(separator: "?", maxSplits: 1).first.map(String.init) ?? "/"
        return "\(tls ? "https" : "http")://\(hostForURL)\(port == (tls ? 443 : 80) ? "" : ":\(port)")\(p)"
    }
    var hostForURL: String { host.contains(":") ? "[\(host)]" : host }
    var hostHeader: String { port == (tls ? 443 : 80) ? hostForURL : "\(hostForURL):\(port)" }

    init?(_ text: String) {
        let lower = text.lowercased()
        let rest0: Substring
        if lower.hasPrefix("http://") { tls = false; rest0 = text.dropFirst(7) }
        else if lower.hasPrefix("https://") { tls = true; rest0 = text.dropFirst(8) }
        else { return nil }
        var rest = rest0
        var path = "/"
        if let end = rest.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) {
            path = String(rest[end...]); rest = rest[..<end]
            if let hash = path.firstIndex(of: "#") { path = String(path[..<hash]) }
            if path.hasPrefix("?") { path = "/" + path }
            if path.isEmpty { path = "/" }
        }
        guard !rest.contains("@"), !path.contains(where: { $0.isWhitespace || $0.isNewline }) else { return nil }
        var port = tls ? 443 : 80
        var host: String
        if rest.hasPrefix("[") {
            guard let close = rest.firstIndex(of: "]") else { return nil }
            host = String(rest[rest.index(after: rest.startIndex)..<close])
            let after = rest[rest.index(after: close)...]
            if after.hasPrefix(":") {
                guard let p = Int(after.dropFirst()), (1...65535).contains(p) else { return nil }
                port = p
            } else if !after.isEmpty { return nil }
        } else if let colon = rest.lastIndex(of: ":") {
            guard let p = Int(rest[rest.index(after: colon)...]), (1...65535).contains(p) else { return nil }
            host = String(rest[..<colon]); port = p
        } else { host = String(rest) }
        guard !host.isEmpty, !host.contains(where: { $0.isWhitespace || $0.isNewline || $0 == "/" }) else { return nil }
        self.host = host; self.port = port; self.path = path
    }

    /// A `Location` header against this URL.
    func resolve(_ location: String) -> String? {
        let l = location.trimmingCharacters(in: .whitespaces)
        if l.lowercased().hasPrefix("http://") || l.lowercased().hasPrefix("https://") { return HTTPURL(l) == nil ? nil : l }
        if l.hasPrefix("//") { return (tls ? "https:" : "http:") + l }
        if l.hasPrefix("/") { return origin + l }
        guard !l.isEmpty else { return nil }
        let dir = path.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)[0]
        let base = dir.lastIndex(of: "/").map { String(dir[...$0]) } ?? "/"
        return origin + base + l
    }
}

/// The status line and headers of a response.
struct HTTPHead {
    var status: Int
    var headers: [String: String]
    var bodyStart: Int
    var contentLength: Int?
    var chunked: Bool

    static func parse(_ bytes: [UInt8]) -> HTTPHead? {
        guard let end = find([13, 10, 13, 10], in: bytes) else { return nil }
        let lines = String(decoding: bytes[..<end], as: UTF8.self).components(separatedBy: "\r\n")
        let parts = lines[0].split(separator: " ", maxSplits: 2)
        guard parts.count >= 2, parts[0].hasPrefix("HTTP/1."), let status = Int(parts[1]), (100...999).contains(status) else { return nil }
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            let kv = line.split(separator: ":", maxSplits: 1)
            guard kv.count == 2 else { continue }
            headers[kv[0].trimmingCharacters(in: .whitespaces).lowercased()] = kv[1].trimmingCharacters(in: .whitespaces)
        }
        let chunked = headers["transfer-encoding"]?.lowercased().contains("chunked") ?? false
        let length = chunked ? nil : headers["content-length"].flatMap { Int($0) }.map { max(0, $0) }
        return HTTPHead(status: status, headers: headers, bodyStart: end + 4, contentLength: length, chunked: chunked)
    }

    /// Whether the whole body is in `bytes` (else read on until the server closes).
    func isComplete(_ bytes: [UInt8]) -> Bool {
        if let contentLength { return bytes.count - bodyStart >= contentLength }
        if chunked {
            // Cheap test first: the last chunk and the empty trailer end the body.
            guard bytes.count - bodyStart >= 5, bytes.suffix(4) == [13, 10, 13, 10] else { return false }
            return HTTPHead.dechunk(Array(bytes[bodyStart...])) != nil
        }
        return false
    }

    /// The body of a chunked transfer, or nil until it is whole and well formed.
    static func dechunk(_ bytes: [UInt8]) -> [UInt8]? {
        var out: [UInt8] = []
        var i = 0
        while true {
            guard let lineEnd = find([13, 10], in: bytes, from: i) else { return nil }
            let sizeText = String(decoding: bytes[i..<lineEnd], as: UTF8.self).split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
            guard let size = Int(sizeText, radix: 16), size >= 0 else { return nil }
            i = lineEnd + 2
            if size == 0 { return out }
            guard i + size + 2 <= bytes.count else { return nil }
            out += bytes[i..<(i + size)]
            i += size + 2
        }
    }

    static func find(_ needle: [UInt8], in hay: [UInt8], from start: Int = 0) -> Int? {
        guard hay.count >= needle.count, start <= hay.count - needle.count else { return nil }
        for i in start...(hay.count - needle.count) where hay[i] == needle[0] && hay[i..<(i + needle.count)].elementsEqual(needle) {
            return i
        }
        return nil
    }
}

// MARK: streams

protocol HTTPByteStream: AnyObject {
    func write(_ bytes: [UInt8], deadline: Date, url: HTTPURL, timeout: Double) throws(HTTPError)
    /// Bytes read into `buffer`; 0 when the server closed the connection.
    func read(into buffer: inout [UInt8], deadline: Date, url: HTTPURL, timeout: Double, received: Int) throws(HTTPError) -> Int
    func close()
}

final class PlainByteStream: HTTPByteStream {
    private var fd: Int32
    init(_ fd: Int32) { self.fd = fd }
    deinit { close() }
    func close() { if fd >= 0 { Glibc.close(fd); fd = -1 } }

    func write(_ bytes: [UInt8], deadline: Date, url: HTTPURL, timeout: Double) throws(HTTPError) {
        var sent = 0
        while sent < bytes.count {
            guard TCPConnect.wait(fd, events: Int16(POLLOUT), deadline: deadline) else { throw HTTPClient.timedOut(url, timeout) }
            let n = bytes.withUnsafeBytes { send(fd, $0.baseAddress! + sent, $0.count - sent, Int32(MSG_NOSIGNAL)) }
            if n < 0 && (errno == EINTR || errno == EAGAIN) { continue }
            if n <= 0 {
                let reason = "send failed: \(String(cString: strerror(errno)).lowercased())"
                throw HTTPError(kind: .io, message: "\(url.display): \(reason)", reason: reason)
            }
            sent += n
        }
    }

    func read(into buffer: inout [UInt8], deadline: Date, url: HTTPURL, timeout: Double, received: Int) throws(HTTPError) -> Int {
        while true {
            guard TCPConnect.wait(fd, events: Int16(POLLIN), deadline: deadline) else { throw HTTPClient.timedOut(url, timeout) }
            let fd = self.fd
            let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress!, $0.count, 0) }
            if n >= 0 { return n }
            if errno == EINTR || errno == EAGAIN { continue }
            if errno == ECONNRESET && received > 0 { return 0 }
            let reason = String(cString: strerror(errno)).lowercased()
            throw HTTPError(kind: .io, message: "\(url.display): \(reason)", reason: reason)
        }
    }
}

final class TLSByteStream: HTTPByteStream {
    private let tls: TLSStream
    init(_ tls: TLSStream) { self.tls = tls }
    func close() { tls.close() }

    func write(_ bytes: [UInt8], deadline: Date, url: HTTPURL, timeout: Double) throws(HTTPError) {
        let result: Result<Void, TLSStreamError> = bytes.withUnsafeBytes { raw in
            do throws(TLSStreamError) { try tls.write(raw, deadline: deadline); return .success(()) } catch { return .failure(error) }
        }
        if case .failure(let error) = result {
            if error.kind == .timeout { throw HTTPClient.timedOut(url, timeout) }
            throw HTTPError(kind: .io, message: "\(url.display): \(error.message)", reason: error.message)
        }
    }

    func read(into buffer: inout [UInt8], deadline: Date, url: HTTPURL, timeout: Double, received: Int) throws(HTTPError) -> Int {
        let result: Result<Int, TLSStreamError> = buffer.withUnsafeMutableBytes { raw in
            do throws(TLSStreamError) { return .success(try tls.read(into: raw, deadline: deadline)) } catch { return .failure(error) }
        }
        switch result {
        case .success(let n): return n
        case .failure(let error):
            switch error.kind {
            case .timeout: throw HTTPClient.timedOut(url, timeout)
            // Many servers close without a TLS close_notify once the body is sent.
            case .closed: return 0
            case .io where received > 0: return 0
            default: throw HTTPError(kind: .io, message: "\(url.display): \(error.message)", reason: error.message)
            }
        }
    }
}
