import TOMLParser

/// A problem in a theme file, with the line it is on.
public struct ThemeIssue: Error, Sendable, Hashable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var message: String
    public init(file: String, line: Int?, message: String) { self.file = file; self.line = line; self.message = message }
    public var description: String { "\(file)\(line.map { ":\($0)" } ?? ""): \(message)" }
}

/// Reads theme TOML:
///
/// ```toml
/// name = "dark"
/// [styles]
/// ok = { fg = "green", bg = "#002200", attrs = ["bold"] }
/// ```
///
/// Roles the file leaves out are taken from `base` (the built-in dark theme).
public enum ThemeLoader {
    public static func parse(_ text: String, file: String, base: Theme = .dark) throws(ThemeIssue) -> Theme {
        let doc: TOMLTable
        do { doc = try TOML.parse(text) } catch {
            throw ThemeIssue(file: file, line: error.position.line, message: error.message)
        }
        var theme = base
        for (key, node) in doc.entries {
            switch key {
            case "name":
                guard case .string(let n) = node.value, !n.isEmpty else {
                    throw ThemeIssue(file: file, line: node.position.line, message: "name must be a non-empty string")
                }
                theme.name = Sanitizer.clean(n)
            case "description":
                guard case .string = node.value else {
                    throw ThemeIssue(file: file, line: node.position.line, message: "description must be a string")
                }
            case "styles":
                guard case .table(let styles) = node.value else {
                    throw ThemeIssue(file: file, line: node.position.line, message: "styles must be a table")
                }
                for (roleName, styleNode) in styles.entries {
                    guard let role = Role(rawValue: roleName) else {
                        let known = Role.allCases.map(\.rawValue).joined(separator: ", ")
                        throw ThemeIssue(file: file, line: styleNode.position.line, message: "unknown role \"\(Sanitizer.clean(roleName))\" (known: \(known))")
                    }
                    theme.styles[role] = try style(styleNode, role: roleName, file: file)
                }
            default:
                throw ThemeIssue(file: file, line: node.position.line, message: "unknown key \"\(Sanitizer.clean(key))\" (expected name, description, [styles])")
            }
        }
        return theme
    }

    static func style(_ node: TOMLNode, role: String, file: String) throws(ThemeIssue) -> Style {
        guard case .table(let t) = node.value else {
            throw ThemeIssue(file: file, line: node.position.line, message: "\(role) must be a table like { fg = \"green\" }, found \(node.value.typeName)")
        }
        var s = Style()
        for (k, v) in t.entries {
            let line = v.position.line
            switch k {
            case "fg", "bg":
                let c: Color?
                switch v.value {
                case .string(let name): c = Color(name: name)
                case .integer(let i): c = (0...255).contains(i) ? .indexed(UInt8(i)) : nil
                default: c = nil
                }
                guard let c else {
                    throw ThemeIssue(file: file, line: line, message: "\(role).\(k): not a colour: \(describe(v.value)) (use a name like \"red\" or \"bright-blue\", 0-255, or \"#rrggbb\")")
                }
                if k == "fg" { s.fg = c } else { s.bg = c }
            case "attrs":
                guard case .array(let items) = v.value else {
                    throw ThemeIssue(file: file, line: line, message: "\(role).attrs must be an array of names")
                }
                for item in items {
                    guard case .string(let n) = item.value, let a = Attributes.named.first(where: { $0.0 == n.lowercased() })?.1 else {
                        throw ThemeIssue(file: file, line: item.position.line, message: "\(role).attrs: unknown attribute \(describe(item.value)) (bold, dim, underline, reverse, italic)")
                    }
                    s.attributes.insert(a)
                }
            default:
                throw ThemeIssue(file: file, line: line, message: "\(role): unknown key \"\(Sanitizer.clean(k))\" (fg, bg, attrs)")
            }
        }
        return s
    }

    private static func describe(_ v: TOMLValue) -> String {
        switch v {
        case .string(let s): "\"\(Sanitizer.clean(s))\""
        case .integer(let i): String(i)
        default: v.typeName
        }
    }
}
