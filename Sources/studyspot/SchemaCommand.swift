import ArgumentParser

struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "schema", abstract: "Create or update the platform's tables on every shard.")
    func run() throws { throw ValidationError("`studyspot schema` is not built yet") }
}
