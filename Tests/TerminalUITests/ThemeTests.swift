import Foundation
import Testing
@testable import TerminalUI

@Suite("Themes")
struct ThemeTests {
    static let themesDir = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../Themes").standardized.path

    @Test("Every shipped theme file parses and equals its compiled-in copy",
          arguments: ["dark", "light", "high-contrast", "16-colour"])
    func shipped(_ name: String) throws {
        let text = try String(contentsOfFile: "\(Self.themesDir)/\(name).toml", encoding: .utf8)
        let builtin = try #require(ThemeCatalog.builtinSources.first { $0.name == name })
        #expect(builtin.toml.trimmingCharacters(in: .newlines) == text.trimmingCharacters(in: .newlines))
        let t = try ThemeLoader.parse(text, file: name)
        #expect(t.name == name)
        for role in Role.allCases { #expect(t.styles[role] != nil, "\(name) lacks \(role)") }
    }

    @Test("dark.toml is the built-in fallback theme")
    func darkMatchesFallback() throws {
        let text = try String(contentsOfFile: "\(Self.themesDir)/dark.toml", encoding: .utf8)
        #expect(try ThemeLoader.parse(text, file: "dark.toml", base: Theme(name: "", styles: [:])) == Theme.dark)
    }

    @Test("The 16-colour theme uses only the 16 ANSI colours")
    func sixteen() throws {
        let t = ThemeCatalog(directories: []).load("16-colour").theme
        for s in t.styles.values {
            for c in [s.fg, s.bg] {
                if case .indexed(let i) = c { #expect(i < 16) } else { #expect(c == .default) }
            }
        }
    }

    @Test("Colours: names, bright names, indices, hex")
    func colours() {
        #expect(Color(name: "red") == .indexed(1))
        #expect(Color(name: "bright-blue") == .indexed(12))
        #expect(Color(name: "208") == .indexed(208))
        #expect(Color(name: "#ff8000") == .rgb(255, 128, 0))
        #expect(Color(name: "blurple") == nil)
        #expect(Color(name: "#12345") == nil)
        #expect(Color(name: "256") == nil)
    }

    @Test("A bad theme file is reported with its line and the default is used",
          arguments: [
            ("name = \"x\"\n[styles]\nok = { fg = \"blurple\" }\n", 3, "not a colour: \"blurple\""),
            ("name = \"x\"\n\n[styles]\nfoo = { fg = \"red\" }\n", 4, "unknown role \"foo\""),
            ("name = \"x\"\n[styles]\nok = { fg = \"red\", attrs = [\"blink\"] }\n", 3, "unknown attribute \"blink\""),
            ("name = \"x\"\n[styles]\nok = { fg = \"red\"\n", 3, "inline table"),
            ("name = \"x\"\ncolour = 1\n", 2, "unknown key \"colour\""),
          ])
    func badFile(_ c: (String, Int, String)) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("themes-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try c.0.write(to: dir.appendingPathComponent("broken.toml"), atomically: true, encoding: .utf8)
        let catalog = ThemeCatalog(directories: [dir.path])
        #expect(catalog.names.contains("broken"))
        let (theme, issue) = catalog.load("broken")
        #expect(theme == .dark)
        let msg = try #require(issue)
        #expect(msg.contains("broken.toml:\(c.1):"), "\(msg)")
        #expect(msg.contains(c.2), "\(msg)")
        #expect(msg.hasSuffix("using the default theme dark"))
    }

    @Test("Unknown theme names fall back to dark with the list of names")
    func unknown() {
        let (t, issue) = ThemeCatalog(directories: []).load("solarized")
        #expect(t == .dark)
        #expect(issue?.contains("available: dark, light, high-contrast, 16-colour") == true)
    }

    @Test("Cycling goes through every theme and wraps")
    func cycle() {
        let c = ThemeCatalog(directories: [])
        var n = "dark", seen: [String] = []
        for _ in 0..<4 { n = c.next(after: n); seen.append(n) }
        #expect(seen == ["light", "high-contrast", "16-colour", "dark"])
    }

    @Test("Colour depth: NO_COLOR, COLORTERM, terminal colours")
    func depth() {
        #expect(ColorDepth.detect(environment: ["NO_COLOR": "1", "COLORTERM": "truecolor"], terminalColors: 256) == .mono)
        #expect(ColorDepth.detect(environment: ["COLORTERM": "truecolor"], terminalColors: 256) == .trueColor)
        #expect(ColorDepth.detect(environment: ["COLORTERM": "truecolor"], terminalColors: 8) == .ansi16)
        #expect(ColorDepth.detect(environment: [:], terminalColors: 256) == .ansi256)
        #expect(ColorDepth.detect(environment: [:], terminalColors: 8) == .ansi16)
        #expect(ColorDepth.detect(environment: [:], terminalColors: 0) == .mono)
    }

    @Test("Colours fall back truecolour → 256 → 16 → mono; mono keeps attributes")
    func fallback() {
        let s = Style(fg: .rgb(0xe0, 0x6c, 0x75), bg: .rgb(0x3e, 0x44, 0x51), attributes: .bold)
        #expect(ColorDepth.trueColor.lower(s) == s)
        #expect(ColorDepth.ansi256.lower(s) == Style(fg: .indexed(168), bg: .indexed(238), attributes: .bold))
        #expect(ColorDepth.ansi16.lower(s).fg == .indexed(9))
        #expect(ColorDepth.ansi16.lower(Style(fg: .indexed(196))).fg == .indexed(9))
        #expect(ColorDepth.mono.lower(s) == Style(attributes: [.bold, .reverse]))
        #expect(ColorDepth.mono.lower(Style(fg: .indexed(1), attributes: .underline)) == Style(attributes: .underline))
    }
}
