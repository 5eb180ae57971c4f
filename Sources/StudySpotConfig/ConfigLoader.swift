import Foundation
import StudySpotCore
import TOMLParser

/// Finds, reads and validates the configuration (CONTRACT §2). Never writes
/// the user's file.
public enum ConfigLoader {
    /// The file the console would read, in the documented order: `--config PATH`,
    /// `$STUDYSPOT_CONFIG`, `$XDG_CONFIG_HOME/studyspot/config.toml`
    /// (`~/.config/studyspot/config.toml`), else the built-in defaults.
    /// The first two are returned even if missing (loading then says so);
    /// the user config only when it exists.
    public static func locate(explicitPath: String?, environment: [String: String],
                              fileExists: (String) -> Bool = { FileManager.default.fileExists(atPath: $0) }) -> ConfigSource {
        if let explicitPath, !explicitPath.isEmpty {
            return ConfigSource(origin: .commandLine, path: explicitPath)
        }
        if let path = environment["STUDYSPOT_CONFIG"], !path.isEmpty {
            return ConfigSource(origin: .environment, path: path)
        }
        if let path = userConfigPath(environment: environment), fileExists(path) {
            return ConfigSource(origin: .userConfig, path: path)
        }
        return .builtIn
    }

    /// `$XDG_CONFIG_HOME/studyspot/config.toml`, or under `$HOME/.config`
    /// (a relative `XDG_CONFIG_HOME` is ignored, as the XDG spec says).
    public static func userConfigPath(environment: [String: String]) -> String? {
        if let xdg = environment["XDG_CONFIG_HOME"], xdg.hasPrefix("/") {
            return xdg + "/studyspot/config.toml"
        }
        if let home = environment["HOME"], !home.isEmpty {
            return home + "/.config/studyspot/config.toml"
        }
        return nil
    }

    /// Locates and loads the configuration, or throws every problem found.
    public static func load(explicitPath: String? = nil,
                            environment: [String: String] = ProcessInfo.processInfo.environment) throws(ConfigErrors) -> ConsoleConfig {
        let source = locate(explicitPath: explicitPath, environment: environment)
        return try load(source: source, environment: environment)
    }

    public static func load(source: ConfigSource, environment: [String: String]) throws(ConfigErrors) -> ConsoleConfig {
        let (config, problems) = checkSource(source, environment: environment)
        guard let config, problems.isEmpty else { throw ConfigErrors(problems: problems) }
        return config
    }

    /// Reads and validates a source, including the file's permissions.
    /// Returns the configuration only when there is no problem.
    public static func checkSource(_ source: ConfigSource, environment: [String: String]) -> (config: ConsoleConfig?, problems: [ConfigProblem]) {
        guard let path = source.path else {
            return (ConfigDefaults.config, ConfigDefaults.problems)
        }
        let text: String
        do {
            text = try readText(path: path)
        } catch {
            return (nil, [error])
        }
        var (config, problems) = evaluate(text: text, file: path, environment: environment, source: source, wholeFile: true)
        if let problem = checkPermissions(path: path, text: text) {
            problems.append(problem)
            config = nil
        }
        return (config, problems)
    }

    /// Every problem in `text` (pure: no file system; `file` names it in messages).
    public static func check(text: String, file: String, environment: [String: String]) -> [ConfigProblem] {
        evaluate(text: text, file: file, environment: environment,
                 source: ConfigSource(origin: .commandLine, path: file)).problems
    }

    /// Parses and validates `text` laid over the shipped defaults.
    public static func parse(text: String, file: String, environment: [String: String]) -> Result<ConsoleConfig, ConfigErrors> {
        let (config, problems) = evaluate(text: text, file: file, environment: environment,
                                          source: ConfigSource(origin: .commandLine, path: file))
        if let config, problems.isEmpty { return .success(config) }
        return .failure(ConfigErrors(problems: problems))
    }

    /// `wholeFile`: `text` is a configuration file the console was pointed at
    /// (not an overlay under test), so it must describe a deployment (`coverage`).
    static func evaluate(text: String, file: String, environment: [String: String],
                         source: ConfigSource, base: ConsoleConfig? = nil,
                         wholeFile: Bool = false) -> (config: ConsoleConfig?, problems: [ConfigProblem]) {
        let root: TOMLTable
        do {
            root = try TOML.parse(text)
        } catch {
            return (nil, [syntaxProblem(error, text: text, file: file)])
        }
        let (coverageErrors, warnings) = wholeFile ? coverage(root, file: file) : ([], [])
        // An empty file has nothing more to check.
        if root.entries.isEmpty, !coverageErrors.isEmpty { return (nil, coverageErrors) }
        var decoder = ConfigDecoder(file: file, environment: environment)
        let decoded = decoder.decode(root)
        decoder.crossCheck(decoded)
        let base = base ?? ConfigDefaults.config
        let quotas = decoder.applyQuotas(decoded.quotas, to: base.quotas, complete: false)
        decoder.checkCollectors(decoded.collectors, quotas: quotas)
        decoder.checkTargetAccounts(decoded, quotas: quotas)
        let config = ConsoleConfig(
            topology: Topology(shards: decoded.shards?.map(\.value) ?? base.topology.shards,
                               caches: decoded.caches?.map(\.value) ?? base.topology.caches,
                               instances: decoded.instances?.map(\.value) ?? base.topology.instances),
            login: decoded.login ?? base.login,
            quotas: quotas,
            console: ConsoleSettings(refreshSeconds: decoded.refreshSeconds ?? base.console.refreshSeconds,
                                     theme: decoded.theme ?? base.console.theme,
                                     budgetPercent: decoded.budgetPercent ?? base.console.budgetPercent,
                                     logLevel: decoded.logLevel ?? base.console.logLevel,
                                     clockSeconds: decoded.clockSeconds ?? base.console.clockSeconds),
            keys: base.keys.merging(decoded.keys) { _, new in new },
            keyLines: decoded.keyLines,
            source: source)
        var withWarnings = config
        withWarnings.warnings = warnings
        withWarnings.notify = decoded.notify ?? base.notify
        withWarnings.feed = decoded.feed ?? base.feed
        for shard in decoded.shards ?? [] { withWarnings.dsnLines[shard.value.name] = shard.line("dsn") }
        withWarnings.collectors = decoded.collectors.map(\.value)
        withWarnings.collectorLines = decoded.collectors.map(\.line)
        let problems = coverageErrors + sortedByLine(decoder.problems)
        return (problems.isEmpty ? withWarnings : nil, problems)
    }

