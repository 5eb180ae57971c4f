/// A terminal colour as a theme names it; the backend lowers it to what the
/// terminal can show (see `ColorDepth`).
public enum Color: Sendable, Hashable {
    /// The terminal's own foreground or background.
    case `default`
    /// One of the 256 palette entries (0–15 are the ANSI colours).
    case indexed(UInt8)
    /// A 24-bit colour.
    case rgb(UInt8, UInt8, UInt8)

    /// ANSI names in palette order; `bright-` prefixed names are 8–15.
    public static let ansiNames = ["black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"]

    /// Parses "red", "bright-blue", "default", "0"…"255" or "#rrggbb".
    public init?(name: String) {
        let s = name.lowercased()
        if s == "default" || s == "none" { self = .default; return }
        if let i = Color.ansiNames.firstIndex(of: s) { self = .indexed(UInt8(i)); return }
        if s.hasPrefix("bright-"), let i = Color.ansiNames.firstIndex(of: String(s.dropFirst(7))) {
            self = .indexed(UInt8(i + 8)); return
        }
        if s == "gray" || s == "grey" { self = .indexed(8); return }
        if let n = Int(s), (0...255).contains(n) { self = .indexed(UInt8(n)); return }
        if s.hasPrefix("#"), s.count == 7, let v = UInt32(s.dropFirst(), radix: 16) {
            self = .rgb(UInt8(v >> 16 & 0xff), UInt8(v >> 8 & 0xff), UInt8(v & 0xff)); return
        }
        return nil
    }
}

/// Text attributes that survive every colour depth, including `NO_COLOR`.
public struct Attributes: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    public static let bold = Attributes(rawValue: 1)
    public static let dim = Attributes(rawValue: 2)
    public static let underline = Attributes(rawValue: 4)
    public static let reverse = Attributes(rawValue: 8)
    public static let italic = Attributes(rawValue: 16)

    /// Names used in theme files and style dumps.
    public static let named: [(String, Attributes)] = [
        ("bold", .bold), ("dim", .dim), ("underline", .underline), ("reverse", .reverse), ("italic", .italic),
    ]
}

/// Foreground, background and attributes of one cell.
public struct Style: Sendable, Hashable {
    public var fg: Color
    public var bg: Color
    public var attributes: Attributes

    public init(fg: Color = .default, bg: Color = .default, attributes: Attributes = []) {
        self.fg = fg; self.bg = bg; self.attributes = attributes
    }

    public static let plain = Style()

    /// This style with `other`'s non-default parts laid over it.
    public func patched(_ other: Style) -> Style {
        Style(fg: other.fg == .default ? fg : other.fg,
              bg: other.bg == .default ? bg : other.bg,
              attributes: attributes.union(other.attributes))
    }

    public func adding(_ a: Attributes) -> Style { Style(fg: fg, bg: bg, attributes: attributes.union(a)) }
}

extension Color: CustomStringConvertible {
    public var description: String {
        switch self {
        case .default: "default"
        case .indexed(let i) where i < 8: Color.ansiNames[Int(i)]
        case .indexed(let i) where i < 16: "bright-" + Color.ansiNames[Int(i) - 8]
        case .indexed(let i): String(i)
        case .rgb(let r, let g, let b):
            "#" + [r, g, b].map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
        }
    }
}

extension Style: CustomStringConvertible {
    /// A compact form for style dumps: "fg=green bg=default bold".
    public var description: String {
        var parts: [String] = []
        if fg != .default { parts.append("fg=\(fg)") }
        if bg != .default { parts.append("bg=\(bg)") }
        for (name, a) in Attributes.named where attributes.contains(a) { parts.append(name) }
        return parts.isEmpty ? "plain" : parts.joined(separator: " ")
    }
}
