import ArgumentParser
import Foundation
import StudySpotCommandLine
import StudySpotSchema

struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Create or update the platform's tables on every shard.",
        subcommands: [Apply.self])

    struct Apply: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create what each shard lacks of the CONTRACT §3 tables, trigger and row-level security, adopting tables the platform already has; running it twice changes nothing and says so.",
            discussion: "One transaction per shard: an existing table that lacks a column the console needs is named, and then nothing on that shard changes. Nothing is ever dropped or rewritten.")

        @OptionGroup var options: ConfigOptions

        @Option(help: "Environment variable holding the password given to owner login roles when they are created.")
        var ownerPasswordEnv = "STUDYSPOT_OWNER_PASSWORD"

        @Flag(help: "Print the SQL each shard would run, and change nothing.")
        var dryRun = false

        func run() throws {
            let config = try options.load()
            let password = ProcessInfo.processInfo.environment[ownerPasswordEnv]
            let result = SchemaApplier(topology: config.topology, ownerPassword: password).applyAll(dryRun: dryRun)
            for report in result.shards {
                print(report.line)
                if dryRun && report.missingColumns.isEmpty && report.error == nil && !report.statements.isEmpty {
                    print("-- \(report.shard)")
                    for statement in report.statements { print(statement) }
                }
            }
            if dryRun { print("dry run: nothing was changed; owner roles are synced by a real run") }
            if let owners = result.owners { print(owners.line) }
            if result.shards.contains(where: { $0.error != nil || !$0.missingColumns.isEmpty }) { throw ExitCode(1) }
        }
    }
}
