import ArgumentParser
import Foundation
import StudySpotCommandLine
import StudySpotConfig
import StudySpotCore
import StudySpotMonitors
import StudySpotRelay
import StudySpotWire

/// `studyspot relay`: the deployment's one reader of the users shards for
/// every console with `[feed] source = "relay"` (CONTRACT §10).
struct RelayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "relay",
        abstract: "Fan the booking feed, seat maps and shared readings out to consoles through the state cache.",
        discussion: """
            Runs until SIGTERM or Ctrl-C; one per deployment. LISTENs on every users shard (one connection \
            each, with the configuration's own DSNs, never [login]) and appends each changed booking to the \
            Redis streams feed:owner:{owner_id} and feed:all on the state cache (trimmed near \
            \(RelayLimits.ownerStreamLength) and \(RelayLimits.allStreamLength) entries). It keeps every library's \
            seat map in seats:owner:{owner_id}:{library_id}, publishes the shards', caches' and instances' \
            readings in relay:readings, and its own heartbeat in relay:status. A restart resumes after the last \
            change in feed:all: nothing lost, nothing twice. docs/relay.md says when a deployment needs one. \
            Logs go to the log file; no credential is ever printed.
            """,
        subcommands: [RelayRunCommand.self, RelayGrantCommand.self],
        defaultSubcommand: RelayRunCommand.self)
}

/// The relay itself (`studyspot relay` with no subcommand).
struct RelayRunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the relay until SIGTERM or Ctrl-C (the default).")

    @OptionGroup var options: ConfigOptions

    func run() throws {
        // Not a console: doctor counts consoles' connections to advise the relay.
        PGConnectOptions.processApplicationName = PGConnectOptions.relayApplicationName
        let config = try options.load()
        let log = commandLog("studyspot.relay")
        let relay: Relay
        do {
            relay = try Relay(topology: config.topology, quotas: config.quotas, log: log)
        } catch {
            printError("\(config.source.displayName): \(error.description)")
            throw ExitCode(2)
        }
        let stop = StopSignal()
        let signals = StopSignals { stop.stop() }
        defer { withExtendedLifetime(signals) {} }
        let users = config.topology.shards.filter { $0.role == .users }.map(\.name)
        log(false, "relay started: users shards \(users.joined(separator: ", ")), pid \(getpid())")
        print("relay running (pid \(getpid())): users shards \(users.joined(separator: ", ")); SIGTERM or Ctrl-C stops it")
        relay.run(until: stop)
        finishProcess(0)
    }
}
