/// Turns cell updates into the escape sequences a VT-style terminal needs:
/// cursor moves only where the next cell is not where the cursor already is,
/// SGR only when the style changes. Used to measure bytes per frame and by
/// the headless terminal; the ncurses backend lets ncurses do this part.
/// Bytes are appended directly (no strings per cell): the headless terminal
/// runs this for every frame of the latency benchmark.
public struct AnsiEncoder: Sendable {
    public var depth: ColorDepth
    public init(depth: ColorDepth) { self.depth = depth }

    /// Bytes for one frame's updates; empty for no updates. `clusters` is
    /// the table of the frame the updates came from.
    public func encode(_ updates: [CellUpdate], clusters: ClusterTable) -> [UInt8] {
        guard !updates.isEmpty else { return [] }
        var out: [UInt8] = []
        out.reserveCapacity(updates.count * 4)
        var cx = -1, cy = -1
        var current: Style? = nil
        for u in updates {
            if u.x != cx || u.y != cy {
                out.append(0x1B); out.append(0x5B)
                AnsiEncoder.decimal(u.y + 1, &out); out.append(0x3B)
                AnsiEncoder.decimal(u.x + 1, &out); out.append(0x48)
            }
            let st = depth.lower(u.cell.style)
            if st != current {
                sgr(st, &out)
                current = st
            }
            let code = u.cell.code
            if code < 0x80 {
                out.append(UInt8(code))
            } else if code < 0x110000, let scalar = Unicode.Scalar(code) {
                out.append(contentsOf: UTF8.encode(scalar)!)
            } else {
                out.append(contentsOf: String(u.cell.grapheme(in: clusters)).utf8)
            }
            cx = u.x + max(1, Int(u.cell.width)); cy = u.y
        }
        out.append(contentsOf: [0x1B, 0x5B, 0x30, 0x6D])
        return out
    }

    private func sgr(_ st: Style, _ out: inout [UInt8]) {
        out.append(0x1B); out.append(0x5B); out.append(0x30)
        let a = st.attributes
        if a.contains(.bold) { out.append(0x3B); out.append(0x31) }
        if a.contains(.dim) { out.append(0x3B); out.append(0x32) }
        if a.contains(.italic) { out.append(0x3B); out.append(0x33) }
        if a.contains(.underline) { out.append(0x3B); out.append(0x34) }
        if a.contains(.reverse) { out.append(0x3B); out.append(0x37) }
        colour(st.fg, base: 30, &out)
        colour(st.bg, base: 40, &out)
        out.append(0x6D)
    }

    private func colour(_ c: Color, base: Int, _ out: inout [UInt8]) {
        func code(_ n: Int) { out.append(0x3B); AnsiEncoder.decimal(n, &out) }
        switch c {
        case .default: break
        case .indexed(let i) where i < 8: code(base + Int(i))
        case .indexed(let i) where i < 16: code(base + 60 + Int(i) - 8)
        case .indexed(let i): code(base + 8); code(5); code(Int(i))
        case .rgb(let r, let g, let b): code(base + 8); code(2); code(Int(r)); code(Int(g)); code(Int(b))
        }
    }

    private static func decimal(_ n: Int, _ out: inout [UInt8]) {
        if n < 0 { out.append(0x2D); decimal(-n, &out); return }
        if n >= 10 { decimal(n / 10, &out) }
        out.append(0x30 + UInt8(n % 10))
    }
}
