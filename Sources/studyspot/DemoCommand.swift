import ArgumentParser
import Foundation
import StudySpotCommandLine
import StudySpotConfig
import StudySpotConsole
import StudySpotDevStack
import StudySpotSchema
import StudySpotSimulator

/// `studyspot demo`: the whole platform on loopback in one command.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Local stack, schema, seed data, a background simulation and the dashboard, in one command.")

    @Option(help: "The stack folder (default as for `studyspot stack up`).")
    var dir: String?

    @Option(help: "First port of the stack.")
    var basePort: Int?

    @Option(help: "Booking changes per second in the background simulation.")
    var rate: Double = 20

    @Option(help: "Theme name.")
    var theme: String = "dark"

    @Flag(help: "Serve the instances over HTTPS with a local CA (as `stack up --https-instances`).")
    var httpsInstances = false

    func run() throws {
        bootstrapLogging(level: "info")
        let directory = dir.map { URL(fileURLWithPath: $0) } ?? LocalStack.defaultDirectory()
        var stack = LocalStack(directory: directory,
                               basePort: basePort ?? LocalStack.recordedBasePort(in: directory) ?? LocalStack.defaultBasePort)
        stack.httpsInstances = httpsInstances
        step(1, "local stack in \(directory.path)")
        let configURL = try StackCommand.reporting("up") { try stack.up { print("  " + $0.line); fflush(nil) } }
        let config: ConsoleConfig
        do { config = try ConfigLoader.load(explicitPath: configURL.path) } catch {
            error.problems.forEach { printError($0.description) }
            throw ExitCode(2)
        }
        let ownerPassword = try stack.ownerPassword()

        step(2, "schema")
        let schema = SchemaApplier(topology: config.topology, ownerPassword: ownerPassword).applyAll()
        schema.shards.forEach { print("  " + $0.line) }
        if schema.shards.contains(where: { $0.error != nil }) { throw ExitCode(1) }

        step(3, "seed data (small, once)")
        let seeder = Seeder(topology: config.topology, plan: SeedPlan(scale: .small), ownerPassword: ownerPassword)
        if try seeder.alreadySeeded() > 0 {
            print("  already seeded")
        } else {
            let progress = SeedProgress(total: seeder.estimatedRows())
            progress.startReporting()
            let report = try seeder.seed(force: false, progress: progress)
            progress.finish()
            print("  \(SeedProgress.grouped(report.totalRows)) rows")
        }

        step(4, "simulation in the background: render-1 sleeping, render-2 flapping")
        let log = directory.appendingPathComponent("simulate.log").path
        let child = try ChildProcess.start(ChildProcess.currentExecutable, [
            "simulate", "--config", configURL.path, "--rate", String(rate),
            "--instance", "render-1=sleeping", "--instance", "render-2=flapping",
        ], logPath: log)
        print("  pid \(child.pid), log \(log)")
        print("  change an instance meanwhile: studyspot simulate set --config \(configURL.path) koyeb down")
        func stopSimulation() {
            child.stop()
            print("simulation stopped. The stack keeps running; stop it with: studyspot stack down\(dir.map { " --dir \($0)" } ?? "")")
        }

        step(5, "dashboard")
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            print("  no terminal here: not opening the dashboard (see `studyspot snapshot` for a one-shot view)")
            stopSimulation()
            return
        }
        let status = Dashboard.run(config: config, options: DashboardOptions(role: .operator, readOnly: false, themeName: theme))
        stopSimulation()
        finishProcess(status)
    }

    private func step(_ n: Int, _ text: String) {
        print("[\(n)/5] \(text)")
        fflush(nil)
    }
}
