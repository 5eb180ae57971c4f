import Foundation
import Testing
@testable import StudySpotCore

/// `SecretMasking` scans by hand what were two NSRegularExpressions (ICU's
/// regex engine, off the console's path now). The regexes are the reference
/// here: the same output on every text built from the tokens that matter.
@Suite("Secret masking: the hand-written scanners agree with the regular expressions they replace")
struct SecretMaskingScannerTests {
    static let userinfo = try! NSRegularExpression(pattern: #"([A-Za-z][A-Za-z0-9+.-]*://)([^:@/?#\s]*):([^@/?#\s]*)@"#)
    static let keywords = ["password", "sslpassword"].map { key in
        try! NSRegularExpression(pattern: #"(?i)(^|[\s?&;])("# + key + #"\s*=\s*)('(?:[^'\\]|\\.)*'?|[^\s&;]*)"#)
    }

    static func reference(_ text: String) -> String {
        func replace(_ r: NSRegularExpression, _ s: String, _ template: String) -> String {
            r.stringByReplacingMatches(in: s, range: NSRange(s.startIndex..., in: s), withTemplate: template)
        }
        var out = replace(userinfo, text, "$1$2:\(SecretMasking.mask)@")
        for r in keywords { out = replace(r, out, "$1$2\(SecretMasking.mask)") }
        return out
    }

    static let tokens = ["password", "PassWord", "PASSWORD", "sslpassword", "sslPassword", "passwordless", "=", " = ", " ", "\t",
                         "'", "\\", "\\'", "\n", "\r", "&", ";", "?", "postgresql://", "redis://", "9x+y.z-://", "://", "u", ":",
                         "@", "/", "#", "x", "9", "é", "\u{2028}", "\u{85}", "\u{0B}", "\u{3000}", "\u{A0}", "host=h", "user=x"]

    @Test("Twenty thousand texts of secret-shaped tokens")
    func agreesWithTheRegexes() {
        var state: UInt64 = 0x5EC2E7
        func next() -> Int {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Int(truncatingIfNeeded: (z ^ (z >> 31)) >> 1)
        }
        var mismatches: [String] = []
        for _ in 0..<20_000 {
            let text = (0..<(1 + next() % 12)).map { _ in Self.tokens[next() % Self.tokens.count] }.joined()
            if SecretMasking.masked(text) != Self.reference(text) { mismatches.append(text) }
        }
        #expect(mismatches.isEmpty, "\(mismatches.count): \(mismatches.prefix(3).map { "\($0.debugDescription) → \(SecretMasking.masked($0).debugDescription), regex \(Self.reference($0).debugDescription)" })")
    }

    @Test("DSNs and URLs as the platform writes them")
    func dsns() {
        for text in ["host=127.0.0.1 port=5432 dbname=x user=app password='it''s' sslmode=require",
                     "postgresql://app:pw@h:1/db?sslpassword=k&password=p", "rediss://default:abc@h:6380/0 and redis://:x@h",
                     "password=\tpw", "?PASSWORD = secret;next", "x password='unterminated \\"] {
            #expect(SecretMasking.masked(text) == Self.reference(text), "\(text)")
        }
    }
}
