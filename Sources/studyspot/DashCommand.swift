import ArgumentParser

struct DashCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "dash", abstract: "The interactive dashboard.")
    func run() throws { throw ValidationError("`studyspot dash` is not built yet") }
}
