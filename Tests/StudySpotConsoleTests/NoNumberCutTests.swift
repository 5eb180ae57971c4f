import Foundation
import Testing
import StudySpotCore
@testable import StudySpotConsole
@testable import TerminalUI

/// One rule for fitting text: a number shortens ("1.2M") or goes whole,
/// never loses digits, since a cut number is a wrong number. Every pane
/// with its data loaded, at every width from its minimum to 250, at three
/// heights: no digit runs into a border or the screen's edge, and no digit
/// is followed by the "…" of a cut.
@Suite("No number cut at any width")
struct NoNumberCutTests {
    // Box edges (a chart's axis "0┤" is a label beside its tick, not a cut).
    static let borders: Set<Character> = ["│", "┃", "┐", "┘", "╮", "╯", "▕"]

    /// Where a number on a row was cut, nil when none was.
    static func cutNumber(in line: String, width: Int) -> String? {
        let chars = Array(line)
        for (i, ch) in chars.enumerated() where ch.isNumber {
            let next: Character? = i + 1 < chars.count ? chars[i + 1] : nil
            if next == "…", isNumberWord(ending: i, in: chars) { return "a number cut before …" }
            if let n = next, borders.contains(n) { return "a digit against the border at column \(i + 1)" }
            if next == nil, chars.count >= width { return "a digit at the screen's edge" }
        }
        return nil
    }

    /// The word ending at `i` is a number: its first letter or digit is a digit.
    static func isNumberWord(ending i: Int, in chars: [Character]) -> Bool {
        var j = i
        while j > 0, !chars[j - 1].isWhitespace, !borders.contains(chars[j - 1]) { j -= 1 }
        return chars[j...i].first { $0.isLetter || $0.isNumber }?.isNumber ?? false
    }

    @Test func noPaneCutsANumberAtAnyWidth() {
        let base = EverySizeTests.loaded()
        var failures: [String] = []
        for pane in Pane.allCases {
            // Every width at one height; every seventh at two more.
            for height in [30, 48, 70] {
                for width in pane.minimumSize.width...250 where height == 48 || width % 7 == 0 {
                    var s = base; s.pane = pane
                    s = update(s, .resize(Size(width: width, height: height))).0
                    guard s.minimumSize.fits(in: Size(width: width, height: height)) else { continue }
                    var b = Buffer(size: Size(width: width, height: height))
                    view(s, into: &b)
                    for (y, line) in b.textDump.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                        if let why = Self.cutNumber(in: String(line), width: width), failures.count < 12 {
                            failures.append("\(pane.rawValue) \(width)×\(height) row \(y): \(why): \(line)")
                        }
                    }
                }
            }
        }
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
    }

    @Test func truncationDropsAWordWithADigitWhole() {
        #expect(TextFit.truncate("now 219/min, peak 219", to: 20) == "now 219/min, peak …")
        #expect(TextFit.truncate("completed 0  cancelled 87", to: 16) == "completed 0  ca…")
        #expect(TextFit.truncate("3,456 bookings", to: 4) == "…")
        #expect(TextFit.truncate("library name", to: 8) == "library…")
        #expect(TextFit.truncate("short", to: 8) == "short")
    }

    @Test func aClippedPutCutsOnlyWords() {
        var b = Buffer(size: Size(width: 12, height: 2))
        b.put("peak 219/min", x: 0, y: 0, clip: Rect(x: 0, y: 0, width: 10, height: 1))
        #expect(b.textDump.hasPrefix("peak …"))
        b.put("██████████████", x: 0, y: 1, clip: Rect(x: 0, y: 1, width: 10, height: 1))
        #expect(b.textDump.split(separator: "\n")[1].hasPrefix("██████████ "))
    }

    @Test func countsShortenByUnit() {
        #expect(NumberText.countForms(1_234_567) == ["1,234,567", "1.23M", "1.2M", "1M"])
        #expect(NumberText.countForms(999) == ["999"])
        #expect(NumberText.countForms(-15_500) == ["-15,500", "-15.50K", "-15.5K", "-16K"])
        #expect(TableCell.count(1_234_567).fitted(to: 5) == "1.23M")
        #expect(TableCell.count(1_234_567).fitted(to: 4) == "1.2M")
        #expect(TableCell.count(1_234_567).fitted(to: 2) == "1M")
        #expect(TableCell.count(1_234_567).fitted(to: 1) == "…")
        #expect(NumberText.fixed(2.675, 2) == "2.68" || NumberText.fixed(2.675, 2) == "2.67")
        #expect(NumberText.fixed(0.05, 1) == "0.1")
    }
}
