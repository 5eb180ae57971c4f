import Foundation

/// The themes on offer: the built-in ones plus `*.toml` files in the theme
/// directories (a file overrides the built-in theme of the same name).
public struct ThemeCatalog: Sendable {
    /// Names in cycling order.
    public private(set) var names: [String]
    private var sources: [String: (file: String, text: String)]

    /// Directories searched for `NAME.toml`, first match wins:
    /// `$STUDYSPOT_THEMES`, `$XDG_CONFIG_HOME/studyspot/themes` (or
    /// `~/.config/studyspot/themes`), then `Themes` next to the binary and in
    /// the working directory.
    public static func defaultDirectories(environment: [String: String] = ProcessInfo.processInfo.environment) -> [String] {
        var dirs: [String] = []
        if let d = environment["STUDYSPOT_THEMES"], !d.isEmpty { dirs.append(d) }
        if let x = environment["XDG_CONFIG_HOME"], !x.isEmpty { dirs.append(x + "/studyspot/themes") }
        else if let h = environment["HOME"], !h.isEmpty { dirs.append(h + "/.config/studyspot/themes") }
        let exe = URL(fileURLWithPath: CommandLine.arguments.first ?? ".").deletingLastPathComponent().path
        dirs.append(exe + "/../share/studyspot/themes")
        dirs.append(FileManager.default.currentDirectoryPath + "/Themes")
        return dirs
    }

    public init(directories: [String] = ThemeCatalog.defaultDirectories()) {
        names = ThemeCatalog.builtinSources.map(\.name)
        sources = [:]
        for (n, t) in ThemeCatalog.builtinSources { sources[n] = ("built-in theme \(n)", t) }
        var found: [String: (String, String)] = [:]
        for dir in directories.reversed() {
            guard let files = try? FileManager.default.contentsOfDirectory(atPath: dir) else { continue }
            for f in files where f.hasSuffix(".toml") {
                let path = dir + "/" + f
                if let text = try? String(contentsOfFile: path, encoding: .utf8) {
                    found[String(f.dropLast(5))] = (path, text)
                }
            }
        }
        for n in found.keys.sorted() {
            if sources[n] == nil || !ThemeCatalog.builtinSources.contains(where: { $0.name == n && $0.toml.trimmingCharacters(in: .whitespacesAndNewlines) == found[n]!.1.trimmingCharacters(in: .whitespacesAndNewlines) }) {
                sources[n] = found[n]!
            }
            if !names.contains(n) { names.append(n) }
        }
    }

    /// The theme called `name`, or the built-in dark theme plus the reason
    /// (unknown name, or the file's error with its line).
    public func load(_ name: String) -> (theme: Theme, issue: String?) {
        guard let src = sources[name] else {
            return (.dark, "unknown theme \"\(Sanitizer.clean(name))\" (available: \(names.joined(separator: ", "))); using dark")
        }
        do {
            var t = try ThemeLoader.parse(src.text, file: src.file)
            t.name = name
            return (t, nil)
        } catch {
            return (.dark, "\(error); using the default theme dark")
        }
    }

    /// The name after `name` in cycling order.
    public func next(after name: String) -> String {
        guard let i = names.firstIndex(of: name) else { return names.first ?? "dark" }
        return names[(i + 1) % names.count]
    }
}
