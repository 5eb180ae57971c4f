import Foundation

/// Masks secrets in connection strings and URLs before they reach any
/// message, log line or snapshot. Handles libpq keyword strings
/// (`password=...`, quoted or not) and URIs (`scheme://user:secret@host`,
/// `redis://:secret@host`, `?password=...`).
public enum SecretMasking {
    public static let mask = "•••"

    public static func masked(_ text: String) -> String {
        var out = maskUserinfo(text)
        for regex in keywords { out = maskKeyword(out, regex) }
        return out
    }

    /// Removes every occurrence of known secret values (e.g. from a libpq
    /// error that echoes a parameter) from arbitrary text.
    public static func redacting(_ text: String, secrets: [String]) -> String {
        var out = text
        for secret in secrets where secret.count >= 3 {
            out = replacingAll(secret, in: out, with: mask)
        }
        return out
    }

    /// Byte-wise replacement on UTF-8. Foundation's `replacingOccurrences`
    /// traps on some inputs on Linux (found by fuzzing the config loader),
    /// and error paths must never crash.
    public static func replacingAll(_ target: String, in text: String, with replacement: String) -> String {
        let hay = Array(text.utf8), needle = Array(target.utf8)
        guard !needle.isEmpty, hay.count >= needle.count else { return text }
        var out: [UInt8] = []
        out.reserveCapacity(hay.count)
        var i = 0
        while i < hay.count {
            if hay[i] == needle[0], i + needle.count <= hay.count, hay[i..<(i + needle.count)].elementsEqual(needle) {
                out += replacement.utf8
                i += needle.count
            } else {
                out.append(hay[i])
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static let userinfo = try! NSRegularExpression(
        pattern: #"([A-Za-z][A-Za-z0-9+.-]*://)([^:@/?#\s]*):([^@/?#\s]*)@"#)
    private static func maskUserinfo(_ text: String) -> String {
        let range = NSRange(text.startIndex..., in: text)
        return userinfo.stringByReplacingMatches(in: text, range: range, withTemplate: "$1$2:\(mask)@")
    }

    /// `key = 'quoted \' value'`, `key = bare`, `?key=value&`; compiled once,
    /// since every error and log line passes through here.
    private static let keywords: [NSRegularExpression] = ["password", "sslpassword"].map { key in
        try! NSRegularExpression(pattern: #"(?i)(^|[\s?&;])("# + key + #"\s*=\s*)('(?:[^'\\]|\\.)*'?|[^\s&;]*)"#)
    }

    private static func maskKeyword(_ text: String, _ regex: NSRegularExpression) -> String {
        let range = NSRange(text.startIndex..., in: text)
        return regex.stringByReplacingMatches(in: text, range: range, withTemplate: "$1$2\(mask)")
    }
}
