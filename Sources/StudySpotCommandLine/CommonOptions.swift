import ArgumentParser
import Foundation
import Logging
import StudySpotConfig
import StudySpotMonitors

/// Options every command that reads the configuration shares (`studyspot`'s
/// and `studyspot-bench`'s).
public struct ConfigOptions: ParsableArguments {
    @Option(name: .long, help: "Configuration file (else $STUDYSPOT_CONFIG, then $XDG_CONFIG_HOME/studyspot/config.toml, then the built-in local-stack defaults).")
    public var config: String?

    @Option(name: .long, help: "Log level for the log file under $XDG_STATE_HOME/studyspot/: trace, debug, info, notice, warning, error, critical.")
    public var logLevel: String?

    public init() {}

    /// Loads the configuration or exits 2 with every problem, each naming file, line and key.
    public func load() throws -> ConsoleConfig {
        do {
            let loaded = try ConfigLoader.load(explicitPath: config)
            bootstrapLogging(level: logLevel ?? loaded.console.logLevel)
            for warning in loaded.warnings { printError(warning.description) }
            return loaded
        } catch {
            for problem in error.problems { printError(problem.description) }
            throw ExitCode(2)
        }
    }
}

public func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}

nonisolated(unsafe) private var loggingStarted = false

/// Logs go to a file, never to the terminal (the dashboard draws there).
public func bootstrapLogging(level: String) {
    guard !loggingStarted else { return }
    loggingStarted = true
    try? StudySpotLogging.bootstrap(level: Logger.Level(rawValue: level) ?? .info)
}

/// Ends the process without running C atexit handlers. Monitor threads may
/// still be inside libpq or OpenSSL (a connect cannot be interrupted), and
/// OpenSSL's exit-time cleanup under a live thread crashes; everything the
/// console owns (terminal, stdout, the log) is restored or flushed first.
public func finishProcess(_ status: Int32) -> Never {
    fflush(nil)
    _exit(status)
}
