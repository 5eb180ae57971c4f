import ArgumentParser
import Foundation
import StudySpotCommandLine
import StudySpotConfig
import StudySpotConsole
import StudySpotCore

/// Starts the monitors, runs the UI loop until quit, stops the monitors.
enum Dashboard {
    /// Returns the exit status; the caller ends the process with `finishProcess`.
    static func run(config: ConsoleConfig, options: DashboardOptions) -> Int32 {
        MallocTuning.forLongRun()
        if let note = DisplayZone.current.note { commandLog("studyspot.dashboard")(false, note) }
        var options = options
        options.keyBindings = config.keys
        options.keyBindingLines = config.keyLines
        options.notify = config.notify
        options.clockSeconds = config.console.clockSeconds
        let runner = DashboardRunner(options: options)
        let monitors = Monitors.start(config: config, options: options, post: runner.post)
        runner.effectHandler = { monitors.handle($0) }
        defer { monitors.stopAll() }
        do {
            return try runner.run()
        } catch {
            printError(error.description)
            return 2
        }
    }
}
