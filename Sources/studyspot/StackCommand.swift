import ArgumentParser

struct StackCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "stack", abstract: "A local stack of PostgreSQL and Redis servers on 127.0.0.1.")
    func run() throws { throw ValidationError("`studyspot stack` is not built yet") }
}
