import Foundation
import StudySpotCore
import StudySpotMonitors
import StudySpotWire

/// The load balancer and the instances' own writes on the state cache:
/// `lb:requests:{instance}:{day}` counters, each request routed by the plan's
/// frontend rule (`LoadBalancer.route`: pick by weight among the undrained,
/// fail over from a pick that is down), the rule whose expectation the
/// console displays as shares; and `heartbeat:{instance}` hashes from every
/// instance that is running.
final class BalancerTraffic {
    let instances: [InstanceConfig]
    let fakes: [String: FakeInstance]
    private var rng: SeededRandom
    private var carry = 0.0

    init(instances: [InstanceConfig], fakes: [String: FakeInstance], seed: UInt64) {
        self.instances = instances
        self.fakes = fakes
        rng = SeededRandom(seed: seed)
    }

    /// The balancer's view right now.
    func members(redis: RedisConnection) throws -> [LoadBalancer.Member] {
        // The same reading the console's operator view takes (weights and drains only).
        let lb = try LoadBalancerReading.read(redis, instances: [], now: Date())
        return instances.map { inst in
            LoadBalancer.Member(name: inst.name, priority: inst.priority, weight: lb.weights[inst.name] ?? inst.weight,
                                serving: serving(inst.name), drained: lb.drained.contains(inst.name))
        }
    }

    private func serving(_ name: String) -> Bool {
        guard let f = fakes[name] else { return true }
        return Self.serving(f.mode, flappingHealthy: f.flappingHealthy)
    }

    /// Whether a fake in `mode` takes a request: a slow or sleeping one does
    /// (late, or after a cold start), a down or failing one does not.
    static func serving(_ mode: InstanceMode, flappingHealthy: Bool) -> Bool {
        switch mode {
        case .down, .failing: return false
        case .flapping: return flappingHealthy
        default: return true
        }
    }

    /// Routes `n` requests one by one through the rule, drawing from this
    /// balancer's seeded generator; the count per instance.
    func routeRequests(_ n: Int, members: [LoadBalancer.Member]) -> [String: Int] {
        var routed: [String: Int] = [:]
        for _ in 0..<max(0, n) {
            let pick = rng.unit(), failover = rng.unit()
            if let name = LoadBalancer.route(members, pick: pick, failover: failover) { routed[name, default: 0] += 1 }
        }
        return routed
    }

    /// Routes `perSecond × seconds` requests and adds them to today's counters.
    func route(perSecond: Double, seconds: Double, redis: RedisConnection, now: Date) throws -> SimulationCounts {
        var counts = SimulationCounts()
        carry += perSecond * seconds
        let n = Int(carry)
        carry -= Double(n)
        guard n > 0 else { return counts }
        let routed = routeRequests(n, members: try members(redis: redis))
        let day = StateCacheKeys.utcDay(now)
        var commands: [[String]] = []
        for (name, k) in routed.sorted(by: { $0.key < $1.key }) {
            let key = StateCacheKeys.requests(name, day: day)
            commands.append(["INCRBY", key, String(k)])
            commands.append(["EXPIRE", key, String(40 * 86_400)])
        }
        if !commands.isEmpty { _ = try redis.pipeline(commands) }
        counts.requests = routed
        return counts
    }

    /// Every running instance refreshes its heartbeat (TTL 30 s); a sleeping
    /// one is not running, so its heartbeat lapses.
    func heartbeats(redis: RedisConnection, now: Date) throws -> SimulationCounts {
        var counts = SimulationCounts()
        var commands: [[String]] = []
        for inst in instances {
            guard let f = fakes[inst.name], f.mode != .down, f.isAwake else { continue }
            let status: String
            switch f.mode {
            case .slow: status = "degraded"
            case .failing: status = "failing"
            case .flapping: status = f.flappingHealthy ? "ok" : "failing"
            default: status = "ok"
            }
            let key = StateCacheKeys.heartbeat(inst.name)
            commands.append(["HSET", key, "status", status, "version", f.version,
                             "started_at", PGTimestamp.format(f.startedAt), "at", PGTimestamp.format(now)])
            commands.append(["EXPIRE", key, "30"])
            counts.heartbeats += 1
        }
        if !commands.isEmpty { _ = try redis.pipeline(commands) }
        return counts
    }

    /// Applies modes set from another shell (`studyspot simulate set NAME MODE`).
    func applyModes(redis: RedisConnection) throws {
        let names = instances.map(\.name)
        guard !names.isEmpty else { return }
        let values = try redis.command(["MGET"] + names.map { InstanceControl.key($0) }).array ?? []
        for (name, value) in zip(names, values) {
            guard let text = value.string, let mode = InstanceMode(rawValue: text), let f = fakes[name], f.mode != mode else { continue }
            try f.setMode(mode)
        }
    }
}

/// Where an instance's mode is set while the simulation runs.
public enum InstanceControl {
    public static func key(_ instance: String) -> String { "sim:mode:\(instance)" }

    public static func set(_ instance: String, _ mode: InstanceMode, redis: RedisConnection) throws {
        try redis.command(["SET", key(instance), mode.rawValue])
    }
}
