import ArgumentParser

/// The benchmarks that need a running stack and the console's own code
/// (Benchmarks/README.md); kept out of `studyspot`, which lists only what a
/// user runs. The ordo-one micro-benchmarks live in the Benchmarks/ package.
@main
struct StudySpotBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "studyspot-bench",
        abstract: "StudySpot Console benchmarks: the owner view's latency, a full data refresh and the relay, against a running stack.",
        subcommands: [BenchOwnerCommand.self, BenchRefreshCommand.self, BenchRelayCommand.self]
    )
}
