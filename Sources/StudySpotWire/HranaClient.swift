import Foundation
import StudySpotCore

/// A SQLite value as Hrana carries it: integers travel as JSON strings
/// (64 bits survive), floats as numbers, blobs as base64.
public enum HranaValue: Sendable, Equatable {
    case null
    case integer(Int64)
    case float(Double)
    case text(String)
    case blob([UInt8])
}

/// Why a Hrana request failed, worded for the Shards pane and the logs.
public struct HranaError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        /// 401 or 403: the token was refused.
        case unauthorized
        /// Another HTTP status outside 2xx.
        case http
        /// The server answered the pipeline with an error result for a statement.
        case statement
        /// The body was not a pipeline response (garbage, truncated, wrong shape).
        case malformed
        /// No HTTP answer: refused, timed out, reset.
        case transport
        /// A value did not have the type the reader needs.
        case value
    }
    public var kind: Kind
    /// The HTTP status, when there was one.
    public var status: Int?
    /// The server's error code for a statement (`SQLITE_ERROR`, …), when given.
    public var code: String?
    public var message: String
    public var description: String { message }
    public init(kind: Kind, status: Int? = nil, code: String? = nil, message: String) {
        self.kind = kind; self.status = status; self.code = code; self.message = message
    }
}

/// One statement's rows, with the columns' names.
public struct HranaRows: Sendable {
    public var columns: [String]
    public var rows: [HranaRow]
    public var first: HranaRow? { rows.first }
}

/// One row: values by column name, typed accessors that throw a `HranaError`
/// naming the column when the value is not what the reader needs.
public struct HranaRow: Sendable {
    public let columns: [String]
    public let values: [HranaValue]

    public func value(_ column: String) throws(HranaError) -> HranaValue {
        guard let i = columns.firstIndex(of: column), i < values.count else {
            throw HranaError(kind: .value, message: "no column \"\(column)\" in the result")
        }
        return values[i]
    }

    public func int(_ column: String) throws(HranaError) -> Int64 {
        guard let v = try optionalInt(column) else { throw HranaError(kind: .value, message: "\(column) is null") }
        return v
    }

    public func optionalInt(_ column: String) throws(HranaError) -> Int64? {
        switch try value(column) {
        case .null: return nil
        case .integer(let v): return v
        case .float(let d) where d == d.rounded() && abs(d) < 9.2e18: return Int64(d)
        case .text(let t) where Int64(t) != nil: return Int64(t)
        default: throw HranaError(kind: .value, message: "\(column) is not an integer")
        }
    }

    public func string(_ column: String) throws(HranaError) -> String {
        switch try value(column) {
        case .text(let t): return t
        case .integer(let v): return String(v)
        case .float(let d): return String(d)
        case .null: throw HranaError(kind: .value, message: "\(column) is null")
        case .blob: throw HranaError(kind: .value, message: "\(column) is a blob, not text")
        }
    }
}

/// One SQL statement and its positional arguments (`?`).
public struct HranaStatement: Sendable {
    public var sql: String
    public var args: [HranaValue]
    public init(_ sql: String, _ args: [HranaValue] = []) { self.sql = sql; self.args = args }
}

/// A client of Turso's SQL over HTTP ("Hrana over HTTP", v2): every call is
/// one `POST {url}/v2/pipeline` that opens a stream (`baton` null), executes
/// the statements and closes it, so nothing is left open between polls.
/// Counts one operation per statement against its cost target. The token is
/// sent as `Authorization: Bearer` and never appears in an error.
public struct HranaClient: Sendable {
    public let pipelineURL: String
    private let token: String
    private let transport: any HranaTransport
    public let timeout: Double
    private let costTarget: CostTarget?

