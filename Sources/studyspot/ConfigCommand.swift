import ArgumentParser
import Foundation
import StudySpotCollectors
import StudySpotCommandLine
import StudySpotConfig
import StudySpotWire

/// `studyspot config check | show`. Reads the configuration; never writes it.
struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Validate or show the configuration.",
        subcommands: [Check.self, Show.self],
        defaultSubcommand: Check.self
    )

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Validate a config file: every problem with its file, line and key.",
            discussion: """
            Looks up the file as the console does: --config PATH, $STUDYSPOT_CONFIG, \
            $XDG_CONFIG_HOME/studyspot/config.toml (~/.config/studyspot/config.toml), \
            else the built-in defaults. Exit status 1 when there is a problem.
            """)

        @Option(name: .long, help: "The config file to check.")
        var config: String?

        func run() throws {
            let (source, loaded) = try ConfigCommand.loadOrList(config)
            // libpq's own parser on every DSN: what it refuses, a connection would.
            let dsnProblems = ConfigCommand.dsnProblems(loaded) + ConfigCommand.collectorProblems(loaded)
            for problem in dsnProblems + loaded.warnings { print(problem.description) }
            guard dsnProblems.isEmpty else { throw ExitCode(1) }
            let topology = loaded.topology
            let warned = loaded.warnings.isEmpty ? "" : ", \(loaded.warnings.count) warning\(loaded.warnings.count == 1 ? "" : "s")"
            print("ok: \(source.displayName) (\(topology.shards.count) shards, \(topology.caches.count) caches, "
                  + "\(topology.instances.count) instances, \(loaded.quotas.count) quota entries, "
                  + "\(loaded.collectors.count) collector\(loaded.collectors.count == 1 ? "" : "s")\(warned))")
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the effective configuration (defaults and file merged), secrets masked.")

        @Option(name: .long, help: "The config file to read.")
        var config: String?

        func run() throws {
            let (_, loaded) = try ConfigCommand.loadOrList(config)
            for warning in loaded.warnings { printError(warning.description) }
            print(ConfigWriter.renderEffective(loaded), terminator: "")
        }
    }

    /// Each shard DSN libpq cannot parse, at its file and line, secrets masked.
    static func dsnProblems(_ config: ConsoleConfig) -> [ConfigProblem] {
        config.topology.shards.enumerated().compactMap { index, shard in
            guard case .failure(let error) = PGConnInfo.check(shard.dsn) else { return nil }
            let line = config.dsnLines[shard.name]
            return ConfigProblem(file: line == nil ? ConfigDefaults.fileName : config.source.displayName, line: line,
                                 keyPath: "shard[\(index)].dsn", message: error.message)
        }
    }

    /// Each `[[collector]]` that could not poll: no collector for its
    /// provider, or an identifier its provider needs missing.
    static func collectorProblems(_ config: ConsoleConfig) -> [ConfigProblem] {
        config.collectors.enumerated().compactMap { index, collector in
            guard let why = CollectorRegistry.problem(for: collector) else { return nil }
            return ConfigProblem(file: config.source.displayName, line: config.collectorLines.indices.contains(index) ? config.collectorLines[index] : nil,
                                 keyPath: "collector[\(index)]", message: why)
        }
    }

    /// Finds and checks the configuration as the console would, or prints
    /// every problem and exits 1.
    static func loadOrList(_ path: String?) throws -> (ConfigSource, ConsoleConfig) {
        let environment = ProcessInfo.processInfo.environment
        let source = ConfigLoader.locate(explicitPath: path, environment: environment)
        let (loaded, problems) = ConfigLoader.checkSource(source, environment: environment)
        guard let loaded, problems.isEmpty else {
            for problem in problems { print(problem.description) }
            throw ExitCode(1)
        }
        return (source, loaded)
    }
}
