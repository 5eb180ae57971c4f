import Foundation
import StudySpotCore
#if canImport(Glibc)
import Glibc
#endif

/// What an HTTP POST got back: the status and the body.
public struct HranaHTTPReply: Sendable {
    public var status: Int
    public var body: [UInt8]
    public init(status: Int, body: [UInt8]) { self.status = status; self.body = body }
}

/// The one thing the Hrana client needs from HTTP: a POST with a deadline.
/// The seam where the project's shared HTTP(S) client plugs in; until then
/// `PlainHTTPTransport` serves `http://` (the local fake and private networks).
public protocol HranaTransport: Sendable {
    /// POSTs `body` to `url` (`http://` or `https://`, path included) within
    /// `timeout` seconds for the whole exchange; the error's description says
    /// what failed (refused, timed out, cut short), without secrets.
    func post(url: String, body: [UInt8], headers: [(String, String)], timeout: Double) -> Result<HranaHTTPReply, any Error>
}

/// Why `PlainHTTPTransport` got no reply.
public struct PlainHTTPError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
    init(_ message: String) { self.message = message }
}

/// HTTP/1.1 POST over plain TCP (TCPConnect), one request per connection,
/// one deadline for the whole exchange, a bounded body. `https://` is
/// refused by name: it needs the shared TLS client.
public struct PlainHTTPTransport: HranaTransport {
    /// Largest body read; a catalog read of 5,000 libraries is well under it.
    public static let maxBody = 16 * 1024 * 1024

    public init() {}

    public func post(url: String, body: [UInt8], headers: [(String, String)], timeout: Double) -> Result<HranaHTTPReply, any Error> {
        if url.hasPrefix("https://") {
            return .failure(PlainHTTPError("https:// needs the TLS HTTP client (this transport speaks http:// only)"))
        }
        guard let u = PlainURL(url) else {
            return .failure(PlainHTTPError("not an http:// URL: \(SecretMasking.masked(url))"))
        }
        let deadline = Date().addingTimeInterval(timeout)
        let fd: Int32
        switch TCPConnect.connect(host: u.host, port: u.port, deadline: deadline) {
        case .success(let s): fd = s
        case .failure(let e):
            switch e.kind {
            case .resolve: return .failure(PlainHTTPError("\(u.display): cannot resolve host"))
            case .timeout: return .failure(PlainHTTPError("\(u.display): connect timed out"))
            case .failed: return .failure(PlainHTTPError("\(u.display): \((e.reason ?? "connection refused").lowercased())"))
            }
        }
        defer { Glibc.close(fd) }
        var head = "POST \(u.path) HTTP/1.1\r\nHost: \(u.host):\(u.port)\r\nUser-Agent: studyspot-console\r\n"
        for (k, v) in headers { head += "\(k): \(v)\r\n" }
        head += "Content-Length: \(body.count)\r\nConnection: close\r\n\r\n"
        let out = Array(head.utf8) + body
        var sent = 0
        while sent < out.count {
            guard TCPConnect.wait(fd, events: Int16(POLLOUT), deadline: deadline) else { return .failure(timedOut(u, timeout)) }
            let n = out.withUnsafeBytes { send(fd, $0.baseAddress! + sent, $0.count - sent, Int32(MSG_NOSIGNAL)) }
            if n < 0 && (errno == EINTR || errno == EAGAIN) { continue }
            if n <= 0 { return .failure(PlainHTTPError("\(u.display): send failed: \(String(cString: strerror(errno)))")) }
            sent += n
        }
        var response: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        var closed = false
        while true {
            if let p = HTTPReplyParser.parse(response, closed: closed) {
                return .success(HranaHTTPReply(status: p.status, body: p.body))
            }
            if closed {
                return .failure(PlainHTTPError(response.isEmpty
                    ? "\(u.display): connection closed without a reply"
                    : "\(u.display): reply cut short or not HTTP"))
            }
            if response.count > Self.maxBody + 64 * 1024 {
                return .failure(PlainHTTPError("\(u.display): reply larger than \(Self.maxBody / 1_048_576) MB"))
            }
            guard TCPConnect.wait(fd, events: Int16(POLLIN), deadline: deadline) else { return .failure(timedOut(u, timeout)) }
            let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress!, $0.count, 0) }
            if n < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                return .failure(PlainHTTPError("\(u.display): \(String(cString: strerror(errno)))"))
            }
            if n == 0 { closed = true } else { response += buffer[0..<n] }
        }
    }

    private func timedOut(_ u: PlainURL, _ timeout: Double) -> PlainHTTPError {
        PlainHTTPError("\(u.display): no answer within \(timeout)s")
    }

    /// `http://host[:port][/path]`, no credentials.
    struct PlainURL {
        var host: String, port: Int, path: String
        var display: String { "\(host):\(port)" }
        init?(_ text: String) {
            guard text.hasPrefix("http://") else { return nil }
            var rest = text.dropFirst(7)
            path = "/"
            if let slash = rest.firstIndex(of: "/") { path = String(rest[slash...]); rest = rest[..<slash] }
            guard !rest.contains("@") else { return nil }
            if rest.hasPrefix("["), let close = rest.firstIndex(of: "]") { // [::1]:port
                host = String(rest[rest.index(after: rest.startIndex)..<close])
                let after = rest[rest.index(after: close)...]
                if after.isEmpty { port = 80 }
                else if after.hasPrefix(":"), let p = Int(after.dropFirst()), (1...65535).contains(p) { port = p }
                else { return nil }
            } else if let colon = rest.lastIndex(of: ":") {
                guard let p = Int(rest[rest.index(after: colon)...]), (1...65535).contains(p) else { return nil }
                host = String(rest[..<colon]); port = p
            } else { host = String(rest); port = 80 }
            guard !host.isEmpty else { return nil }
        }
    }
}

