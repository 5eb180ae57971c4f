import ArgumentParser
import Foundation
import StudySpotCommandLine
import StudySpotDevStack

struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Create or update the platform's tables on every shard.",
        subcommands: [Apply.self])

    struct Apply: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create or update the CONTRACT §3 tables, trigger and row-level security on every shard by its role; running it twice changes nothing and says so.")

        @OptionGroup var options: ConfigOptions

        @Option(help: "Environment variable holding the password given to owner login roles when they are created.")
        var ownerPasswordEnv = "STUDYSPOT_OWNER_PASSWORD"

        func run() throws {
            let config = try options.load()
            let password = ProcessInfo.processInfo.environment[ownerPasswordEnv]
            let result = SchemaApplier(topology: config.topology, ownerPassword: password).applyAll()
            for report in result.shards { print(report.line) }
            if let owners = result.owners { print(owners.line) }
            if result.shards.contains(where: { $0.error != nil }) { throw ExitCode(1) }
        }
    }
}
