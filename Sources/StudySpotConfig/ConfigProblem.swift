/// One thing wrong with a configuration file, located by file, line and key.
public struct ConfigProblem: Sendable, Hashable, CustomStringConvertible {
    /// The file as the user named it (or `built-in defaults`).
    public var file: String
    /// 1-based line, when the problem has one.
    public var line: Int?
    /// Where in the document, e.g. `shard[2].users`; empty for the whole file.
    public var keyPath: String
    /// What is wrong, never holding a secret.
    public var message: String
    /// A warning does not stop the file from loading (`ConsoleConfig.warnings`).
    public var isWarning: Bool

    public init(file: String, line: Int?, keyPath: String, message: String, isWarning: Bool = false) {
        self.file = file; self.line = line; self.keyPath = keyPath; self.message = message; self.isWarning = isWarning
    }

    /// `config.toml:14: shard[2].users: ranges overlap: …`, `config.toml: warning: no [[cache]] section: …`
    public var description: String {
        var out = file
        if let line { out += ":\(line)" }
        out += ": "
        if isWarning { out += "warning: " }
        if !keyPath.isEmpty { out += keyPath + ": " }
        return out + message
    }
}

/// Every problem found in a configuration, thrown when it cannot be loaded.
public struct ConfigErrors: Error, Sendable, CustomStringConvertible {
    public var problems: [ConfigProblem]
    public init(problems: [ConfigProblem]) { self.problems = problems }
    public var description: String { problems.map(\.description).joined(separator: "\n") }
}
