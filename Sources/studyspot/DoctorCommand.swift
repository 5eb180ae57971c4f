import ArgumentParser
import Foundation
import StudySpotCommandLine
import StudySpotDoctor

/// `studyspot doctor`: what to fix before trusting the dashboard on a real
/// deployment, one line per finding; exit status as `snapshot`.
struct DoctorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: "Check every shard, cache and instance: one line per finding, with the fix; exit 0 ok, 1 warning, 2 critical, 3 unknown.",
        discussion: """
            Shards: reachable, TLS off loopback, LISTEN usable (not through a transaction pooler: Neon's -pooler host, \
            Supabase's port 6543, or a NOTIFY that does not arrive), the notification trigger, row-level security and \
            the columns the console reads. Caches: reachable, TLS and a password off loopback. Instances: /health answers. \
            Collectors: one poll of each provider's usage API (nothing written), a refused token named with its fix. \
            It sends one NOTIFY per shard on a channel of its own and probes each instance once (a sleeping instance wakes).
            """)

    @OptionGroup var options: ConfigOptions

    func run() throws {
        let config = try options.load()
        let report = Doctor(topology: config.topology, collectors: config.collectors, feedFromRelay: config.feed == .relay).run()
        for finding in report.findings { print(finding.line) }
        print(report.summary)
        finishProcess(report.status.exitCode)
    }
}