/// Reads an HTTP/1.1 reply: Content-Length, chunked, or up to the close.
enum HTTPReplyParser {
    struct Reply { var status: Int; var body: [UInt8] }

    /// The reply once complete; nil while more bytes are needed (or, after
    /// the close, when it never became one).
    static func parse(_ bytes: [UInt8], closed: Bool) -> Reply? {
        guard let end = find([13, 10, 13, 10], in: bytes[...]) else { return nil }
        let lines = String(decoding: bytes[..<end], as: UTF8.self).components(separatedBy: "\r\n")
        let status = lines[0].split(separator: " ", maxSplits: 2)
        guard status.count >= 2, status[0].hasPrefix("HTTP/1."), let code = Int(status[1]) else { return nil }
        var length: Int?, chunked = false
        for line in lines.dropFirst() {
            let kv = line.split(separator: ":", maxSplits: 1)
            guard kv.count == 2 else { continue }
            let value = kv[1].trimmingCharacters(in: .whitespaces)
            switch kv[0].lowercased() {
            case "content-length": length = Int(value)
            case "transfer-encoding": chunked = value.lowercased().contains("chunked")
            default: break
            }
        }
        let body = bytes[(end + 4)...]
        if chunked { return dechunk(body).map { Reply(status: code, body: $0) } }
        if let length { return body.count >= length ? Reply(status: code, body: Array(body.prefix(length))) : nil }
        return closed ? Reply(status: code, body: Array(body)) : nil
    }

    /// The chunked body once its last chunk has arrived.
    static func dechunk(_ data: ArraySlice<UInt8>) -> [UInt8]? {
        var out: [UInt8] = []
        var i = data.startIndex
        while true {
            guard let lineEnd = find([13, 10], in: data[i...]) else { return nil }
            let sizeText = String(decoding: data[i..<lineEnd], as: UTF8.self).split(separator: ";").first ?? ""
            guard let size = Int(sizeText.trimmingCharacters(in: .whitespaces), radix: 16), size >= 0 else { return nil }
            let start = lineEnd + 2
            if size == 0 { return out }
            guard data.endIndex - start >= size + 2 else { return nil }
            out += data[start..<(start + size)]
            i = start + size + 2
        }
    }

    static func find(_ needle: [UInt8], in hay: ArraySlice<UInt8>) -> Int? {
        guard hay.count >= needle.count else { return nil }
        var i = hay.startIndex
        while i <= hay.endIndex - needle.count {
            if hay[i] == needle[0] && hay[i..<(i + needle.count)].elementsEqual(needle) { return i }
            i += 1
        }
        return nil
    }
}
