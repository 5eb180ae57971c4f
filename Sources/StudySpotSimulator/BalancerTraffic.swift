import Foundation
import StudySpotCore
import StudySpotMonitors
import StudySpotWire

/// The load balancer and the instances' own writes on the state cache:
/// `lb:requests:{instance}:{day}` counters routed by the same rules the
/// console displays (weights, drains, health), and `heartbeat:{instance}`
/// hashes from every instance that is running.
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
        switch f.mode {
        case .down, .failing: return false
        case .flapping: return f.flappingHealthy
        default: return true
        }
    }

    /// Routes `perSecond × seconds` requests and adds them to today's counters.
    func route(perSecond: Double, seconds: Double, redis: RedisConnection, now: Date) throws -> SimulationCounts {
        var counts = SimulationCounts()
        carry += perSecond * seconds
        let n = Int(carry)
        carry -= Double(n)
        guard n > 0 else { return counts }
        let members = try members(redis: redis)
        let shares = LoadBalancer.shares(members)
        let order = members.map(\.name)
        var routed: [String: Int] = [:]
        for _ in 0..<n {
            if let name = LoadBalancer.route(shares, order: order, random: rng.unit()) { routed[name, default: 0] += 1 }
        }
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
