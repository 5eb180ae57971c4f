import ArgumentParser
import Foundation
import StudySpotConfig
import StudySpotConsole

/// Starts the monitors, runs the UI loop until quit, stops the monitors.
enum Dashboard {
    static func run(config: ConsoleConfig, options: DashboardOptions) throws {
        var options = options
        options.keyBindings = config.keys
        options.keyBindingLines = config.keyLines
        let runner = DashboardRunner(options: options)
        let events = runner.events
        let monitors = Monitors.start(config: config, options: options) { events.push(.data($0)) }
        runner.effectHandler = { monitors.handle($0) }
        defer { monitors.stopAll() }
        let status: Int32
        do {
            status = try runner.run()
        } catch {
            printError(error.description)
            throw ExitCode(2)
        }
        if status != 0 { throw ExitCode(status) }
    }
}
