import CLibPQ
import StudySpotCore

/// libpq's verdict on a connection string, keyword=value or URI
/// (`PQconninfoParse`): what it refuses here, a connection would refuse too,
/// so `config check` runs it on every shard's DSN.
extension PGConnInfo {
    /// libpq's message, every secret masked.
    public struct ParseError: Error, Sendable, Hashable, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    /// The keywords the DSN sets and their values (secrets included: callers
    /// must not print them), or libpq's complaint with the secrets masked
    /// (`parse` says only "empty" when libpq refuses).
    public static func check(_ dsn: String) -> Result<[String: String], ParseError> {
        var err: UnsafeMutablePointer<CChar>?
        guard let opts = PQconninfoParse(dsn, &err) else {
            let raw = err.map { String(cString: $0) } ?? "libpq could not parse the connection string (out of memory?)"
            if let err { PQfreemem(err) }
            return .failure(ParseError(message: masked(raw.trimmingCharacters(in: .whitespacesAndNewlines), dsn: dsn)))
        }
        defer { PQconninfoFree(opts) }
        var out = [String: String]()
        var p = opts
        while let kw = p.pointee.keyword {
            if let v = p.pointee.val { out[String(cString: kw)] = String(cString: v) }
            p += 1
        }
        return .success(out)
    }

    /// A message about an unparsable DSN, which may quote a piece of it
    /// (`missing "=" after "b c"` when a password holds a space, a whole URI):
    /// the usual masking, then every fragment of the DSN from its first
    /// "password" on, and a URI's user-info secret, are replaced.
    static func masked(_ message: String, dsn: String) -> String {
        var secrets: [String] = []
        if let r = dsn.range(of: "password", options: .caseInsensitive) {
            let tail = String(dsn[r.lowerBound...])
            let separators: Set<Character> = [" ", "\t", "\n", "&", "'", "\"", "="]
            secrets += tail.split(whereSeparator: { separators.contains($0) }).map(String.init)
                .filter { $0.lowercased() != "password" }
            secrets.append(String(tail.dropFirst("password".count)))
        }
        if let scheme = dsn.range(of: "://"), let at = dsn[scheme.upperBound...].firstIndex(of: "@") {
            let userinfo = dsn[scheme.upperBound..<at]
            if let colon = userinfo.firstIndex(of: ":") { secrets.append(String(userinfo[userinfo.index(after: colon)...])) }
        }
        // Longest first, so a fragment inside a longer secret does not leave the rest.
        let ordered = secrets.filter { !$0.isEmpty }.sorted { $0.count > $1.count }
        return SecretMasking.redacting(SecretMasking.masked(message), secrets: ordered)
    }
}
