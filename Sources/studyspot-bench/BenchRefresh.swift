import Foundation
import StudySpotCommandLine
import StudySpotConfig
import StudySpotCore
import StudySpotMonitors
import StudySpotWire

/// One full data refresh of every pane, as the console does it: each monitor
/// polls once on a thread of its own, all at the same moment, and the
/// refresh ends when the last one has its reading. The booking feed is left
/// out: it does not poll (LISTEN pushes each change); its start-up read is
/// measured separately (`feedStart`).
final class RefreshRig: @unchecked Sendable {
    /// A thread that runs its job whenever a round starts.
    private final class Worker: @unchecked Sendable {
        let name: String
        let job: () -> Void
        let go = DispatchSemaphore(value: 0)
        var elapsed = 0.0
        var quit = false
        init(name: String, job: @escaping () -> Void) { self.name = name; self.job = job }
    }

    private var workers: [Worker] = []
    private let done = DispatchSemaphore(value: 0)
    private var closers: [() -> Void] = []
    let description: String

    init(config: ConsoleConfig, libraryId: Int64) {
        let topo = config.topology
        // One counter and one policy for the rig's monitors, as the console's wiring does.
        let counter = OperationCounter(), policy = PollingPolicy()
        var parts: [String] = []
        for shard in topo.shards {
            let m = ShardMonitor(shard: shard, quotas: config.quotas, counter: counter) { _ in }
            workers.append(Worker(name: "shard:\(shard.name)") { _ = m.pollOnce() })
            closers.append { m.closeConnection() }
        }
        parts.append("\(topo.shards.count) shard monitors")
        for cache in topo.caches {
            let m = CacheMonitor(cache: cache, counter: counter) { _, _ in }
            workers.append(Worker(name: "cache:\(cache.name)") { _ = m.pollOnce() })
            closers.append { m.closeConnection() }
        }
        parts.append("\(topo.caches.count) cache monitors")
        let instances = InstanceProbeMonitor(instances: topo.instances, stateCache: topo.stateCache,
                                             pace: MonitorPace(policy: policy), counter: counter) { _, _ in }
        workers.append(Worker(name: "instances") { _ = instances.pollOnce() })
        closers.append { instances.closeConnection() }
        let awake = topo.instances.filter { !$0.sleeps }.count
        parts.append("instances (\(awake) probed, \(topo.instances.count - awake) sleepers left out, state cache)")
        var o = QuotaMonitor.Options()
        o.budgetPercent = config.console.budgetPercent
        let quotas = QuotaMonitor(topology: topo, catalog: config.quotas, options: o, policy: policy, counter: counter) { _ in }
        workers.append(Worker(name: "quotas") { _ = quotas.round(now: Date(), force: true) })
        closers.append { quotas.stop() }
        parts.append("quota round (samples, sizes, caches, e-mail, cost)")
        let seats = SeatMapMonitor(topology: topo, login: nil, catalog: CatalogCache(topology: topo, login: nil, counter: counter),
                                   policy: policy, counter: counter) { _ in }
        workers.append(Worker(name: "seat-map") { _ = seats.load(libraryId: libraryId) })
        parts.append("seat map of library \(libraryId)")
        description = parts.joined(separator: ", ")
        for w in workers {
            let t = Thread { [self] in
                while true {
                    w.go.wait()
                    if w.quit { return }
                    let t0 = DispatchTime.now().uptimeNanoseconds
                    w.job()
                    w.elapsed = Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6
                    done.signal()
                }
            }
            t.name = w.name
            t.start()
        }
    }

    /// One refresh: wall ms and each monitor's ms.
    func round() -> (wall: Double, each: [String: Double]) {
        let t0 = DispatchTime.now().uptimeNanoseconds
        workers.forEach { $0.go.signal() }
        workers.forEach { _ in done.wait() }
        let wall = Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6
        return (wall, Dictionary(uniqueKeysWithValues: workers.map { ($0.name, $0.elapsed) }))
    }

    /// Closes every connection and ends the threads.
    func close() {
        for w in workers { w.quit = true; w.go.signal() }
        closers.forEach { $0() }
    }
}

/// Server time of the console's statements from pg_stat_statements, found by
/// the query identifiers EXPLAIN VERBOSE reports for the registry's statements.
struct ServerTime {
    struct Reading { var calls: Int64; var ms: Double }
    let connections: [(ShardConfig, PGConnection)]
    let ids: [String: [Int64]]          // shard → query ids
    let names: [Int64: String]          // query id → statement

    static let snapshotSQL = "SELECT queryid, sum(calls)::bigint AS calls, sum(total_exec_time) AS ms FROM pg_stat_statements WHERE queryid = ANY($1::bigint[]) GROUP BY queryid"

    func snapshot() throws -> [String: [Int64: Reading]] {
        var out: [String: [Int64: Reading]] = [:]
        for (shard, c) in connections {
            for row in try c.query(Self.snapshotSQL, [PGArray(ids[shard.name] ?? [])]).rows {
                out[shard.name, default: [:]][try row.int("queryid")] = Reading(calls: try row.int("calls"), ms: try row.double("ms"))
            }
        }
        return out
    }

    /// Per statement (summed over shards): calls and server ms between two snapshots.
    func delta(_ a: [String: [Int64: Reading]], _ b: [String: [Int64: Reading]]) -> [(String, Int64, Double)] {
        var by: [String: (Int64, Double)] = [:]
        for (shard, readings) in b {
            for (id, r) in readings {
                let before = a[shard]?[id] ?? Reading(calls: 0, ms: 0)
                let name = names[id] ?? String(id)
                let d = by[name] ?? (0, 0)
                by[name] = (d.0 + r.calls - before.calls, d.1 + r.ms - before.ms)
            }
        }
        return by.map { ($0.key, $0.value.0, $0.value.1) }.filter { $0.1 > 0 }.sorted { $0.2 > $1.2 }
    }
}
