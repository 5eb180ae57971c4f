import ArgumentParser
import Dispatch
import Foundation
import StudySpotCollectors
import StudySpotCommandLine
import StudySpotConfig
import StudySpotCore
import StudySpotWire

/// `studyspot collect`: the providers' usage APIs into `ops.usage_samples`
/// (CONTRACT §9). One per deployment; every console reads what it writes.
struct CollectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "collect",
        abstract: "Poll the providers' usage APIs ([[collector]]) into ops.usage_samples.",
        discussion: """
            Runs until SIGTERM or Ctrl-C, each collector on its own interval (stretched to stay within \
            \(Int(CollectorSchedule.rateLimitShare * 100))% of the provider's rate limit). --once polls every collector once, \
            for cron: exit 0 all written, 1 some failed (each named on stderr with its HTTP status), \
            2 none written (ops shard unreachable, no collectors, another collect running). \
            --plan prints each collector's interval and calls a day against the provider's limit. \
            Logs go to the log file; no credential is ever printed.
            """)

    @OptionGroup var options: ConfigOptions

    @Flag(help: "Poll every collector once and exit (0 all ok, 1 some failed, 2 none written).")
    var once = false

    @Flag(help: "Print each collector's interval, calls a day and the provider's limit, and exit.")
    var plan = false

    func run() throws {
        let config = try options.load()
        if plan {
            if config.collectors.isEmpty {
                print("no [[collector]] in \(config.source.displayName); every collector at its default interval:")
                print(CollectorPlan.defaults.text, terminator: "")
            } else {
                print(CollectorPlan(configs: config.collectors).text, terminator: "")
            }
            return
        }
        guard !config.collectors.isEmpty else {
            printError("no [[collector]] in \(config.source.displayName): nothing to collect (docs/collect.md shows one per provider)")
            throw ExitCode(2)
        }
        guard let ops = config.topology.opsShard else {
            printError("no ops shard in \(config.source.displayName) (the users shard whose range starts at 1)")
            throw ExitCode(2)
        }
        let log = commandLog("studyspot.collect")
        // The collector's own cost: its API calls and its ops shard queries.
        let counter = OperationCounter()
        let store = CollectorStore(ops: ops, counter: counter)
        let stop = StopSignal()
        let signals = StopSignals { stop.stop() }
        defer { withExtendedLifetime(signals) {} }
        guard Self.takeLock(store, waiting: !once, stop: stop, log: log) else {
            store.close()
            throw ExitCode(once ? 2 : 0)
        }
        let runner = CollectorRunner(configs: config.collectors, quotas: config.quotas, store: store,
                                     counter: counter, log: log)
        if once {
            let outcomes = runner.pollAll()
            store.close()
            finishProcess(Self.report(outcomes))
        }
        log(false, "collect started: \(runner.jobs.count) collector(s)")
        let kept = runner.run(until: stop)
        store.close()
        log(false, "collect stopped")
        if !kept {
            printError("another studyspot collect took the lock while the ops shard's session was down; this one stopped")
            throw ExitCode(2)
        }
    }

    /// Prints one line a collector (failures on stderr) and returns `--once`'s exit status.
    static func report(_ outcomes: [CollectorRunner.Outcome]) -> Int32 {
        for o in outcomes {
            if let line = o.failureLine { printError(line) }
            else { print("\(o.name): \(o.written) figure\(o.written == 1 ? "" : "s") written") }
        }
        if outcomes.allSatisfy({ $0.writeError != nil }) { return 2 }
        return outcomes.contains { $0.failureLine != nil } ? 1 : 0
    }

    /// The deployment's collector lock. With `waiting`, a held lock is tried
    /// again every half minute until it is free or the process is stopped.
    static func takeLock(_ store: CollectorStore, waiting: Bool, stop: StopSignal,
                         log: @Sendable (Bool, String) -> Void) -> Bool {
        var said = false
        while !stop.isStopped {
            do {
                try store.lock()
                return true
            } catch {
                guard waiting, case .lockHeld = error else { printError(error.description); log(true, error.description); return false }
                if !said { printError(error.description + "; waiting for it to stop"); log(true, error.description); said = true }
                stop.wait(until: Date().addingTimeInterval(30))
            }
        }
        return false
    }
}
