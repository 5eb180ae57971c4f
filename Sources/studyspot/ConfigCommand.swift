import ArgumentParser

struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "config", abstract: "Validate the configuration.")
    func run() throws { throw ValidationError("`studyspot config` is not built yet") }
}