    /// `url` is `libsql://…` (read as `https://`), `https://…` or `http://…`.
    public init(url: String, token: String, transport: any HranaTransport = HTTPClientTransport(),
                timeout: Double = 5, costTarget: CostTarget? = nil) throws(HranaError) {
        guard let p = Self.pipelineURL(for: url) else {
            throw HranaError(kind: .transport, message: "not a libsql://, https:// or http:// URL: \(SecretMasking.masked(url))")
        }
        // The token is a bearer credential: over plain HTTP only to this machine.
        if p.hasPrefix("http://") {
            var host = String(p.dropFirst("http://".count).prefix { $0 != "/" })
            if host.hasPrefix("["), let close = host.firstIndex(of: "]") {
                host = String(host[host.index(after: host.startIndex)..<close])
            } else if let colon = host.lastIndex(of: ":") { host = String(host[..<colon]) }
            guard LoopbackHost.contains(host) else {
                throw HranaError(kind: .transport,
                                 message: "\(host): http:// would send the token in clear text; use https:// or libsql:// (http:// is for this machine only)")
            }
        }
        pipelineURL = p; self.token = token; self.transport = transport; self.timeout = timeout; self.costTarget = costTarget
    }

    /// The database URL's pipeline endpoint (`libsql://` becomes `https://`).
    public static func pipelineURL(for url: String) -> String? {
        var base = url.trimmingCharacters(in: .whitespaces)
        if base.hasPrefix("libsql://") { base = "https://" + base.dropFirst("libsql://".count) }
        guard base.hasPrefix("http://") || base.hasPrefix("https://") else { return nil }
        let hostPart = base.split(separator: "/", maxSplits: 3, omittingEmptySubsequences: false).dropFirst(2).first ?? ""
        guard !hostPart.isEmpty, !hostPart.contains("@"), !base.contains("?"), !base.contains("#") else { return nil }
        while base.hasSuffix("/") { base.removeLast() }
        return base + "/v2/pipeline"
    }

    /// Runs one statement.
    public func query(_ sql: String, _ args: [HranaValue] = [], timeout: Double? = nil) throws(HranaError) -> HranaRows {
        try execute([HranaStatement(sql, args)], timeout: timeout)[0]
    }

    /// Runs the statements in one pipeline (one round trip); the first
    /// statement that failed throws, naming it and the server's message.
    public func execute(_ statements: [HranaStatement], timeout: Double? = nil) throws(HranaError) -> [HranaRows] {
        costTarget?.count(statements.count)
        let body = Self.requestBody(statements)
        let reply: HranaHTTPReply
        switch transport.post(url: pipelineURL, body: body,
                              headers: [("Authorization", "Bearer \(token)"), ("Content-Type", "application/json"),
                                        ("Accept", "application/json")],
                              timeout: timeout ?? self.timeout) {
        case .success(let r): reply = r
        case .failure(let e): throw HranaError(kind: .transport, message: clean(String(describing: e)))
        }
        guard (200..<300).contains(reply.status) else { throw httpError(reply) }
        return try Self.results(reply.body, statements: statements, clean: clean)
    }

    private func clean(_ text: String) -> String {
        SecretMasking.redacting(SecretMasking.masked(text), secrets: [token])
    }

    private func httpError(_ reply: HranaHTTPReply) -> HranaError {
        // Turso and sqld answer errors with {"error": "..."}; otherwise a short, printable excerpt.
        var detail = ""
        if let obj = try? JSONSerialization.jsonObject(with: Data(reply.body)) as? [String: Any], let e = obj["error"] {
            detail = (e as? String) ?? ((e as? [String: Any])?["message"] as? String) ?? ""
        } else {
            detail = String(decoding: reply.body.prefix(200), as: UTF8.self)
        }
        detail = clean(String(detail.unicodeScalars.map { $0.value < 32 || $0.value == 127 ? " " : Character($0) }.prefix(200)))
            .trimmingCharacters(in: .whitespaces)
        if reply.status == 401 || reply.status == 403 {
            return HranaError(kind: .unauthorized, status: reply.status,
                              message: "\(reply.status): token refused" + (detail.isEmpty ? "" : " (\(detail))"))
        }
        return HranaError(kind: .http, status: reply.status,
                          message: "Turso answered HTTP \(reply.status)" + (detail.isEmpty ? "" : ": \(detail)"))
    }

    // MARK: JSON

