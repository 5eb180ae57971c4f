import ArgumentParser
import Dispatch
import Foundation
import StudySpotCommandLine
import StudySpotCore
import StudySpotSimulator
import StudySpotWire

struct SimulateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Act as the platform: live bookings, e-mail routing, load-balancer counters, heartbeats, usage metering, and the five instances' /health on loopback.",
        subcommands: [Run.self, Set.self, Instance.self],
        defaultSubcommand: Run.self)

    struct Run: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Run the simulation until Ctrl-C (or --duration).")

        @OptionGroup var options: ConfigOptions

        @Option(help: "Booking changes per second.")
        var rate: Double = 20

        @Option(help: "API requests per second through the simulated load balancer.")
        var requests: Double = 50

        @Option(name: .customLong("instance"), help: "Start an instance in a mode: NAME=healthy|slow|sleeping|failing|down|flapping (repeatable).")
        var instanceModes: [String] = []

        @Option(help: "Stop after this many seconds.")
        var duration: Double?

        @Option(help: "Seconds a sleeping instance takes to answer its first request.")
        var coldStart: Double = 3

        @Option(help: "Seconds without requests before a sleeping instance falls asleep again.")
        var idle: Double = 20

        @Option(help: "Seconds between usage samples in ops.usage_samples.")
        var sampleEvery: Double = 60

        @Flag(help: "Do not serve the instances' /health (another simulation or the real instances do).")
        var noInstances = false

        @Option(help: "PEM certificate (chain) for the instances whose url is https:// (default: instance.pem beside their ca_file).")
        var tlsCert: String?

        @Option(help: "PEM key of --tls-cert (default: instance.key beside their ca_file).")
        var tlsKey: String?

        func run() throws {
            let config = try options.load()
            try requirePostgresCatalog(config.topology, command: "simulate")
            var o = PlatformSimulator.Options()
            o.rate = rate
            o.requestsPerSecond = requests
            o.coldStartSeconds = coldStart
            o.idleSeconds = idle
            o.sampleEvery = sampleEvery
            o.serveInstances = !noInstances
            o.tlsCertFile = tlsCert
            o.tlsKeyFile = tlsKey
            for spec in instanceModes {
                let parts = spec.split(separator: "=", maxSplits: 1).map(String.init)
                guard parts.count == 2, let mode = InstanceMode(rawValue: parts[1]) else {
                    throw ValidationError("--instance \(spec): expected NAME=\(InstanceMode.allCases.map(\.rawValue).joined(separator: "|"))")
                }
                guard config.topology.instances.contains(where: { $0.name == parts[0] }) else {
                    throw ValidationError("--instance \(spec): no instance named \(parts[0]) in the configuration")
                }
                o.modes[parts[0]] = mode
            }
            let sim = PlatformSimulator(topology: config.topology, quotas: config.quotas, options: o)
            sim.onError = { printError("simulate: \($0) (retrying)") }
            signal(SIGPIPE, SIG_IGN)
            let stopper = StopSignals([SIGINT, SIGTERM, SIGHUP]) { sim.stop() }
            defer { _ = stopper }
            try sim.startInstances()
            defer { sim.stopInstances() }
            let modes = config.topology.instances.map { "\($0.name) \(o.modes[$0.name]?.rawValue ?? "healthy")" }
            print("simulating at \(rate) changes/s, \(requests) requests/s; instances: \(modes.joined(separator: ", "))")
            print("change an instance from another shell: studyspot simulate set NAME MODE")
            try sim.run(duration: duration)
            let c = sim.counts
            print("wrote \(c.bookingChanges) booking changes (created \(c.created), checked in \(c.checkedIn), completed \(c.completed), cancelled \(c.cancelled), no-show \(c.noShow)), archived \(c.archived), \(c.usageSamples) usage samples, \(c.emailsSent.values.reduce(0, +)) e-mails sent, \(c.emailsQueued) queued")
        }
    }

    struct Set: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set",
            abstract: "Change a running simulation's instance: healthy, slow, sleeping, failing, down or flapping.")

        @OptionGroup var options: ConfigOptions

        @Argument(help: "Instance name, as in the configuration.")
        var instance: String

        @Argument(help: "healthy | slow | sleeping | failing | down | flapping")
        var mode: String

        func run() throws {
            let config = try options.load()
            guard let m = InstanceMode(rawValue: mode) else {
                throw ValidationError("mode must be one of: \(InstanceMode.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            guard config.topology.instances.contains(where: { $0.name == instance }) else {
                throw ValidationError("no instance named \(instance); the configuration has: \(config.topology.instances.map(\.name).joined(separator: ", "))")
            }
            guard let state = config.topology.stateCache else { throw ValidationError("no cache with role \"state\" in the configuration") }
            let redis = try RedisConnection(url: state.url)
            try InstanceControl.set(instance, m, redis: redis)
            print("\(instance) → \(m.rawValue) (the running simulation applies it within a second)")
        }
    }
}
