import ArgumentParser
import Foundation
import StudySpotCommandLine
import StudySpotConsole
import TerminalUI

extension ConsoleRole: ExpressibleByArgument {}

struct DashCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "dash", abstract: "The interactive dashboard.")

    @OptionGroup var options: ConfigOptions

    @Option(name: .long, help: "Who is at the console: owner, operator or admin.")
    var role: ConsoleRole = .operator

    @Flag(name: .long, help: "Refuse every action that changes the platform.")
    var readOnly = false

    @Option(name: .long, help: "Theme name: dark, light, high-contrast, 16-colour, or a file in the theme directories (default: the config's [console] theme).")
    var theme: String?

    func run() throws {
        let config = try options.load()
        finishProcess(Dashboard.run(config: config, options: DashboardOptions(
            role: role, readOnly: readOnly, themeName: theme ?? config.console.theme)))
    }
}
