/// Keeps untrusted text from reaching the terminal as anything but text.
///
/// Control characters, escape sequences, carriage returns and bidirectional
/// overrides are replaced with visible placeholders, so an OSC title change or
/// a CSI clear in a library name shows up as `␛]0;…` instead of acting.
public enum Sanitizer {
    /// Shown for ESC, the start of every escape sequence.
    public static let escapePlaceholder: Character = "␛"
    /// Shown for C1 controls, bidi controls and undecodable bytes.
    public static let placeholder: Character = "\u{FFFD}"

    /// The text with every unsafe scalar replaced; tabs become one space.
    public static func clean(_ s: String) -> String {
        if isPlainASCII(s) { return s }
        let leadingMark = s.unicodeScalars.first.map(isLoneExtender) ?? false
        if !leadingMark && !s.unicodeScalars.contains(where: { replacement(for: $0) != nil }) { return s }
        var out = String.UnicodeScalarView()
        // A combining mark with nothing before it would join whatever the
        // terminal drew in the cell to the left: give it a dotted circle to sit on.
        if leadingMark { out.append("\u{25CC}") }
        for u in s.unicodeScalars {
            if let r = replacement(for: u) { out.append(contentsOf: r.unicodeScalars) } else { out.append(u) }
        }
        return String(out)
    }

    /// A scalar that only extends the cluster before it (combining marks,
    /// joiners, variation selectors): zero columns wide on its own.
    static func isLoneExtender(_ u: Unicode.Scalar) -> Bool {
        let v = u.value
        if v < 0x300 { return false }
        if v == 0x200C || v == 0x200D { return true }
        switch u.properties.generalCategory {
        case .nonspacingMark, .enclosingMark: return true
        default: return false
        }
    }

    /// Decodes bytes from an untrusted source: invalid UTF-8 becomes U+FFFD, then `clean`.
    public static func decode<Bytes: Collection>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        clean(String(decoding: bytes, as: UTF8.self))
    }

    /// JSON text with every scalar `clean` would replace written as a `\\uXXXX`
    /// escape: the same value to a JSON reader, inert on a terminal (JSON
    /// encoders escape C0 controls but pass DEL, C1 controls and bidi
    /// overrides through raw). Only valid where such scalars can only occur
    /// inside strings, i.e. on whole JSON documents.
    public static func escapeJSON(_ json: String) -> String {
        guard json.unicodeScalars.contains(where: { $0.value >= 0x7F && isUnsafe($0) }) else { return json }
        var out = String.UnicodeScalarView()
        for u in json.unicodeScalars {
            if u.value >= 0x7F && isUnsafe(u) {
                let hex = String(u.value, radix: 16, uppercase: false)
                out.append(contentsOf: ("\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex).unicodeScalars)
            } else {
                out.append(u)
            }
        }
        return String(out)
    }

    /// True when a scalar would be replaced.
    public static func isUnsafe(_ u: Unicode.Scalar) -> Bool { replacement(for: u) != nil }

    private static func replacement(for u: Unicode.Scalar) -> String? {
        let v = u.value
        switch v {
        case 0x09: return " "
        case 0x1B: return String(escapePlaceholder)
        case 0x00..<0x20: return String(Unicode.Scalar(0x2400 + v)!) // ␀…␟, ␍ for CR, ␊ for LF
        case 0x7F: return "␡"
        case 0x80..<0xA0: return String(placeholder)
        case 0x202A...0x202E, 0x2066...0x2069: return String(placeholder)
        // Bidi marks and invisible format characters: zero columns wide and
        // their own cluster, so a terminal would shift the rest of the line
        // left; they also hide in names ("A1" vs "A\u{200B}1").
        case 0x061C, 0x180E, 0x200B, 0x200E, 0x200F, 0x2028, 0x2029, 0x2060...0x2064, 0x206A...0x206F, 0xFEFF, 0xFFF9...0xFFFB:
            return String(placeholder)
        default: return nil
        }
    }

    /// True when every code point is its own grapheme cluster for sure:
    /// no marks, joiners, variation selectors, Hangul jamo or regional
    /// indicators. Such text is laid out one code point per cell without
    /// running grapheme breaking (box drawing, blocks, CJK, Latin, symbols).
    public static func isScalarSimple(_ s: String) -> Bool {
        for u in s.unicodeScalars {
            let v = u.value
            switch v {
            case 0x20..<0x7F, 0xA0..<0x300, 0x2010..<0x2028, 0x2030..<0x2060, 0x2070..<0x20D0, 0x2100..<0x2C00,
                 0x3000..<0x302A, 0x3041..<0x3099, 0x30A0..<0x3100, 0x4E00..<0xA000, 0xFF01..<0xFF9E, 0xFFFD:
                continue
            default:
                return false
            }
        }
        return true
    }

    /// True when every byte is printable ASCII (the fast path everywhere).
    @inlinable
    public static func isPlainASCII(_ s: String) -> Bool {
        for b in s.utf8 where b < 0x20 || b >= 0x7F { return false }
        return true
    }
}
