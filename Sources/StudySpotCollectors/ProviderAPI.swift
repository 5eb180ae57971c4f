import Foundation
import StudySpotCore
import StudySpotWire

/// How a provider wants its credential.
public enum ProviderAuth: Sendable {
    case bearer(String)
    /// HTTP Basic: user and password (or key and secret).
    case basic(user: String, password: String)
    /// A header of the provider's own (`api-key`, `X-Postmark-Server-Token`).
    case header(name: String, value: String)
    case none

    var headers: [(name: String, value: String)] {
        switch self {
        case .bearer(let t): [("Authorization", "Bearer \(t)")]
        case .basic(let u, let p): [("Authorization", "Basic \(Data("\(u):\(p)".utf8).base64EncodedString())")]
        case .header(let n, let v): [(n, v)]
        case .none: []
        }
    }
}

/// A provider's API as one collector sees it: the documented base URL (or
/// `api_url`'s scheme, host and port in its place), the one HTTP client of
/// the project, a deadline per request, retries with backoff on transport
/// errors and 5xx, and `Retry-After` on 429 (waited for when short, else
/// reported so the runner polls again after it). Counts every call, for the
/// provider's rate limit and the console's cost budget.
public final class ProviderAPI: @unchecked Sendable {
    public let base: String
    public let auth: ProviderAuth
    public let timeout: Double
    public let caFile: String?
    public let title: String
    /// Extra attempts after a transport error or a 5xx.
    public var retries = 2
    /// Seconds before the first retry; doubles each time.
    public var backoff = 0.5
    /// The longest `Retry-After` waited in place; longer ones end the poll.
    public var longestWait = 5.0
    let costTarget: CostTarget?
    private let lock = NSLock()
    private var callCount = 0

    /// `documented` is the collector's `baseURL`; `override` is `api_url`.
    public init(documented: String, override: String? = nil, auth: ProviderAuth, title: String,
                timeout: Double = 10, caFile: String? = nil, costTarget: CostTarget? = nil) {
        base = ProviderAPI.origin(of: override ?? documented)
        self.auth = auth; self.title = title; self.timeout = timeout; self.caFile = caFile; self.costTarget = costTarget
    }

    /// Requests sent so far (retries included).
    public var calls: Int { lock.withLock { callCount } }

    /// Scheme, host and port of a URL, without path or trailing slash.
    static func origin(of url: String) -> String {
        guard let schemeEnd = url.range(of: "://") else { return url }
        let rest = url[schemeEnd.upperBound...]
        let host = rest.prefix { $0 != "/" && $0 != "?" }
        return String(url[..<schemeEnd.upperBound]) + host
    }

    public func get(_ path: String, query: [(String, String)] = [], headers: [(name: String, value: String)] = []) throws(CollectorError) -> HTTPResponse {
        try send(HTTPRequest(method: "GET", url: url(path, query), headers: auth.headers + headers, timeout: timeout, caFile: caFile))
    }

    public func post(_ path: String, query: [(String, String)] = [], body: [UInt8], contentType: String,
                     headers: [(name: String, value: String)] = []) throws(CollectorError) -> HTTPResponse {
        try send(HTTPRequest(method: "POST", url: url(path, query), headers: auth.headers + headers + [("Content-Type", contentType)],
                             body: body, timeout: timeout, caFile: caFile))
    }

    /// GET and parse the body as JSON.
    public func getJSON(_ path: String, query: [(String, String)] = [], headers: [(name: String, value: String)] = []) throws(CollectorError) -> JSONValue {
        try JSONValue.parse(try get(path, query: query, headers: headers).bytes, what: "\(title) \(path)")
    }

    func url(_ path: String, _ query: [(String, String)]) -> String {
        guard !query.isEmpty else { return base + path }
        return base + path + "?" + query.map { "\(Self.escape($0.0))=\(Self.escape($0.1))" }.joined(separator: "&")
    }

