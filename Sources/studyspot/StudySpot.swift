import ArgumentParser

@main
struct StudySpot: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "studyspot",
        abstract: "StudySpot Console: a live terminal dashboard of the StudySpot platform.",
        subcommands: [DashCommand.self, ConfigCommand.self, StackCommand.self, SchemaCommand.self, SeedCommand.self, SimulateCommand.self, DemoCommand.self,
                      SnapshotCommand.self, DoctorCommand.self, CollectCommand.self, UsageCommand.self,
                      RelayGrantTemporaryParent.self],
        defaultSubcommand: DashCommand.self
    )
}
