import Foundation
import StudySpotCore

/// What one health probe saw.
public struct HTTPResponse: Sendable, Equatable {
    public var status: Int
    public var body: String
    /// Seconds from connect to the end of the body.
    public var latency: Double
}

public struct HTTPError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable { case badURL, refused, timeout, io, malformed }
    public var kind: Kind
    public var message: String
    public var description: String { message }
}

/// A deliberately small HTTP/1.1 GET for health probes on loopback and
/// private networks: one request per connection, a hard deadline for the
/// whole exchange, a bounded body. No redirects, no TLS, no keep-alive — a
/// probe must never hang the thread that runs it.
public enum HTTPGet {
    public static let maxBody = 64 * 1024

    public static func get(_ urlText: String, timeout: Double, costTarget: CostTarget? = nil) -> Result<HTTPResponse, HTTPError> {
        costTarget?.count()
        guard let url = URLParts(urlText) else {
            // The URL may carry userinfo (a password): masked like every other secret.
            return .failure(HTTPError(kind: .badURL, message: "not an http:// URL: \(SecretMasking.masked(urlText))"))
        }
        let start = Date()
        let deadline = start.addingTimeInterval(timeout)
        let fd: Int32
        switch connect(host: url.host, port: url.port, deadline: deadline) {
        case .success(let s): fd = s
        case .failure(let e): return .failure(e)
        }
        defer { close(fd) }
        let request = "GET \(url.path) HTTP/1.1\r\nHost: \(url.host):\(url.port)\r\nUser-Agent: studyspot-console\r\nAccept: application/json\r\nConnection: close\r\n\r\n"
        var bytes = Array(request.utf8)
        var sent = 0
        while sent < bytes.count {
            guard wait(fd, events: Int16(POLLOUT), deadline: deadline) else { return .failure(timedOut(url, timeout)) }
            let n = bytes.withUnsafeMutableBytes { send(fd, $0.baseAddress! + sent, $0.count - sent, Int32(MSG_NOSIGNAL)) }
            if n <= 0 { return .failure(HTTPError(kind: .io, message: "\(url.display): send failed: \(String(cString: strerror(errno)))")) }
            sent += n
        }
        var response: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 8192)
        while true {
            if let parsed = parse(response), parsed.complete { return finish(parsed, start) }
            guard wait(fd, events: Int16(POLLIN), deadline: deadline) else { return .failure(timedOut(url, timeout)) }
            let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress!, $0.count, 0) }
            if n < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                return .failure(HTTPError(kind: .io, message: "\(url.display): \(String(cString: strerror(errno)))"))
            }
            if n == 0 { break }
            response += buffer[0..<n]
            if response.count > maxBody + 16 * 1024 { break }
        }
        guard let parsed = parse(response) else {
            return .failure(HTTPError(kind: .malformed, message: response.isEmpty ? "\(url.display): empty reply" : "\(url.display): not an HTTP response"))
        }
        return finish(parsed, start)
    }

    private static func finish(_ p: Parsed, _ start: Date) -> Result<HTTPResponse, HTTPError> {
        .success(HTTPResponse(status: p.status, body: String(decoding: p.body.prefix(maxBody), as: UTF8.self), latency: Date().timeIntervalSince(start)))
    }

    private static func timedOut(_ url: URLParts, _ timeout: Double) -> HTTPError {
        HTTPError(kind: .timeout, message: "\(url.display): no answer within \(timeout)s")
    }

    struct Parsed { var status: Int; var body: ArraySlice<UInt8>; var complete: Bool }

    /// Parses what has arrived so far; `complete` once Content-Length is satisfied.
    static func parse(_ bytes: [UInt8]) -> Parsed? {
        guard let headerEnd = find([13, 10, 13, 10], in: bytes) else { return nil }
        let head = String(decoding: bytes[..<headerEnd], as: UTF8.self)
        let lines = head.components(separatedBy: "\r\n")
        let statusParts = lines[0].split(separator: " ", maxSplits: 2)
        guard statusParts.count >= 2, statusParts[0].hasPrefix("HTTP/1."), let status = Int(statusParts[1]) else { return nil }
        var length: Int?
        for line in lines.dropFirst() {
            let kv = line.split(separator: ":", maxSplits: 1)
            if kv.count == 2, kv[0].lowercased() == "content-length" {
                length = Int(kv[1].trimmingCharacters(in: .whitespaces))
            }
        }
        let body = bytes[(headerEnd + 4)...]
        let complete = length.map { body.count >= $0 } ?? false
        return Parsed(status: status, body: length.map { body.prefix($0) } ?? body, complete: complete)
    }

    private static func find(_ needle: [UInt8], in hay: [UInt8]) -> Int? {
        guard hay.count >= needle.count else { return nil }
        for i in 0...(hay.count - needle.count) where hay[i] == needle[0] && Array(hay[i..<(i + needle.count)]) == needle {
            return i
        }
        return nil
    }

    private static func wait(_ fd: Int32, events: Int16, deadline: Date) -> Bool {
        TCPConnect.wait(fd, events: events, deadline: deadline)
    }

    private static func connect(host: String, port: Int, deadline: Date) -> Result<Int32, HTTPError> {
        TCPConnect.connect(host: host, port: port, deadline: deadline).mapError { e in
            switch e.kind {
            case .resolve: HTTPError(kind: .refused, message: "\(host):\(port): cannot resolve host")
            case .timeout: HTTPError(kind: .timeout, message: "\(host):\(port): connect timed out")
            case .failed: HTTPError(kind: .refused, message: "\(host):\(port): \((e.reason ?? "connection refused").lowercased())")
            }
        }
    }

    struct URLParts {
        var host: String
        var port: Int
        var path: String
        var display: String { "\(host):\(port)" }
        init?(_ text: String) {
            guard text.hasPrefix("http://") else { return nil }
            var rest = text.dropFirst(7)
            var path = "/"
            if let slash = rest.firstIndex(of: "/") { path = String(rest[slash...]); rest = rest[..<slash] }
            if rest.contains("@") { return nil } // no credentials in probe URLs
            if let colon = rest.lastIndex(of: ":") {
                guard let p = Int(rest[rest.index(after: colon)...]), (1...65535).contains(p) else { return nil }
                host = String(rest[..<colon]); port = p
            } else { host = String(rest); port = 80 }
            guard !host.isEmpty else { return nil }
            self.path = path
        }
    }
}
