import StudySpotCore

/// `redis://[[user]:password@]host[:port][/db]` and `rediss://` (TLS).
/// A `rediss://` URL may name the CA certificates to trust with
/// `?ssl_ca_certs=/path/ca.pem` (redis-py's spelling); without it the
/// system's trust store is used.
public struct RedisURL: Sendable, Equatable {
    public var host: String
    public var port: Int
    public var database: Int
    public var user: String?
    public var password: String?
    public var tls: Bool
    /// PEM file of the certificate authorities a `rediss://` server's certificate must chain to.
    public var caFile: String?

    public struct ParseError: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    public init(parsing text: String) throws(ParseError) {
        let masked = SecretMasking.masked(text)
        var rest: Substring
        if text.hasPrefix("redis://") { tls = false; rest = text.dropFirst(8) }
        else if text.hasPrefix("rediss://") { tls = true; rest = text.dropFirst(9) }
        else { throw ParseError(description: "not a redis:// or rediss:// URL: \(masked)") }

        var path = Substring("")
        if let slash = rest.firstIndex(of: "/") { path = rest[rest.index(after: slash)...]; rest = rest[..<slash] }
        if let at = rest.lastIndex(of: "@") {
            let userinfo = rest[..<at]
            rest = rest[rest.index(after: at)...]
            if let colon = userinfo.firstIndex(of: ":") {
                let u = userinfo[..<colon]
                user = u.isEmpty ? nil : String(u).removingPercentEncodingLenient
                password = String(userinfo[userinfo.index(after: colon)...]).removingPercentEncodingLenient
            } else {
                user = nil
                password = String(userinfo).removingPercentEncodingLenient
            }
        } else {
            user = nil
            password = nil
        }
        if rest.hasPrefix("[") , let close = rest.firstIndex(of: "]") { // [::1]:6379
            host = String(rest[rest.index(after: rest.startIndex)..<close])
            let after = rest[rest.index(after: close)...]
            port = after.hasPrefix(":") ? Int(after.dropFirst()) ?? -1 : 6379
        } else if let colon = rest.lastIndex(of: ":") {
            host = String(rest[..<colon])
            port = Int(rest[rest.index(after: colon)...]) ?? -1
        } else {
            host = String(rest)
            port = 6379
        }
        guard !host.isEmpty else { throw ParseError(description: "no host in \(masked)") }
        guard (1...65535).contains(port) else { throw ParseError(description: "bad port in \(masked)") }
        caFile = nil
        if let q = path.firstIndex(of: "?") {
            for pair in path[path.index(after: q)...].split(separator: "&") {
                let kv = pair.split(separator: "=", maxSplits: 1).map(String.init)
                if kv.count == 2, kv[0] == "ssl_ca_certs" { caFile = kv[1].removingPercentEncodingLenient }
            }
        }
        let dbText = path.split(separator: "?", omittingEmptySubsequences: false).first.map(String.init) ?? ""
        if dbText.isEmpty { database = 0 }
        else if let db = Int(dbText), db >= 0 { database = db }
        else { throw ParseError(description: "bad database number \"\(dbText)\" in \(masked)") }
    }

    public var isLoopback: Bool { LoopbackHost.contains(host) }
}

extension String {
    /// Percent-decoding that keeps the text as is when it is not valid encoding.
    var removingPercentEncodingLenient: String {
        guard contains("%") else { return self }
        var bytes: [UInt8] = []
        var it = Array(utf8)[...]
        while let b = it.popFirst() {
            if b == UInt8(ascii: "%"), it.count >= 2,
               let v = UInt8(String(decoding: it.prefix(2), as: UTF8.self), radix: 16) {
                bytes.append(v); it = it.dropFirst(2)
            } else { bytes.append(b) }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
