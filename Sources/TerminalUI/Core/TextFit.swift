/// Horizontal placement of text inside a column.
public enum Alignment: Sendable, Hashable { case left, center, right }

/// Fitting sanitised text to a number of columns.
public enum TextFit {
    /// The text cut to `width` columns, ending in "…" when something was cut.
    /// A number is never cut: a word holding a digit that does not fit whole
    /// goes whole ("peak 219/min" at 12 columns is "peak …", not "peak 21…"),
    /// since a cut number is a wrong number.
    public static func truncate(_ s: String, to width: Int) -> String {
        guard width > 0 else { return "" }
        let clean = Sanitizer.clean(s)
        if DisplayWidth.of(clean) <= width { return clean }
        var out: [Character] = [], w = 0
        var rest = Substring(clean)
        while let ch = rest.first {
            let cw = DisplayWidth.of(ch)
            if w + cw > width - 1 { break }
            out.append(ch); w += cw; rest = rest.dropFirst()
        }
        // The word the cut falls in goes whole when it holds a digit; a number
        // left last goes too, since what followed it (its unit, "GB", "Dec
        // 2026") was cut: "plan 15 GB" is "plan …", never "plan 15…".
        // A word is a number when its first letter or digit is a digit
        // ("219/min", "-₹2,147.48", "3.4GB"); "S2999" and "A01" are names.
        func isNumber<C: Collection<Character>>(_ word: C) -> Bool {
            word.first { $0.isLetter || $0.isNumber }?.isNumber ?? false
        }
        let tail = rest.prefix { !$0.isWhitespace }
        func lastWordStart() -> Int { out.lastIndex(where: \.isWhitespace).map { $0 + 1 } ?? 0 }
        var removed = false
        if !tail.isEmpty, let last = out.last, !last.isWhitespace {
            let start = lastWordStart()
            if isNumber(out[start...] + tail) { out.removeSubrange(start...); removed = true }
        }
        while out.last?.isWhitespace == true { out.removeLast(); removed = true }
        let start = lastWordStart()
        if isNumber(out[start...]) { out.removeSubrange(start...); removed = true }
        // "peak …" when a number went: the gap says something stood there.
        if removed, !out.isEmpty, out.last?.isWhitespace == false, DisplayWidth.of(String(out)) + 2 <= width { out.append(" ") }
        return String(out) + "…"
    }

    /// The first of `forms` (longest first) that fits `width` columns, else
    /// the last one cut by `truncate`: a number's shorter spellings ("1,234,567",
    /// "1.23M", "1.2M") are tried before anything is cut.
    public static func firstFitting(_ forms: [String], width: Int) -> String {
        for f in forms where DisplayWidth.of(Sanitizer.clean(f)) <= width { return f }
        return truncate(forms.last ?? "", to: width)
    }

    /// The text truncated and padded to exactly `width` columns.
    public static func pad(_ s: String, to width: Int, _ alignment: Alignment = .left) -> String {
        let t = truncate(s, to: width)
        let gap = max(0, width - DisplayWidth.of(t))
        switch alignment {
        case .left: return t + String(repeating: " ", count: gap)
        case .right: return String(repeating: " ", count: gap) + t
        case .center: return String(repeating: " ", count: gap / 2) + t + String(repeating: " ", count: gap - gap / 2)
        }
    }

    /// Writes `s` into `rect`'s first row: the area is cleared with `style`,
    /// the text truncated with "…" if too long and placed by `alignment`.
    /// Same result as `put(pad(...))` without building the padded string.
    public static func place(_ s: String, in rect: Rect, _ alignment: Alignment, style: Style, into buffer: inout Buffer) {
        guard !rect.isEmpty else { return }
        let row = Rect(x: rect.x, y: rect.y, width: rect.width, height: 1)
        if Sanitizer.isPlainASCII(s) && s.utf8.count <= rect.width {
            // Most table cells: one byte, one column, nothing to clean or cut.
            let gap = rect.width - s.utf8.count
            let x = rect.x + (alignment == .left ? 0 : alignment == .right ? gap : gap / 2)
            if x > rect.x { buffer.fill(Rect(x: rect.x, y: rect.y, width: x - rect.x, height: 1), style: style) }
            let end = x + buffer.put(s, x: x, y: rect.y, style: style, clip: row)
            if end < row.right { buffer.fill(Rect(x: end, y: rect.y, width: row.right - end, height: 1), style: style) }
            return
        }
        buffer.fill(row, style: style)
        var text = Sanitizer.clean(s)
        var w = DisplayWidth.of(text)
        if w > rect.width { text = truncate(text, to: rect.width); w = DisplayWidth.of(text) }
        let gap = rect.width - w
        let x = rect.x + (alignment == .left ? 0 : alignment == .right ? gap : gap / 2)
        buffer.put(text, x: x, y: rect.y, style: style, clip: row)
    }

    /// Words wrapped to `width` columns; words longer than a line are broken.
    /// Newlines in the input start new lines.
    public static func wrap(_ s: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = []
        for para in s.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = "", lw = 0
            for word in Sanitizer.clean(String(para)).split(separator: " ", omittingEmptySubsequences: false) {
                var word = String(word)
                var ww = DisplayWidth.of(word)
                if lw > 0 && lw + 1 + ww > width {
                    lines.append(line); line = ""; lw = 0
                }
                while ww > width {
                    // Break an over-long word at the column limit.
                    var head = "", hw = 0
                    var rest = Substring(word)
                    while let ch = rest.first, hw + DisplayWidth.of(ch) <= width - lw - (lw > 0 ? 1 : 0) {
                        head.append(ch); hw += DisplayWidth.of(ch); rest = rest.dropFirst()
                    }
                    if head.isEmpty {
                        if lw > 0 { lines.append(line); line = ""; lw = 0; continue }
                        head = String(rest.first!); rest = rest.dropFirst()
                    }
                    lines.append(lw > 0 ? line + " " + head : head)
                    line = ""; lw = 0
                    word = String(rest); ww = DisplayWidth.of(word)
                }
                if lw > 0 { line += " "; lw += 1 }
                line += word; lw += ww
            }
            lines.append(line)
        }
        return lines
    }
}
