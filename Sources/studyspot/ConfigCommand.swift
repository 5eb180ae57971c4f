import ArgumentParser
import Foundation
import StudySpotConfig

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
            let topology = loaded.topology
            print("ok: \(source.displayName) (\(topology.shards.count) shards, \(topology.caches.count) caches, "
                  + "\(topology.instances.count) instances, \(loaded.quotas.count) quota entries)")
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the effective configuration (defaults and file merged), secrets masked.")

        @Option(name: .long, help: "The config file to read.")
        var config: String?

        func run() throws {
            let (_, loaded) = try ConfigCommand.loadOrList(config)
            print(ConfigWriter.renderEffective(loaded), terminator: "")
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
