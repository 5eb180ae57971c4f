import Foundation
import Testing
@testable import TerminalUI

/// The sanitiser's answers to hostile data: zero-width characters
/// that would shift a line, marks with nothing to sit on, and JSON that a
/// terminal would otherwise act on.
@Suite struct HostileTextTests {
    @Test(arguments: ["\u{200B}", "\u{200E}", "\u{200F}", "\u{061C}", "\u{2060}", "\u{FEFF}", "\u{2028}", "\u{2029}", "\u{2066}", "\u{202E}"])
    func invisibleControlsShowAsPlaceholders(_ s: String) {
        let clean = Sanitizer.clean("A\(s)1")
        #expect(clean == "A\u{FFFD}1")
        var b = Buffer(width: 5, height: 1)
        #expect(b.put("A\(s)1", x: 0, y: 0) == 3)
        #expect(b.textDump == "A\u{FFFD}1  ")
    }

    @Test func aLeadingMarkGetsADottedCircle() {
        #expect(Sanitizer.clean("\u{0301}abc") == "\u{25CC}\u{0301}abc")
        #expect(Sanitizer.clean("\u{200D}x") == "\u{25CC}\u{200D}x")
        #expect(Sanitizer.clean("a\u{0301}") == "a\u{0301}", "a mark on a base letter is left alone")
        #expect(Sanitizer.clean("\u{093E}") == "\u{093E}", "a spacing mark is one column on its own")
        var b = Buffer(width: 4, height: 1)
        b.put("\u{0301}ab", x: 0, y: 0)
        #expect(b.grapheme(0, 0) == "\u{25CC}\u{0301}" && b.grapheme(1, 0) == "a" && b.grapheme(2, 0) == "b")
        // Emoji sequences and Indic clusters keep their joiners.
        #expect(Sanitizer.clean("👩‍💻 क्ष") == "👩‍💻 क्ष")
    }

    @Test func jsonEscapesWhatJSONEncodersPassThrough() throws {
        let hostile = "a\u{9B}31m\u{7F}\u{202E}b\u{1B}[2J"
        let data = try JSONSerialization.data(withJSONObject: ["x": hostile])
        let escaped = Sanitizer.escapeJSON(String(decoding: data, as: UTF8.self))
        #expect(!escaped.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) || $0.value == 0x202E })
        #expect(escaped.contains("\\u009b") && escaped.contains("\\u202e") && escaped.contains("\\u007f"))
        let back = try #require(try JSONSerialization.jsonObject(with: Data(escaped.utf8)) as? [String: String])
        #expect(back["x"] == hostile)
    }

    @Test func tenKilobytesOfMarksAndEscapesFitTheirCell() {
        let zalgo = "Z" + String(repeating: "\u{0336}", count: 5_000)
        let long = String(repeating: "ज्ञान📚\u{1B}[31m\u{202E}", count: 400) + zalgo
        #expect(long.utf8.count > 10_000)
        let t = TextFit.truncate(long, to: 20)
        #expect(DisplayWidth.of(t) == 20)
        var b = Buffer(width: 30, height: 2)
        b.put(zalgo, x: 0, y: 0)
        #expect(b[0, 0].width == 1 && b.grapheme(1, 0) == " ")
        TextFit.place(long, in: Rect(x: 0, y: 1, width: 30, height: 1), .left, style: .plain, into: &b)
        #expect(b.textDump.split(separator: "\n").last.map { DisplayWidth.of(String($0)) } == 30)
    }
}
