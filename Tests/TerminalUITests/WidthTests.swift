import Testing
#if canImport(Glibc)
import Glibc
#endif
@testable import TerminalUI

@Suite("Display width per grapheme cluster")
struct WidthTests {
    @Test("ASCII is one column per character")
    func ascii() { #expect(DisplayWidth.of("Pune B-14") == 9) }

    @Test("CJK ideographs and Hangul are two columns")
    func cjk() {
        #expect(DisplayWidth.of("図書館") == 6)
        #expect(DisplayWidth.of("한국") == 4)
        #expect(DisplayWidth.of("ｶ") == 1) // halfwidth katakana
        #expect(DisplayWidth.of("Ａ") == 2) // fullwidth latin
    }

    @Test("Devanagari: nonspacing marks add nothing, spacing vowel signs one column, as terminals lay it out")
    func devanagari() {
        #expect(DisplayWidth.of("कि") == 2)      // क + spacing vowel sign I
        #expect(DisplayWidth.of("के") == 1)      // क + nonspacing vowel sign E
        #expect(DisplayWidth.of("केंद्र") == 3)   // क े ं | द ् र
        #expect(DisplayWidth.of("ज्ञान") == 4)   // ज ् ञ ा | न
        #expect(DisplayWidth.of("e\u{301}") == 1) // e + combining acute
    }

    @Test("Devanagari agrees with the C library's per-code-point widths")
    func devanagariMatchesLibc() {
        setlocale(LC_ALL, "C.UTF-8")
        for word in ["ज्ञान केंद्र", "पुणे", "हिन्दी", "विद्या"] {
            let libc = word.unicodeScalars.reduce(0) { $0 + max(0, Int(libcWcwidth(Int32($1.value)))) }
            #expect(DisplayWidth.of(word) == libc, "\(word)")
        }
    }

    @Test("Emoji, VS16 and ZWJ sequences are two columns")
    func emoji() {
        #expect(DisplayWidth.of("😀") == 2)
        #expect(DisplayWidth.of("\u{1F39F}\u{FE0F}") == 2) // admission tickets + VS16, wcwidth says 1
        #expect(DisplayWidth.of("❤️") == 2)
        #expect(DisplayWidth.of("👩‍👩‍👧‍👦") == 2)
        #expect(DisplayWidth.of("👍🏽") == 2)
        #expect(DisplayWidth.of("🇮🇳") == 2)
        #expect(DisplayWidth.of("1️⃣") == 2)
        #expect(DisplayWidth.of("❤") == 1) // text presentation without VS16
    }

    @Test("A wide cluster never splits at the right edge")
    func wideAtEdge() {
        var b = Buffer(width: 5, height: 1)
        b.put("ab図書", x: 0, y: 0)
        // "ab" + 図 (2) fills 4 columns; 書 would need columns 4–5: the
        // word is cut there, whole clusters kept, and says so with "…".
        #expect(b.textDump == "ab図…")
        #expect(b[4, 0].width == 1)
    }

    @Test("Clipping inside an area keeps wide clusters whole")
    func wideClipArea() {
        var b = Buffer(width: 6, height: 1)
        b.put("図書館", x: 0, y: 0, clip: Rect(x: 0, y: 0, width: 3, height: 1))
        #expect(b.textDump == "図…   ")
    }

    @Test("Filling across wide clusters blanks the halves left outside")
    func fillAcrossWide() {
        var b = Buffer(width: 6, height: 1)
        b.put("図書館", x: 0, y: 0)
        b.fill(Rect(x: 1, y: 0, width: 2, height: 1), with: "x")
        #expect(b.textDump == " xx 館")
        #expect(b[3, 0].width == 1 && b[4, 0].width == 2)
    }

    @Test("Multi-code-point clusters survive the round trip through a cell")
    func clusterCells() {
        var b = Buffer(width: 8, height: 1)
        b.put("👩‍👩‍👧क्ष", x: 0, y: 0)
        #expect(b.grapheme(0, 0) == "👩‍👩‍👧")
        #expect(b.textDump.hasPrefix("👩‍👩‍👧क्ष"))
        #expect(Cell("👩‍👩‍👧", clusters: b.clusters) == Cell("👩‍👩‍👧", clusters: b.clusters))
    }

    @Test("Each buffer owns its clusters: frames with their own tables compare and diff by content")
    func clusterTablesPerBuffer() {
        var a = Buffer(width: 6, height: 1), b = Buffer(width: 6, height: 1)
        a.put("👩‍👩‍👧", x: 0, y: 0)
        b.put("🇮🇳👩‍👩‍👧", x: 0, y: 0)  // the same code, 0x110000, means another cluster here
        #expect(a[0, 0] == b[0, 0] && a != b)
        #expect(!FrameDiff.updates(from: a, to: b).isEmpty)
        var c = Buffer(width: 6, height: 1)
        c.put("👩‍👩‍👧", x: 0, y: 0)
        #expect(a == c && FrameDiff.updates(from: a, to: c).isEmpty)
        // A frame that shares its table (the dashboard keeps one) diffs bitwise.
        var d = Buffer(size: a.size, clusters: a.clusters)
        d.put("👩‍👩‍👧", x: 0, y: 0)
        #expect(d.cells == a.cells && FrameDiff.updates(from: a, to: d).isEmpty)
        var screen = Buffer(width: 6, height: 1)
        screen.set(0, 0, b[0, 0], from: b)
        #expect(screen.grapheme(0, 0) == "🇮🇳")
    }

    @Test("Overwriting half of a wide cluster blanks the other half")
    func overwriteHalf() {
        var b = Buffer(width: 4, height: 1)
        b.put("図書", x: 0, y: 0)
        b.put("x", x: 1, y: 0)
        #expect(b.textDump == " x書")
        b.put("y", x: 2, y: 0)
        #expect(b.textDump == " xy ")
    }
}

/// glibc's wcwidth, declared here because its header hides it behind _XOPEN_SOURCE.
@_silgen_name("wcwidth") func libcWcwidth(_ c: Int32) -> Int32