    static func requestBody(_ statements: [HranaStatement]) -> [UInt8] {
        var requests: [[String: Any]] = statements.map { s in
            ["type": "execute", "stmt": ["sql": s.sql, "args": s.args.map(json)] as [String: Any]]
        }
        requests.append(["type": "close"])
        let object: [String: Any] = ["baton": NSNull(), "requests": requests]
        return Array((try? JSONSerialization.data(withJSONObject: object)) ?? Data())
    }

    static func json(_ v: HranaValue) -> [String: Any] {
        switch v {
        case .null: ["type": "null"]
        case .integer(let i): ["type": "integer", "value": String(i)]
        case .float(let d): d.isFinite ? ["type": "float", "value": d] : ["type": "null"]
        case .text(let t): ["type": "text", "value": t]
        case .blob(let b): ["type": "blob", "base64": Data(b).base64EncodedString()]
        }
    }

    static func results(_ body: [UInt8], statements: [HranaStatement], clean: (String) -> String) throws(HranaError) -> [HranaRows] {
        func malformed(_ why: String) -> HranaError {
            HranaError(kind: .malformed, message: "Turso's reply is not a pipeline result: \(why)")
        }
        let parsed: Any
        do { parsed = try JSONSerialization.jsonObject(with: Data(body)) }
        catch { throw malformed(body.isEmpty ? "empty body" : "not JSON (\(body.count) bytes)") }
        guard let top = parsed as? [String: Any], let results = top["results"] as? [Any] else {
            throw malformed("no \"results\" array")
        }
        guard results.count >= statements.count else {
            throw malformed("\(results.count) results for \(statements.count) statements")
        }
        var out: [HranaRows] = []
        for (i, s) in statements.enumerated() {
            guard let r = results[i] as? [String: Any], let type = r["type"] as? String else { throw malformed("result \(i) has no type") }
            if type == "error" {
                let e = r["error"] as? [String: Any]
                let message = clean((e?["message"] as? String) ?? "no message")
                throw HranaError(kind: .statement, code: e?["code"] as? String,
                                 message: "Turso returned an error for \(summary(s.sql)): \(message)")
            }
            guard type == "ok", let response = r["response"] as? [String: Any],
                  let result = response["result"] as? [String: Any],
                  let cols = result["cols"] as? [Any], let rows = result["rows"] as? [Any] else {
                throw malformed("result \(i) is not an execute result")
            }
            let names = cols.map { (($0 as? [String: Any])?["name"] as? String) ?? "" }
            var decoded: [HranaRow] = []
            decoded.reserveCapacity(rows.count)
            for row in rows {
                guard let cells = row as? [Any], cells.count == names.count else { throw malformed("a row of result \(i) does not match its columns") }
                var values: [HranaValue] = []
                values.reserveCapacity(cells.count)
                for cell in cells {
                    guard let v = value(cell) else { throw malformed("a value of result \(i) has an unknown type") }
                    values.append(v)
                }
                decoded.append(HranaRow(columns: names, values: values))
            }
            out.append(HranaRows(columns: names, rows: decoded))
        }
        return out
    }

    static func value(_ cell: Any) -> HranaValue? {
        guard let c = cell as? [String: Any], let type = c["type"] as? String else { return nil }
        switch type {
        case "null": return .null
        case "integer":
            if let s = c["value"] as? String { return Int64(s).map(HranaValue.integer) }
            if let n = c["value"] as? NSNumber { return .integer(n.int64Value) }
            return nil
        case "float":
            if let n = c["value"] as? NSNumber { return .float(n.doubleValue) }
            if let s = c["value"] as? String, let d = Double(s) { return .float(d) }
            return nil
        case "text": return (c["value"] as? String).map(HranaValue.text)
        case "blob": return (c["base64"] as? String).flatMap { Data(base64Encoded: $0) }.map { .blob(Array($0)) }
        default: return nil
        }
    }

    /// The statement, shortened for a message: its first words.
    static func summary(_ sql: String) -> String {
        let flat = sql.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        return flat.count <= 60 ? "\"\(flat)\"" : "\"\(flat.prefix(57))…\""
    }
}
