import Foundation
import StudySpotMonitors
import StudySpotWire
import Testing
import StudySpotCore
import StudySpotSimulator
import StudySpotTestSupport

/// The instance monitor against fake instances on random ports, with the
/// state cache in Redis database 8 (flushed; other suites use 0, 5 and 7).
@Suite(.serialized) struct InstanceProbeTests {
    final class Latest: @unchecked Sendable {
        private let lock = NSLock()
        private var list: [InstanceHealth] = []
        private var seen: Set<String> = []
        func set(_ l: [InstanceHealth]) { lock.withLock { list = l; for h in l { seen.insert("\(h.name):\(h.state.rawValue)") } } }
        func get(_ name: String) -> InstanceHealth? { lock.withLock { list.first { $0.name == name } } }
        var all: [InstanceHealth] { lock.withLock { list } }
        func wasSeen(_ name: String, _ state: InstanceState) -> Bool { lock.withLock { seen.contains("\(name):\(state.rawValue)") } }
    }

    static func fake(_ name: String, _ mode: InstanceMode, configure: (FakeInstance) -> Void = { _ in }) throws -> FakeInstance {
        var lastError: Error?
        for _ in 0..<10 {
            let f = FakeInstance(name: name, port: Int.random(in: 30_000...39_999), mode: mode)
            configure(f)
            do { try f.start(); return f } catch { lastError = error }
        }
        throw lastError!
    }

    static func stateCache() throws -> CacheConfig {
        var c = try #require(try TestEnvironment.topology().stateCache)
        c.url = c.url.replacingOccurrences(of: "/0", with: "/8")
        _ = try RedisConnection(url: c.url).command(["FLUSHDB"])
        return c
    }

    static func config(_ f: FakeInstance, priority: Int, weight: Int, sleeps: Bool) -> InstanceConfig {
        InstanceConfig(name: f.name, provider: f.name, url: "http://127.0.0.1:\(f.port)", priority: priority, weight: weight, sleeps: sleeps)
    }

    @Test func anInstanceSetDownTurnsDownWithinTheProbePolicyAndItsShareMoves() throws {
        let a = try Self.fake("probe-a-\(UUID().uuidString.prefix(6))", .healthy)
        let b = try Self.fake("probe-b-\(UUID().uuidString.prefix(6))", .healthy)
        defer { a.stop(); b.stop() }
        var settings = InstanceProbeSettings()
        settings.interval = 0.2; settings.timeout = 0.5; settings.stateInterval = 0.2
        let latest = Latest()
        let m = InstanceProbeMonitor(instances: [Self.config(a, priority: 1, weight: 60, sleeps: false),
                                                 Self.config(b, priority: 2, weight: 20, sleeps: false)],
                                     stateCache: try Self.stateCache(), settings: settings) { list, _ in latest.set(list) }
        m.start()
        defer { m.stop() }
        #expect(TestEnvironment.waitUntil(timeout: 5) { latest.get(a.name)?.state == .up && latest.get(b.name)?.state == .up })
        #expect(LoadBalancer.shares(latest.all.members)[a.name] == 0.75)  // 60 of 80: b takes its weight too
        #expect((latest.get(a.name)?.latencies.p50 ?? 9) < 0.5)

        try a.setMode(.down)
        let downAt = Date()
        // Three failed probes 0.2 s apart, each up to 0.5 s, plus one state-cache read.
        #expect(TestEnvironment.waitUntil(timeout: 5) { latest.get(a.name)?.state == .down })
        #expect(Date().timeIntervalSince(downAt) < 3 * (0.2 + 0.5) + 0.2 + 0.5)
        let down = try #require(latest.get(a.name))
        #expect(down.consecutiveFailures >= 3 && down.lastError != nil)
        #expect(LoadBalancer.shares(latest.all.members)[b.name] == 1)
        #expect(latest.wasSeen(a.name, .degraded))  // one or two failures are not yet down

        try a.setMode(.healthy)
        #expect(TestEnvironment.waitUntil(timeout: 5) { latest.get(a.name)?.state == .up })
    }

