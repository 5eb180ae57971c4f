import ArgumentParser
import Foundation
import StudySpotCommandLine
import StudySpotCore
import StudySpotSimulator

struct SeedCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "seed",
        abstract: "Load a simulated platform into the shards through COPY: small, target (the plan's 20,000 users) or 10x.")

    @OptionGroup var options: ConfigOptions

    @Option(help: "small | target | 10x | hostile (a hostile data set: replaces everything, needs --force)")
    var scale: String = "small"

    @Flag(help: "Empty the tables and seed again even when data is there.")
    var force = false

    @Option(help: "Environment variable holding the password given to owner login roles.")
    var ownerPasswordEnv = "STUDYSPOT_OWNER_PASSWORD"

    func run() throws {
        if scale == "hostile" { return try seedHostile() }
        guard let scale = SeedScale(rawValue: scale) else {
            throw ValidationError("--scale must be one of: \(SeedScale.allCases.map(\.rawValue).joined(separator: ", ")), hostile")
        }
        let config = try options.load()
        try requirePostgresCatalog(config.topology, command: "seed")
        let plan = SeedPlan(scale: scale)
        let seeder = Seeder(topology: config.topology, plan: plan,
                            ownerPassword: ProcessInfo.processInfo.environment[ownerPasswordEnv])
        let progress = SeedProgress(total: seeder.estimatedRows())
        if !force, let existing = try? seeder.alreadySeeded(), existing > 0 {
            print("already seeded (\(existing) libraries): nothing to do; --force seeds again")
            return
        }
        print("seeding \(scale.rawValue): \(plan.scale.users) users, \(plan.libraries.count) libraries, \(plan.seatCount) seats")
        fflush(nil) // the header before the progress bar on stderr
        progress.startReporting()
        let report: SeedReport
        do {
            report = try seeder.seed(force: force, progress: progress)
        } catch {
            progress.finish()
            printError("seeding failed: \(error)")
            throw ExitCode(1)
        }
        progress.finish()
        for (shard, tables) in report.rowsByShard.sorted(by: { $0.key < $1.key }) {
            let parts = tables.sorted { $0.key < $1.key }.map { "\($0.key) \(SeedProgress.grouped($0.value))" }
            print("  \(shard): \(parts.joined(separator: ", "))")
        }
        print("seeded \(SeedProgress.grouped(report.totalRows)) rows in \(String(format: "%.1f", report.seconds)) s (\(SeedProgress.grouped(Int(Double(report.totalRows) / max(report.seconds, 0.001)))) rows/s)")
    }

    /// `--scale hostile`: the hostile data set (HostileFixture) in place of everything.
    private func seedHostile() throws {
        guard force else {
            printError("seed --scale hostile empties every table and the state cache's platform keys first: add --force")
            throw ExitCode(1)
        }
        let config = try options.load()
        try requirePostgresCatalog(config.topology, command: "seed")
        try HostileFixture(topology: config.topology)
            .replaceAll(ownerPassword: ProcessInfo.processInfo.environment[ownerPasswordEnv])
        print("seeded the hostile data set; owner 1 logs in as hostile_owner (studyspot --role owner with [login] user = \"hostile_owner\")")
    }
}

/// The seeder and the simulator write the platform's side through libpq: a
/// catalog on Turso's HTTP API (no dsn) is refused by name, not reached as
/// libpq's defaults through an empty connection string.
func requirePostgresCatalog(_ topology: Topology, command: String) throws {
    guard let catalog = topology.catalogShard, catalog.overHTTP else { return }
    printError("\(command): the catalog shard \"\(catalog.name)\" is on Turso's HTTP API; \(command) writes the local stack's PostgreSQL catalog (use a config with a dsn for it)")
    throw ExitCode(1)
}
