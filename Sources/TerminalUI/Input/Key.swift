/// A key press with its modifiers, named the way the config file names it:
/// "j", "Down", "C-c", "F5", "S-Tab", "M-x", "PgUp", "Enter", "Esc", "Space".
public struct Key: Sendable, Hashable, CustomStringConvertible {
    public enum Code: Sendable, Hashable {
        case char(Character)
        case up, down, left, right, pageUp, pageDown, home, end, insert, delete
        case backspace, enter, tab, escape
        case function(Int)
    }

    public var code: Code
    public var ctrl: Bool
    public var alt: Bool
    public var shift: Bool

    public init(_ code: Code, ctrl: Bool = false, alt: Bool = false, shift: Bool = false) {
        self.code = code; self.ctrl = ctrl; self.alt = alt; self.shift = shift
    }

    public static func char(_ c: Character) -> Key { Key(.char(c)) }
    public static func ctrl(_ c: Character) -> Key { Key(.char(c), ctrl: true) }
    public static func alt(_ c: Character) -> Key { Key(.char(c), alt: true) }

    static let names: [(String, Code)] = [
        ("Up", .up), ("Down", .down), ("Left", .left), ("Right", .right),
        ("PgUp", .pageUp), ("PgDn", .pageDown), ("Home", .home), ("End", .end),
        ("Insert", .insert), ("Delete", .delete), ("Backspace", .backspace),
        ("Enter", .enter), ("Tab", .tab), ("Esc", .escape), ("Space", .char(" ")),
    ]
    static let aliases: [String: Code] = [
        "pageup": .pageUp, "pagedown": .pageDown, "del": .delete, "bs": .backspace,
        "return": .enter, "escape": .escape, "ins": .insert,
    ]

    /// Parses a key name; nil when it names no key.
    public init?(name: String) {
        var rest = Substring(name)
        var ctrl = false, alt = false, shift = false
        while rest.count > 2, rest.dropFirst().first == "-" {
            switch rest.first! {
            case "C", "c": ctrl = true
            case "M", "m", "A", "a": alt = true
            case "S", "s": shift = true
            default: return nil
            }
            rest = rest.dropFirst(2)
        }
        let base = String(rest)
        let code: Code
        if base.count == 1 {
            let c = base.first!
            guard !c.unicodeScalars.contains(where: { Sanitizer.isUnsafe($0) }) else { return nil }
            code = .char(ctrl ? Character(c.lowercased()) : c)
        } else if let named = Key.names.first(where: { $0.0.lowercased() == base.lowercased() }) {
            code = named.1
        } else if let a = Key.aliases[base.lowercased()] {
            code = a
        } else if base.first == "F" || base.first == "f", let n = Int(base.dropFirst()), (1...24).contains(n) {
            code = .function(n)
        } else {
            return nil
        }
        self.init(code, ctrl: ctrl, alt: alt, shift: shift)
    }

    /// The canonical name, parseable by `init(name:)`.
    public var description: String {
        var p = ""
        if ctrl { p += "C-" }
        if alt { p += "M-" }
        if shift { p += "S-" }
        switch code {
        case .char(" "): return p + "Space"
        case .char(let c): return p + String(c)
        case .function(let n): return p + "F\(n)"
        default: return p + (Key.names.first { $0.1 == code }?.0 ?? "?")
        }
    }
}
