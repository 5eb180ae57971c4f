import Foundation

/// Masks secrets in connection strings and URLs before they reach any
/// message, log line or snapshot. Handles libpq keyword strings
/// (`password=...`, quoted or not) and URIs (`scheme://user:secret@host`,
/// `redis://:secret@host`, `?password=...`).
public enum SecretMasking {
    public static let mask = "•••"

    public static func masked(_ text: String) -> String {
        var out = maskUserinfo(text)
        for key in ["password", "sslpassword"] { out = maskKeyword(out, key) }
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

    // The two maskers below are hand-written scanners for what were two
    // regular expressions: NSRegularExpression is ICU's regex engine, and
    // compiling one made ICU's code resident in every console that opened
    // a connection (Benchmarks/README.md, the footprint's memory section).
    // Each scans left to right like the regex did and keeps its semantics,
    // noted above each.

    /// `([A-Za-z][A-Za-z0-9+.-]*://)([^:@/?#\s]*):([^@/?#\s]*)@` → `$1$2:•••@`.
    static func maskUserinfo(_ text: String) -> String {
        let u = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0
        while i < u.count {
            if let (userEnd, end) = userinfoMatch(u, at: i) {
                out.append(contentsOf: u[i..<userEnd])
                out.append(":")
                out.append(contentsOf: mask.unicodeScalars)
                out.append("@")
                i = end
            } else {
                out.append(u[i])
                i += 1
            }
        }
        return String(out)
    }

    /// Where the user part ends (at its ':') and the match ends (after '@'), for a match starting at `i`.
    private static func userinfoMatch(_ u: [Unicode.Scalar], at i: Int) -> (Int, Int)? {
        guard isASCIILetter(u[i]) else { return nil }
        var j = i + 1
        while j < u.count, isASCIILetter(u[j]) || isASCIIDigit(u[j]) || "+.-".unicodeScalars.contains(u[j]) { j += 1 }
        guard j + 2 < u.count, u[j] == ":", u[j + 1] == "/", u[j + 2] == "/" else { return nil }
        j += 3
        while j < u.count, !":@/?#".unicodeScalars.contains(u[j]), !isSpace(u[j]) { j += 1 }
        guard j < u.count, u[j] == ":" else { return nil }
        let userEnd = j
        j += 1
        while j < u.count, !"@/?#".unicodeScalars.contains(u[j]), !isSpace(u[j]) { j += 1 }
        guard j < u.count, u[j] == "@" else { return nil }
        return (userEnd, j + 1)
    }

    /// `(?i)(^|[\s?&;])(KEY\s*=\s*)('(?:[^'\\]|\\.)*'?|[^\s&;]*)` → `$1$2•••`,
    /// for KEY `password` and `sslpassword`; every error and log line passes through here.
    static func maskKeyword(_ text: String, _ key: String) -> String {
        let u = Array(text.unicodeScalars), k = Array(key.unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0
        func separates(_ c: Unicode.Scalar) -> Bool { isSpace(c) || c == "?" || c == "&" || c == ";" }
        while i < u.count {
            // `^` first at the start, then a separator before the key.
            var keyAt: Int?
            if i == 0, keyMatch(u, k, at: 0) != nil { keyAt = 0 }
            else if separates(u[i]), keyMatch(u, k, at: i + 1) != nil { keyAt = i + 1 }
            guard let at = keyAt, let valueAt = keyMatch(u, k, at: at) else {
                out.append(u[i])
                i += 1
                continue
            }
            out.append(contentsOf: u[i..<valueAt])
            out.append(contentsOf: mask.unicodeScalars)
            i = valueEnd(u, valueAt)
        }
        return String(out)
    }

    /// Where the value starts, when `KEY\s*=\s*` (key ignoring ASCII case) starts at `i`.
    private static func keyMatch(_ u: [Unicode.Scalar], _ k: [Unicode.Scalar], at i: Int) -> Int? {
        guard i + k.count <= u.count else { return nil }
        for (n, c) in k.enumerated() where lowerASCII(u[i + n]) != c { return nil }
        var j = i + k.count
        while j < u.count, isSpace(u[j]) { j += 1 }
        guard j < u.count, u[j] == "=" else { return nil }
        j += 1
        while j < u.count, isSpace(u[j]) { j += 1 }
        return j
    }

    /// The end of `'(?:[^'\\]|\\.)*'?` (`.`: anything but a line break) or of `[^\s&;]*`.
    private static func valueEnd(_ u: [Unicode.Scalar], _ start: Int) -> Int {
        var j = start
        if j < u.count, u[j] == "'" {
            j += 1
            while j < u.count, u[j] != "'" {
                if u[j] == "\\" {
                    guard j + 1 < u.count, !isLineBreak(u[j + 1]) else { break }
                    j += 2
                } else {
                    j += 1
                }
            }
            if j < u.count, u[j] == "'" { j += 1 }
            return j
        }
        while j < u.count, !isSpace(u[j]), u[j] != "&", u[j] != ";" { j += 1 }
        return j
    }

    /// ICU's `\s`: the White_Space property.
    private static func isSpace(_ c: Unicode.Scalar) -> Bool { c.properties.isWhitespace }
    private static func isASCIILetter(_ c: Unicode.Scalar) -> Bool { ("A"..."Z").contains(c) || ("a"..."z").contains(c) }
    private static func isASCIIDigit(_ c: Unicode.Scalar) -> Bool { ("0"..."9").contains(c) }
    private static func lowerASCII(_ c: Unicode.Scalar) -> Unicode.Scalar { ("A"..."Z").contains(c) ? Unicode.Scalar(c.value + 32)! : c }
    /// What ICU's `.` does not match: \n, \v, \f, \r, NEL, LS, PS.
    private static func isLineBreak(_ c: Unicode.Scalar) -> Bool { [0x0A, 0x0B, 0x0C, 0x0D, 0x85, 0x2028, 0x2029].contains(c.value) }
}