    @Test func aSleeperShowsSleepingAndIsProbedNoMoreThanItsBudgetAllows() throws {
        let name = "probe-sleeper-\(UUID().uuidString.prefix(6))"
        let s = try Self.fake(name, .sleeping) { $0.coldStartSeconds = 1.5; $0.idleSeconds = 0.5 }
        defer { s.stop() }
        // The budget stretches this sleeper's probes to 2 × 1 s.
        let policy = PollingPolicy()
        policy.setStretch(2, for: name)
        var settings = InstanceProbeSettings()
        settings.sleeperInterval = 1; settings.sleeperTimeout = 4; settings.stateInterval = 0.2
        let latest = Latest()
        let started = Date()
        let m = InstanceProbeMonitor(instances: [Self.config(s, priority: 2, weight: 20, sleeps: true)],
                                     stateCache: try Self.stateCache(), settings: settings,
                                     pace: MonitorPace(policy: policy)) { list, _ in latest.set(list) }
        m.start()
        defer { m.stop() }
        // No heartbeat: sleeping, and not woken to find out.
        #expect(TestEnvironment.waitUntil(timeout: 3) { latest.get(name)?.state == .sleeping })
        #expect(s.requestCount == 0)
        // After the stretched interval one probe wakes it: a slow answer is waking, not down.
        #expect(TestEnvironment.waitUntil(timeout: 8) { latest.wasSeen(name, .waking) })
        #expect(!latest.wasSeen(name, .down))
        _ = TestEnvironment.waitUntil(timeout: 3) { Date().timeIntervalSince(started) > 9 }
        let elapsed = Date().timeIntervalSince(started)
        #expect(s.requestCount >= 1)
        #expect(s.requestCount <= Int(elapsed / 2) + 1, "\(s.requestCount) probes in \(elapsed) s")
    }

    @Test func aSleeperThatHeartBeatsIsUpWithoutBeingProbed() throws {
        let name = "probe-hb-\(UUID().uuidString.prefix(6))"
        let s = try Self.fake(name, .sleeping)
        defer { s.stop() }
        let cache = try Self.stateCache()
        let r = try RedisConnection(url: cache.url)
        try r.command(["HSET", StateCacheKeys.heartbeat(name), "status", "ok", "version", "9.9", "started_at",
                       PGTimestamp.format(Date().addingTimeInterval(-120)), "at", PGTimestamp.format(Date())])
        try r.command(["SADD", StateCacheKeys.drained, name])
        try r.command(["HSET", StateCacheKeys.weights, name, "7"])
        var settings = InstanceProbeSettings()
        settings.sleeperInterval = 0.5; settings.stateInterval = 0.2
        let latest = Latest()
        let m = InstanceProbeMonitor(instances: [Self.config(s, priority: 2, weight: 20, sleeps: true)], stateCache: cache,
                                     settings: settings) { list, _ in latest.set(list) }
        m.start()
        defer { m.stop() }
        #expect(TestEnvironment.waitUntil(timeout: 3) { latest.get(name)?.state == .up })
        let h = try #require(latest.get(name))
        #expect(h.version == "9.9" && (h.uptimeSeconds ?? 0) >= 119)
        #expect(h.drained && h.displayState == .drained && h.effectiveWeight == 7 && h.configuredWeight == 20)
        #expect(s.requestCount == 0)
    }

    @Test func pausedMonitorsMakeNoCalls() throws {
        let f = try Self.fake("probe-paused-\(UUID().uuidString.prefix(6))", .healthy)
        defer { f.stop() }
        var settings = InstanceProbeSettings()
        settings.interval = 0.1; settings.stateInterval = 0.1
        let pace = MonitorPace()
        pace.setPaused(true)
        let latest = Latest()
        let m = InstanceProbeMonitor(instances: [Self.config(f, priority: 1, weight: 1, sleeps: false)], stateCache: nil,
                                     settings: settings, pace: pace) { list, _ in latest.set(list) }
        m.start()
        defer { m.stop() }
        #expect(!TestEnvironment.waitUntil(timeout: 1) { f.requestCount > 0 })
        pace.setPaused(false)
        #expect(TestEnvironment.waitUntil(timeout: 3) { latest.get(f.name)?.state == .up })
    }
}