    /// The sections that say where a deployment is: without them the console
    /// would watch the built-in defaults, the local stack's ports on 127.0.0.1.
    static let deploymentSections = [("shard", "shards"), ("cache", "caches"), ("instance", "instances")]

    /// Whether a configuration file describes a deployment. An empty file
    /// (nothing but blanks and comments) and a file with none of `[[shard]]`,
    /// `[[cache]]`, `[[instance]]` are errors: either would silently mean the
    /// defaults, which on a shared machine can be another team's local stack.
    /// A file with some of them warns for each one missing, whose defaults
    /// then apply (a file cut short after its shards, say). A file cut inside
    /// a table or a string is a TOML error, and one cut inside an element
    /// misses that element's required keys, before this runs.
    static func coverage(_ root: TOMLTable, file: String) -> (errors: [ConfigProblem], warnings: [ConfigProblem]) {
        let fix = "describe the deployment with [[shard]], [[cache]] and [[instance]] sections "
            + "(`studyspot config show` prints the defaults in full to start from), "
            + "or give no config file to use the built-in defaults on purpose"
        if root.entries.isEmpty {
            return ([ConfigProblem(file: file, line: nil, keyPath: "",
                                   message: "the file is empty; it would mean the built-in defaults (the local stack's ports on 127.0.0.1), "
                                       + "which on a shared machine may be someone else's stack: " + fix)], [])
        }
        let missing = deploymentSections.filter { root[$0.0] == nil }
        if missing.count == deploymentSections.count {
            let present = root.entries.map { entry -> String in
                if case .array = entry.node.value { return "[[\(entry.key)]]" }
                if case .table = entry.node.value { return "[\(entry.key)]" }
                return entry.key
            }.joined(separator: ", ")
            return ([ConfigProblem(file: file, line: nil, keyPath: "",
                                   message: "describes no deployment: it has \(present) but no [[shard]], [[cache]] or [[instance]] section, "
                                       + "so the console would watch the built-in defaults (the local stack's ports on 127.0.0.1): " + fix)], [])
        }
        let defaults = ConfigDefaults.config.topology
        let warnings = missing.map { section, plural -> ConfigProblem in
            let names: [String]
            switch section {
            case "shard": names = defaults.shards.map(\.name)
            case "cache": names = defaults.caches.map(\.name)
            default: names = defaults.instances.map(\.name)
            }
            return ConfigProblem(file: file, line: nil, keyPath: "",
                                 message: "no [[\(section)]] section: the built-in \(plural) are used (\(names.joined(separator: ", ")) "
                                     + "on the local stack's ports on 127.0.0.1); add the section if the file was cut short "
                                     + "or the deployment has its own \(plural)",
                                 isWarning: true)
        }
        return ([], warnings)
    }

    static func sortedByLine(_ problems: [ConfigProblem]) -> [ConfigProblem] {
        problems.enumerated()
            .sorted { ($0.element.line ?? Int.max, $0.offset) < ($1.element.line ?? Int.max, $1.offset) }
            .map(\.element)
    }

    // MARK: Files

    private static func readText(path: String) throws(ConfigProblem) -> String {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw ConfigProblem(file: path, line: nil, keyPath: "", message: "file not found")
        }
        guard !isDirectory.boolValue else {
            throw ConfigProblem(file: path, line: nil, keyPath: "", message: "is a directory, not a file")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigProblem(file: path, line: nil, keyPath: "", message: "cannot be read (permission denied?)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ConfigProblem(file: path, line: nil, keyPath: "", message: "is not valid UTF-8")
        }
        return text
    }

    // MARK: Syntax errors

    /// A TOML error as a problem, with anything on the offending line that may
    /// be a secret (an unquoted password echoed as "invalid value") masked.
    static func syntaxProblem(_ error: TOMLParseError, text: String, file: String) -> ConfigProblem {
        var message = error.message
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        if error.position.line >= 1, error.position.line <= lines.count {
            let line = lines[error.position.line - 1]
            let lowered = line.lowercased()
            if ["password", "dsn", "url", "://", "secret", "token"].contains(where: { lowered.contains($0) }) {
                let valuePart = line.split(separator: "=", maxSplits: 1).dropFirst().first ?? line[...]
                let tokens = valuePart.split(whereSeparator: { " \t\"'".contains($0) }).map(String.init)
                message = SecretMasking.redacting(SecretMasking.masked(message), secrets: tokens)
            }
        }
        return ConfigProblem(file: file, line: error.position.line, keyPath: "",
                             message: "TOML syntax error at column \(error.position.column): \(message)")
    }
}

extension ConfigProblem: Error {}
