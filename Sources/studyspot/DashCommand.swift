import ArgumentParser
import Foundation
import StudySpotConsole
import TerminalUI

extension ConsoleRole: ExpressibleByArgument {}

struct DashCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "dash", abstract: "The interactive dashboard.")

    @Option(name: .long, help: "Configuration file (default: $STUDYSPOT_CONFIG, then $XDG_CONFIG_HOME/studyspot/config.toml).")
    var config: String?

    @Option(name: .long, help: "Who is at the console: owner, operator or admin.")
    var role: ConsoleRole = .operator

    @Flag(name: .long, help: "Refuse every action that changes the platform.")
    var readOnly = false

    @Option(name: .long, help: "Theme name: dark, light, high-contrast, 16-colour, or a file in the theme directories.")
    var theme: String = "dark"

    func run() throws {
        let runner = DashboardRunner(options: DashboardOptions(role: role, readOnly: readOnly, themeName: theme))
        let status: Int32
        do {
            status = try runner.run()
        } catch {
            FileHandle.standardError.write(Data((error.description + "\n").utf8))
            throw ExitCode(2)
        }
        if status != 0 { throw ExitCode(status) }
    }
}
