/// How many colours the terminal can show; styles are lowered to fit.
public enum ColorDepth: Int, Sendable, Comparable, CaseIterable, CustomStringConvertible {
    /// Attributes only (`NO_COLOR`, or a terminal without colour).
    case mono = 0
    case ansi16 = 16
    case ansi256 = 256
    case trueColor = 16_777_216

    public static func < (a: ColorDepth, b: ColorDepth) -> Bool { a.rawValue < b.rawValue }

    public var description: String {
        switch self {
        case .mono: "mono"
        case .ansi16: "16"
        case .ansi256: "256"
        case .trueColor: "truecolor"
        }
    }

    /// Picks the depth from the environment and the colours the terminal
    /// reports (`tput colors` / ncurses `COLORS`): `NO_COLOR` wins, then
    /// `COLORTERM=truecolor|24bit` (when the terminal has at least 256), then
    /// the colour count.
    public static func detect(environment: [String: String], terminalColors: Int) -> ColorDepth {
        if let nc = environment["NO_COLOR"], !nc.isEmpty { return .mono }
        let ct = environment["COLORTERM"]?.lowercased() ?? ""
        if (ct == "truecolor" || ct == "24bit") && terminalColors >= 256 { return .trueColor }
        if terminalColors >= 16_777_216 { return .trueColor }
        if terminalColors >= 256 { return .ansi256 }
        if terminalColors >= 8 { return .ansi16 }
        return .mono
    }

    /// The style as this depth can show it. Without colour, a style that
    /// relied on its background (selection, seat blocks) is shown reversed.
    public func lower(_ s: Style) -> Style {
        switch self {
        case .trueColor: return s
        case .mono:
            var a = s.attributes
            if s.bg != .default { a.insert(.reverse) }
            return Style(fg: .default, bg: .default, attributes: a)
        case .ansi256, .ansi16:
            return Style(fg: lower(s.fg), bg: lower(s.bg), attributes: s.attributes)
        }
    }

    /// The colour as this depth can show it.
    public func lower(_ c: Color) -> Color {
        switch (self, c) {
        case (.mono, _): return .default
        case (_, .default): return c
        case (.trueColor, _): return c
        case (.ansi256, .indexed): return c
        case (.ansi256, .rgb(let r, let g, let b)): return .indexed(Palette.nearest256(r, g, b))
        case (.ansi16, .indexed(let i)) where i < 16: return c
        case (.ansi16, .indexed(let i)):
            let (r, g, b) = Palette.rgb(of: i)
            return .indexed(Palette.nearest16(r, g, b))
        case (.ansi16, .rgb(let r, let g, let b)): return .indexed(Palette.nearest16(r, g, b))
        default: return c
        }
    }
}

/// The xterm palette, for lowering colours.
enum Palette {
    static let ansi: [(UInt8, UInt8, UInt8)] = [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
        (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255),
    ]
    static let cube: [Int] = [0, 95, 135, 175, 215, 255]

    static func rgb(of i: UInt8) -> (UInt8, UInt8, UInt8) {
        if i < 16 { return ansi[Int(i)] }
        if i >= 232 { let v = UInt8(8 + 10 * (Int(i) - 232)); return (v, v, v) }
        let n = Int(i) - 16
        return (UInt8(cube[n / 36]), UInt8(cube[n / 6 % 6]), UInt8(cube[n % 6]))
    }

    static func nearest256(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> UInt8 {
        func idx(_ v: UInt8) -> Int { v < 48 ? 0 : v < 115 ? 1 : (Int(v) - 35) / 40 }
        let ci = 16 + 36 * idx(r) + 6 * idx(g) + idx(b)
        let avg = (Int(r) + Int(g) + Int(b)) / 3
        let gi = avg > 238 ? 23 : max(0, (avg - 3) / 10)
        let grey = 232 + gi
        return dist(rgb(of: UInt8(ci)), (r, g, b)) <= dist(rgb(of: UInt8(grey)), (r, g, b)) ? UInt8(ci) : UInt8(grey)
    }

    /// The ANSI colour with the same hue family. Plain nearest-distance
    /// turns muted reds grey, which would hide a critical state, so colours
    /// with any chroma keep their hue and only greys map to the grey ramp.
    static func nearest16(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> UInt8 {
        let mx = Int(max(r, g, b)), mn = Int(min(r, g, b)), chroma = mx - mn
        if chroma < 40 { return mx < 64 ? 0 : mx < 160 ? 8 : mx < 224 ? 7 : 15 }
        let half = mn + chroma / 2
        let idx = (Int(r) > half ? 1 : 0) | (Int(g) > half ? 2 : 0) | (Int(b) > half ? 4 : 0)
        return UInt8(idx + (mx > 200 ? 8 : 0))
    }

    static func dist(_ a: (UInt8, UInt8, UInt8), _ b: (UInt8, UInt8, UInt8)) -> Int {
        let dr = Int(a.0) - Int(b.0), dg = Int(a.1) - Int(b.1), db = Int(a.2) - Int(b.2)
        return 2 * dr * dr + 4 * dg * dg + 3 * db * db
    }
}
