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
        if !s.unicodeScalars.contains(where: { replacement(for: $0) != nil }) { return s }
        var out = String.UnicodeScalarView()
        for u in s.unicodeScalars {
            if let r = replacement(for: u) { out.append(contentsOf: r.unicodeScalars) } else { out.append(u) }
        }
        return String(out)
    }

    /// Decodes bytes from an untrusted source: invalid UTF-8 becomes U+FFFD, then `clean`.
    public static func decode<Bytes: Collection>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        clean(String(decoding: bytes, as: UTF8.self))
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
