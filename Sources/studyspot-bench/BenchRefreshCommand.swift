import ArgumentParser
import Foundation
import StudySpotCommandLine
import StudySpotConfig
import StudySpotCore
import StudySpotMonitors
import StudySpotWire

/// `studyspot-bench refresh`: the data-side figures. A full
/// data refresh of every pane (every monitor polls once, each on its own
/// thread, as the console runs them), wall time p50/p99 with connections
/// open and cold (connections opened in the round), the server time of the
/// console's statements from pg_stat_statements, and the EXPLAIN of every
/// registered statement with the planner's default settings.
struct BenchRefreshCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "refresh",
        abstract: "Measure a full data refresh of every pane, its server time, and count sequential scans of bookings.")

    @OptionGroup var options: ConfigOptions

    @Option(help: "Steady-state refreshes to time (connections kept open).")
    var rounds = 100

    @Option(help: "Cold refreshes to time (fresh monitors, connections opened in the round).")
    var cold = 5

    @Option(help: "Milliseconds between refreshes.")
    var pauseMs = 100

    @Option(help: "The library whose seat map is loaded (default: the first one).")
    var library: Int64?

    @Flag(help: "Print every plan, not only the summary.")
    var plans = false

    func run() throws {
        let config = try options.load()
        let topo = config.topology
        print(BenchMachine.describe())
        guard let catalog = topo.catalogShard else { throw ValidationError("no catalog shard") }
        let libraryId = try library ?? {
            let c = try PGConnection(dsn: catalog.dsn)
            defer { c.close() }
            return try c.query(ConsoleStatements.named("CatalogCache.librariesSQL"), [1]).first?.int("id") ?? 1
        }()

        // EXPLAIN at default settings; the query ids find the statements in pg_stat_statements.
        var connections: [(ShardConfig, PGConnection)] = []
        var ids: [String: [Int64]] = [:], names: [Int64: String] = [:]
        var explained = 0, seqScans: [String] = []
        for shard in topo.shards {
            let c = try PGConnection(dsn: shard.dsn)
            _ = try? c.query("CREATE EXTENSION IF NOT EXISTS pg_stat_statements")
            let result = try ConsoleStatementsExplain.explainAll(on: c, shard: shard, isOps: topo.opsShard?.name == shard.name,
                                                                 sample: StatementSample(libraryId: libraryId), seqScanOff: false)
            for p in result {
                explained += 1
                seqScans += p.bookingSeqScans.map { "\(p.statement) on \(shard.name): \($0.trimmingCharacters(in: .whitespaces))" }
                if let id = p.queryId { ids[shard.name, default: []].append(id); names[id] = p.statement }
                if plans {
                    print("-- \(p.statement) on \(shard.name)")
                    p.lines.filter { !$0.contains("Output:") }.forEach { print("   \($0)") }
                }
            }
            connections.append((shard, c))
        }
        print("EXPLAIN of every registered statement (\(ConsoleStatements.all.count) listed, \(explained) plans over \(topo.shards.count) shards, default planner settings): sequential scans of bookings/archived_bookings: \(seqScans.count)   target 0")
        seqScans.forEach { print("  \($0)") }
        let server = ServerTime(connections: connections, ids: ids, names: names)
        let statsOK = (try? server.snapshot()) != nil
        defer { connections.forEach { $0.1.close() } }

        // Cold: fresh monitors, every connection opened inside the round.
        var coldWalls: [Double] = []
        var coldEach: [String: [Double]] = [:]
        for _ in 0..<cold {
            let rig = RefreshRig(config: config, libraryId: libraryId)
            let r = rig.round()
            coldWalls.append(r.wall)
            for (k, v) in r.each { coldEach[k, default: []].append(v) }
            rig.close()
            Thread.sleep(forTimeInterval: Double(pauseMs) / 1000)
        }

        // Steady state: connections open, as after the console's first refresh.
        let rig = RefreshRig(config: config, libraryId: libraryId)
        print("full data refresh: \(rig.description)")
        for _ in 0..<3 { _ = rig.round() }
        let before = statsOK ? try server.snapshot() : [:]
        var walls: [Double] = []
        var each: [String: [Double]] = [:]
        for _ in 0..<rounds {
            let r = rig.round()
            walls.append(r.wall)
            for (k, v) in r.each { each[k, default: []].append(v) }
            Thread.sleep(forTimeInterval: Double(pauseMs) / 1000)
        }
        let after = statsOK ? try server.snapshot() : [:]
        rig.close()

        print(String(format: "  steady (connections open): p50 %.2f ms, p99 %.2f ms, max %.2f ms over %d refreshes   target p50 ≤ 20 ms",
                     pct(walls, 0.5), pct(walls, 0.99), walls.max() ?? 0, walls.count))
        print(String(format: "  cold (connections opened): p50 %.2f ms, max %.2f ms over %d refreshes", pct(coldWalls, 0.5), coldWalls.max() ?? 0, coldWalls.count))
        print("  per monitor, steady p50 / p99 ms, cold p50 ms:")
        for (k, v) in each.sorted(by: { pct($0.value, 0.5) > pct($1.value, 0.5) }) {
            print("    " + k.padding(toLength: 24, withPad: " ", startingAt: 0)
                  + String(format: " %7.2f / %7.2f   %7.2f", pct(v, 0.5), pct(v, 0.99), pct(coldEach[k] ?? [], 0.5)))
        }
        if statsOK {
            let d = server.delta(before, after)
            let total = d.reduce(0) { $0 + $1.2 }
            print(String(format: "  server time (pg_stat_statements total_exec_time, all shards): %.3f ms per refresh, %d statements per refresh",
                         total / Double(rounds), Int(d.reduce(0) { $0 + $1.1 }) / max(1, rounds)))
            for (name, calls, ms) in d {
                print("    " + name.padding(toLength: 34, withPad: " ", startingAt: 0)
                      + String(format: " %6.2f calls  %8.3f ms per refresh", Double(calls) / Double(rounds), ms / Double(rounds)))
            }
        } else {
            print("  server time: pg_stat_statements is not available (shared_preload_libraries)")
        }
        try feedStart(topo)
    }

    /// The booking feed's read on (re)connect, every users shard in parallel as
    /// its threads do: the clock, today's statuses and the newest 300 rows.
    private func feedStart(_ topo: Topology) throws {
        final class Count: @unchecked Sendable { var rows = 0 }
        var walls: [Double] = []
        let count = Count()
        for _ in 0..<5 {
            let group = DispatchGroup()
            let lock = NSLock()
            let t0 = DispatchTime.now().uptimeNanoseconds
            for shard in topo.usersShards {
                group.enter()
                Thread.detachNewThread {
                    defer { group.leave() }
                    guard let c = try? PGConnection(dsn: shard.dsn, options: BookingFeedConnect.options(for: shard, login: nil, counter: OperationCounter())) else { return }
                    defer { c.close() }
                    let now = Date()
                    let today = (try? c.query(ConsoleStatements.named("BookingFeedSQL.today"), [now.addingTimeInterval(-43_200), now.addingTimeInterval(43_200)]).count) ?? 0
                    let newest = (try? c.query(ConsoleStatements.named("BookingFeedSQL.newest"), [300]).count) ?? 0
                    lock.withLock { count.rows += today + newest }
                }
            }
            group.wait()
            walls.append(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6)
        }
        print(String(format: "booking feed start-up read (connect, today's statuses, newest 300; %d users shards in parallel, %d rows): p50 %.1f ms, max %.1f ms",
                     topo.usersShards.count, count.rows / 5, pct(walls, 0.5), walls.max() ?? 0))
    }
}

func pct(_ values: [Double], _ p: Double) -> Double {
    guard !values.isEmpty else { return .nan }
    let s = values.sorted()
    return s[min(s.count - 1, max(0, Int((Double(s.count) * p).rounded(.up)) - 1))]
}
