/// Column widths the way terminals draw them, measured per grapheme cluster.
///
/// glibc's `wcwidth` works per code point and says 1 for emoji made wide by
/// VS16, so the width is decided here: emoji clusters (presentation emoji,
/// VS16, ZWJ sequences, flags, keycaps) are 2; everything else is the sum of
/// its scalars' widths (East Asian wide = 2, marks and format characters = 0),
/// which keeps Devanagari conjuncts as wide as terminals lay them out.
public enum DisplayWidth {
    /// Width of one grapheme cluster; never below 1 so every cluster owns a cell.
    public static func of(_ c: Character) -> Int {
        if c.asciiValue != nil { return 1 }
        let scalars = c.unicodeScalars
        guard let first = scalars.first else { return 1 }
        if scalars.count == 1 { return max(1, scalarWidth(first)) }
        if first.properties.isEmojiPresentation && first.value > 0xff { return 2 }
        if first.properties.isEmoji && scalars.contains(where: { $0.value == 0xFE0F || $0.value == 0x200D || $0.value == 0x20E3 }) {
            return 2
        }
        var w = 0
        for s in scalars { w += scalarWidth(s) }
        return max(1, w)
    }

    /// Width of a whole string, cluster by cluster (after sanitising).
    public static func of(_ s: String) -> Int {
        if Sanitizer.isPlainASCII(s) { return s.utf8.count }
        var w = 0
        if Sanitizer.isScalarSimple(s) {
            for u in s.unicodeScalars { w += max(1, scalarWidth(u)) }
            return w
        }
        for c in s { w += of(c) }
        return w
    }

    /// Width of one code point on its own: 0, 1 or 2.
    public static func scalarWidth(_ s: Unicode.Scalar) -> Int {
        let v = s.value
        if v < 0x7f { return v < 0x20 ? 0 : 1 }
        if v < 0xa0 { return 0 }
        // Common cases without a property lookup: Latin, box drawing, blocks,
        // geometric shapes (◽◾ at 25FD–25FE are emoji), control pictures.
        if v < 0x300 || (0x2500...0x25FC).contains(v) || (0x2400...0x243F).contains(v) || (0x2010...0x2027).contains(v) { return 1 }
        if v == 0x200B || (0x1160...0x11FF).contains(v) || (0xD7B0...0xD7FF).contains(v) { return 0 }
        switch s.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return 0
        default: break
        }
        if s.properties.isEmojiPresentation { return 2 }
        return isWide(v) ? 2 : 1
    }

    /// East Asian Wide and Fullwidth ranges (Unicode 15), emoji handled apart.
    private static let wideRanges: [ClosedRange<UInt32>] = [
        0x1100...0x115F, 0x2329...0x232A, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF,
        0x4E00...0x9FFF, 0xA000...0xA4CF, 0xA960...0xA97F, 0xAC00...0xD7A3, 0xF900...0xFAFF,
        0xFE10...0xFE19, 0xFE30...0xFE6F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x16FE0...0x16FE4,
        0x17000...0x18AFF, 0x1B000...0x1B2FF, 0x1F200...0x1F202, 0x1F210...0x1F23B,
        0x1F240...0x1F248, 0x1F250...0x1F251, 0x20000...0x2FFFD, 0x30000...0x3FFFD,
    ]

    private static func isWide(_ v: UInt32) -> Bool {
        if v < 0x1100 { return false }
        var lo = 0, hi = wideRanges.count - 1
        while lo <= hi {
            let mid = (lo + hi) / 2
            let r = wideRanges[mid]
            if v < r.lowerBound { hi = mid - 1 } else if v > r.upperBound { lo = mid + 1 } else { return true }
        }
        return false
    }
}
