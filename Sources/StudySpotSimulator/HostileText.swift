import Foundation

/// Text the platform's users and operators could put in any text column:
/// escape sequences, controls, bidi tricks, emoji sequences, combining marks,
/// right-to-left scripts, empty and 10 KB values. NUL is left out:
/// PostgreSQL text cannot hold it.
public enum HostileText {
    /// Clears the screen and homes the cursor.
    public static let clearScreen = "Clear\u{1B}[2J\u{1B}[H Hall"
    /// OSC 52: would put text on the viewer's clipboard; and an OSC title change.
    public static let osc52 = "\u{1B}]52;c;cm0gLXJmIH4=\u{07}Clipboard \u{1B}]0;pwned\u{1B}\\Title"
    /// A CSI with parameters far past any integer.
    public static let hugeCSI = "\u{1B}[99999999999999999999;99999999999999999999HFar\u{1B}[999999999999999999999m"
    public static let loneEscape = "Lone\u{1B}"
    /// C1 controls as code points 0x80–0x9F (CSI, OSC, ST, NEL…).
    public static let c1 = "C1 \u{9B}31mred\u{9D}0;t\u{9C} \u{85}\u{80}\u{9F}end"
    public static let controls = "Tab\there\rCR\u{08}BS\u{7F}DEL\u{07}BEL\nLF\u{0B}VT\u{0C}FF\u{1A}SUB"
    public static let rightToLeft = "مكتبة المعرفة \u{200F}ספריית הידע"
    /// RLO, LRO, isolates and PDI: "Trojan source" reordering.
    public static let bidi = "\u{202E}exe.txt\u{202C} \u{202D}LRO\u{2066}iso\u{2069}\u{2067}rli\u{2068}fsi\u{2069}"
    public static let emoji = "📚👩‍💻👨‍👩‍👧‍👦🏳️‍🌈🇮🇳1️⃣"
    /// A leading combining mark and a cluster carrying sixty of them.
    public static let combining = "\u{0301}Za\u{0301}\u{0302}\u{0303}l" + String(repeating: "\u{0336}", count: 60) + "go"
    public static let zeroWidth = "A\u{200B}1\u{200D}\u{FEFF}\u{2060}2\u{00AD}"
    public static let indic = "ज्ञान केंद्र படிப்பகம் জ্ঞান"
    public static let injection = "'; DROP TABLE bookings; --<script>%s%n"
    public static let blank = "   "
    /// About 10 KB of mixed scripts, emoji and escapes.
    public static let tenKB: String = {
        var s = ""
        while s.utf8.count < 10_240 { s += "ज्ञान📚\u{1B}[31mपुस्तक\u{202E}" }
        return s
    }()

    /// Every sample, with a short name for test output.
    public static let all: [(name: String, text: String)] = [
        ("clear-screen", clearScreen), ("osc52", osc52), ("huge-csi", hugeCSI), ("lone-esc", loneEscape),
        ("c1", c1), ("controls", controls), ("rtl", rightToLeft), ("bidi", bidi), ("emoji", emoji),
        ("combining", combining), ("zero-width", zeroWidth), ("indic", indic), ("injection", injection),
        ("blank", blank), ("empty", ""), ("10kb", tenKB),
    ]

    /// The i-th sample (wrapping).
    public static func sample(_ i: Int) -> String { all[((i % all.count) + all.count) % all.count].text }
}
