/// Turns cell updates into the escape sequences a VT-style terminal needs:
/// cursor moves only where the next cell is not where the cursor already is,
/// SGR only when the style changes. Used to measure bytes per frame and by
/// the headless terminal; the ncurses backend lets ncurses do this part.
public struct AnsiEncoder: Sendable {
    public var depth: ColorDepth
    public init(depth: ColorDepth) { self.depth = depth }

    /// Bytes for one frame's updates; empty for no updates.
    public func encode(_ updates: [CellUpdate]) -> [UInt8] {
        guard !updates.isEmpty else { return [] }
        var out: [UInt8] = []
        out.reserveCapacity(updates.count * 4)
        var cx = -1, cy = -1
        var current: Style? = nil
        for u in updates {
            if u.x != cx || u.y != cy {
                out.append(contentsOf: Array("\u{1B}[\(u.y + 1);\(u.x + 1)H".utf8))
            }
            let st = depth.lower(u.cell.style)
            if st != current {
                out.append(contentsOf: sgr(st))
                current = st
            }
            out.append(contentsOf: Array(String(u.cell.grapheme).utf8))
            cx = u.x + max(1, Int(u.cell.width)); cy = u.y
        }
        out.append(contentsOf: Array("\u{1B}[0m".utf8))
        return out
    }

    private func sgr(_ st: Style) -> [UInt8] {
        var codes = ["0"]
        let a = st.attributes
        if a.contains(.bold) { codes.append("1") }
        if a.contains(.dim) { codes.append("2") }
        if a.contains(.italic) { codes.append("3") }
        if a.contains(.underline) { codes.append("4") }
        if a.contains(.reverse) { codes.append("7") }
        codes += colour(st.fg, base: 30)
        codes += colour(st.bg, base: 40)
        return Array("\u{1B}[\(codes.joined(separator: ";"))m".utf8)
    }

    private func colour(_ c: Color, base: Int) -> [String] {
        switch c {
        case .default: []
        case .indexed(let i) where i < 8: [String(base + Int(i))]
        case .indexed(let i) where i < 16: [String(base + 60 + Int(i) - 8)]
        case .indexed(let i): [String(base + 8), "5", String(i)]
        case .rgb(let r, let g, let b): [String(base + 8), "2", String(r), String(g), String(b)]
        }
    }
}