    static func escape(_ s: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~()")
        return s.addingPercentEncoding(withAllowedCharacters: allowed) ?? s
    }

    private func send(_ request: HTTPRequest) throws(CollectorError) -> HTTPResponse {
        var attempt = 0
        var waited429 = false
        let shown = request.url.split(separator: "?", maxSplits: 1).first.map(String.init) ?? request.url
        let path = String(shown.dropFirst(base.count))
        while true {
            lock.withLock { callCount += 1 }
            switch HTTPClient.send(request, costTarget: costTarget) {
            case .failure(let e):
                if attempt < retries, e.kind != .badURL, e.kind != .tooLarge {
                    pause(backoff * pow(2, Double(attempt))); attempt += 1; continue
                }
                let kind: CollectorError.Kind = e.kind == .malformed || e.kind == .tooLarge ? .malformed : .transport
                throw CollectorError(kind, "\(title) \(path): \(e.reason)")
            case .success(let r):
                if (200..<300).contains(r.status) { return r }
                if r.status == 429 {
                    let until = Self.retryAfter(r.headers["retry-after"], now: Date())
                    if !waited429, let until, until.timeIntervalSinceNow <= longestWait {
                        waited429 = true; pause(max(0, until.timeIntervalSinceNow)); continue
                    }
                    throw CollectorError(.rateLimited, "\(title) \(path): HTTP 429 rate-limited" + (until.map { " until \(PGStyle.time($0))" } ?? ""),
                                         httpStatus: 429, retryAt: until ?? Date().addingTimeInterval(60))
                }
                if r.status == 401 || r.status == 403 {
                    throw CollectorError(.refused, "\(title) \(path): HTTP \(r.status) token refused", httpStatus: r.status)
                }
                if r.status >= 500, attempt < retries {
                    pause(backoff * pow(2, Double(attempt))); attempt += 1; continue
                }
                throw CollectorError(.http, "\(title) \(path): HTTP \(r.status)\(redacted(Self.hint(r)))", httpStatus: r.status)
            }
        }
    }

    /// Credentials this API sends, besides `auth`'s (a key in a form body):
    /// never repeated in a message, even when a provider echoes it back.
    public var secrets: [String] = []

    /// `text` with every credential this API sends replaced by "***".
    public func redacted(_ text: String) -> String {
        var all = secrets
        switch auth {
        case .bearer(let t): all.append(t)
        case .basic(_, let p): all.append(p)
        case .header(_, let v): all.append(v)
        case .none: break
        }
        return SecretMasking.redacting(text, secrets: all.filter { $0.count >= 4 })
    }

    /// A short, credential-free hint from an error body (its first line, cut).
    static func hint(_ r: HTTPResponse) -> String {
        let line = r.body.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
        let clean = SecretMasking.masked(String(line.prefix(80))).filter { !$0.isASCII || $0.isLetter || $0.isNumber || " .,:;-_'\"{}[]()".contains($0) }
        return clean.isEmpty ? "" : ": \(clean)"
    }

    /// `Retry-After`: delta-seconds or an HTTP date (RFC 9110 §10.2.3).
    public static func retryAfter(_ value: String?, now: Date) -> Date? {
        guard let v = value?.trimmingCharacters(in: .whitespaces), !v.isEmpty else { return nil }
        if let s = Double(v), s >= 0 { return now.addingTimeInterval(s) }
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "GMT")
        f.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        // Netlify sends a timestamp rather than an HTTP date (PROVIDERS.md §3).
        return f.date(from: v) ?? ProviderDates.parse(v)
    }

    private func pause(_ seconds: Double) {
        guard seconds > 0 else { return }
        Thread.sleep(forTimeInterval: seconds)
    }
}

/// Times in collector messages: UTC, to the minute ("09:30 UTC").
enum PGStyle {
    static func time(_ d: Date) -> String {
        let s = Int(d.timeIntervalSince1970) % 86_400
        return String(format: "%02d:%02d UTC", s / 3_600, s / 60 % 60)
    }
}
