import Testing
@testable import TerminalUI

@Suite("Sanitisation of untrusted text")
struct SanitizerTests {
    static let corpus: [(String, String, String)] = [
        ("OSC 0 title change", "Lib\u{1B}]0;pwned\u{07}rary", "Lib␛]0;pwned␇rary"),
        ("CSI 2J clear screen", "a\u{1B}[2Jb", "a␛[2Jb"),
        ("CSI H cursor home", "\u{1B}[Hx", "␛[Hx"),
        ("carriage return", "ok\rEVIL", "ok␍EVIL"),
        ("right-to-left override", "abc\u{202E}fed", "abc\u{FFFD}fed"),
        ("bidi isolates", "\u{2066}x\u{2069}", "\u{FFFD}x\u{FFFD}"),
        ("C1 CSI", "a\u{9B}2Jb", "a\u{FFFD}2Jb"),
        ("newline and DEL", "a\nb\u{7F}", "a␊b␡"),
        ("tab becomes a space", "a\tb", "a b"),
        ("unicode text passes", "ज्ञान केंद्र 図書館 😀", "ज्ञान केंद्र 図書館 😀"),
    ]

    @Test("Corpus of hostile strings is neutralised", arguments: corpus)
    func corpusCase(_ c: (String, String, String)) {
        let out = Sanitizer.clean(c.1)
        #expect(out == c.2, "\(c.0)")
        #expect(!out.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) || $0.value == 0x202E })
    }

    @Test("Invalid UTF-8 and lone surrogate bytes decode to a placeholder")
    func invalidBytes() {
        // 0xFF is never valid; ED A0 80 is a UTF-8-encoded lone surrogate U+D800; C3 is truncated.
        let bytes: [UInt8] = [0x41, 0xFF, 0x42, 0xED, 0xA0, 0x80, 0x43, 0x1B, 0x5B, 0x32, 0x4A, 0xC3]
        let s = Sanitizer.decode(bytes)
        #expect(s.hasPrefix("A\u{FFFD}B"))
        #expect(s.contains("C␛[2J"))
        #expect(s.hasSuffix("\u{FFFD}"))
        #expect(!s.unicodeScalars.contains { $0.value == 0x1B })
    }

    @Test("Every string written into a buffer is sanitised")
    func bufferSanitises() {
        var b = Buffer(width: 12, height: 1)
        b.put("\u{1B}]0;t\u{07}\r\u{202E}", x: 0, y: 0)
        #expect(b.trimmedTextDump == "␛]0;t␇␍\u{FFFD}")
        for x in 0..<b.width { #expect(!Sanitizer.isUnsafe(b.grapheme(x, 0).unicodeScalars.first!)) }
    }
}
