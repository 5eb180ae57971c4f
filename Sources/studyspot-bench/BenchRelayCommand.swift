import ArgumentParser
import Foundation
import StudySpotCommandLine
import StudySpotConfig
import StudySpotConsole
import StudySpotCore
import StudySpotMonitors
import StudySpotWire

/// `studyspot-bench relay`: the relay's figures for Benchmarks/README.md,
/// against one running `studyspot relay` (scripts/bench-relay.sh starts it and
/// grants the owners). In this one process it runs `--consoles` owner
/// consoles, each a full owner console's feed side: its own `RelayFeed` on its
/// own connection as its owner's ACL user, its own state and the dashboard's
/// own loop on a headless 160×48 terminal (`HeadlessConsole`). The seat-map
/// reads ride on each feed's connection, as in a real owner console.
struct BenchRelayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "relay",
        abstract: "Measure the relay: shard connections against consoles, stream memory, commit-to-frame p99, the relay's CPU, delivery.")

    @OptionGroup var options: ConfigOptions

    @Option(help: "The running relay's pid (its CPU is read from /proc/PID/stat).")
    var relayPid: Int32

    @Option(help: "Owner consoles to run; the stages measured before are 0 and 24.")
    var consoles = 100

    @Option(help: "Owners that get consoles (consoles spread evenly over them); the other granted owners get bookings only.")
    var consoleOwners = 50

    @Option(help: "Granted owners, comma-separated ids; each logs in as its owners.db_role with the password in --password-env.")
    var owners: String

    @Option(name: .customLong("password-env"), help: "The environment variable holding the owners' password.")
    var passwordEnv = "STUDYSPOT_BENCH_OWNER_PASSWORD"

    @Option(help: "Booking changes per second.")
    var rate = 2_000

    @Option(help: "Seconds of writing.")
    var seconds = 15.0

    @Option(help: "Seconds the relay's idle CPU is measured over (consoles connected, no writes).")
    var idleSeconds = 20.0

    @Option(help: "The consoles' frame cap, in ms (default: the dashboard's).")
    var frameMs = DashboardRunner.defaultFrameMilliseconds

    func run() throws {
        let config = try options.load()
        print(BenchMachine.describe())
        guard let password = ProcessInfo.processInfo.environment[passwordEnv], !password.isEmpty else {
            throw ValidationError("environment variable \(passwordEnv) (--password-env) is not set: the granted owners' password")
        }
        guard let state = config.topology.stateCache else { throw ValidationError("no [[cache]] with role = \"state\"") }
        let ownerIds = owners.split(separator: ",").compactMap { Int64($0.trimmingCharacters(in: .whitespaces)) }
        guard ownerIds.count >= consoleOwners, consoleOwners > 0 else {
            throw ValidationError("--owners lists \(ownerIds.count) owners; --console-owners \(consoleOwners) need at least as many")
        }
        let platform = try RelayBenchPlatform(topology: config.topology, owners: ownerIds)
        let admin = try RedisConnection(url: state.url)
        let cpu = ProcessCPU(pid: relayPid)

        print("\n== connections per shard (pg_stat_activity, client backends other than this one's session; target: the relay's alone)")
        let fleet = RelayConsoleFleet(frameMs: frameMs)
        for stage in [0, min(24, consoles), consoles] where stage >= fleet.count {
            for i in fleet.count..<stage {
                let owner = ownerIds[i % consoleOwners]
                let role = try platform.role(owner)
                let login = LoginConfig(user: role, password: password, ownerId: owner)
                fleet.add(owner: owner, url: RelayFeedConnect.ownerURL(stateCache: state.url, login: login))
            }
            guard fleet.waitLive(timeout: 120) else { throw ValidationError("not every console came up live on the relay within 120 s") }
            print("  \(stage) consoles: " + (try platform.connections()))
            if stage == consoles { break }
        }
        print("  redis clients: \(try RelayBenchRedis.clients(admin))")

        print("\n== the relay's CPU, \(fleet.count) consoles connected")
        let idle = try cpu.perMinute(over: idleSeconds)
        print(String(format: "  idle: %.3f CPU-s per minute (over %.0f s)", idle, idleSeconds))

        let before = try RelayBenchRedis.memory(admin, owners: ownerIds)
        print("\n== commit-to-frame through the relay at \(rate)/s for \(seconds) s, \(fleet.count) consoles of \(consoleOwners) owners, bookings over \(ownerIds.count) owners")
        let ticks0 = try cpu.ticks()
        let written = try platform.write(rate: rate, seconds: seconds) { id, owner, at in fleet.sent(id, owner: owner, at: at) }
        let busy = try cpu.perMinute(sinceTicks: ticks0, seconds: written.elapsed)
        let drained = fleet.waitDelivered(timeout: 30)
        let lat = fleet.latencies()
        print(String(format: "  written %d in %.1f s (%.0f/s), %d to owners with consoles", written.count, written.elapsed,
                     Double(written.count) / written.elapsed, fleet.expectedPairs / max(1, consoles / consoleOwners)))
        print(String(format: "  commit → frame over %d (console, booking) pairs: p50 %.1f ms, p99 %.1f ms, max %.1f ms (target p99 ≤ 30 ms)",
                     lat.count, percentile(lat, 0.5), percentile(lat, 0.99), lat.max() ?? .nan))
        let draws = fleet.drawTimes()
        print(String(format: "  frames drawn: %d, draw p50 %.2f ms, p99 %.2f ms", draws.count, percentile(draws, 0.5), percentile(draws, 0.99)))
        print(String(format: "  the relay's CPU while writing: %.2f CPU-s per minute", busy))

        let d = fleet.delivery()
        print("\n== delivery (every console each of its owner's bookings, none of another's)")
        print("  consoles complete: \(d.complete) of \(fleet.count)\(drained ? "" : " (not all within 30 s of the last write)"); missing (console, booking) pairs: \(d.missing)")
        print("  other owners' bookings shown by any console: \(d.foreign); shown twice: \(d.twice)")

        let after = try RelayBenchRedis.memory(admin, owners: ownerIds)
        print("\n== Redis memory of the feed")
        print(RelayBenchRedis.describe(before: before, after: after))

        fleet.stop()
        try platform.cleanUp()
    }
}
