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
        func set(_ l: [InstanceHealth]) {
            lock.withLock {
                list = l
                for h in l {
                    seen.insert("\(h.name):\(h.state.rawValue)")
                    if h.lastProbeShared { seen.insert("\(h.name):shared") }
                }
            }
        }
        /// Whether a probe result of another console was ever adopted.
        func adoptedShared(_ name: String) -> Bool { lock.withLock { seen.contains("\(name):shared") } }
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

    @Test func aSleeperWithoutEvidenceIsProbedOnceAndThenNoMoreThanItsBudgetAllows() throws {
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
        // No heartbeat and no shared probe: never "sleeping" on no evidence; one probe
        // finds out, and its slow answer is a cold start (waking), not down.
        #expect(TestEnvironment.waitUntil(timeout: 8) { latest.wasSeen(name, .waking) })
        #expect(!latest.wasSeen(name, .sleeping) || latest.wasSeen(name, .waking))
        #expect(!latest.wasSeen(name, .down))
        let woken = try #require(latest.get(name))
        #expect(woken.evidence(now: Date()).contains("cold start 1."), "\(woken.evidence(now: Date()))")
        _ = TestEnvironment.waitUntil(timeout: 3) { Date().timeIntervalSince(started) > 9 }
        let elapsed = Date().timeIntervalSince(started)
        #expect(s.requestCount >= 1)
        #expect(s.requestCount <= Int(elapsed / 2) + 1, "\(s.requestCount) probes in \(elapsed) s")
    }

    @Test func twoConsolesWakeASleeperNoMoreOftenThanOne() throws {
        let name = "probe-shared-\(UUID().uuidString.prefix(6))"
        let s = try Self.fake(name, .sleeping) { $0.coldStartSeconds = 0.3; $0.idleSeconds = 0.1 }
        defer { s.stop() }
        let cache = try Self.stateCache()
        var settings = InstanceProbeSettings()
        settings.sleeperInterval = 1; settings.sleeperTimeout = 3; settings.stateInterval = 0.2
        let config = Self.config(s, priority: 2, weight: 20, sleeps: true)
        let one = Latest(), two = Latest()
        let started = Date()
        let m1 = InstanceProbeMonitor(instances: [config], stateCache: cache, settings: settings) { list, _ in one.set(list) }
        let m2 = InstanceProbeMonitor(instances: [config], stateCache: cache, settings: settings) { list, _ in two.set(list) }
        m1.start(); m2.start()
        defer { m1.stop(); m2.stop() }
        // Both consoles know the sleeper's state, from one shared pace of probes.
        #expect(TestEnvironment.waitUntil(timeout: 8) {
            (one.get(name)?.probes ?? 0) > 0 && (two.get(name)?.probes ?? 0) > 0 && Date().timeIntervalSince(started) > 8
        })
        let elapsed = Date().timeIntervalSince(started)
        // One console alone probes at most once a second (its pace); two unshared would be twice that.
        #expect(s.requestCount <= Int(elapsed) + 1, "\(s.requestCount) probes in \(elapsed) s by two consoles")
        #expect(one.adoptedShared(name) || two.adoptedShared(name), "neither console read the other's probe")
        let stored = try #require(try SharedProbe.read(try RedisConnection(url: cache.url), url: config.url))
        #expect(stored.outcome == .cold || stored.outcome == .ok)
    }

    @Test func aFailedProbeIsSharedAndAdoptedWithItsReason() throws {
        let name = "probe-failing-\(UUID().uuidString.prefix(6))"
        let s = try Self.fake(name, .failing)
        defer { s.stop() }
        let cache = try Self.stateCache()
        var settings = InstanceProbeSettings()
        settings.sleeperInterval = 600; settings.stateInterval = 0.2
        let config = Self.config(s, priority: 2, weight: 20, sleeps: true)
        let first = Latest()
        let m1 = InstanceProbeMonitor(instances: [config], stateCache: cache, settings: settings) { list, _ in first.set(list) }
        m1.start()
        #expect(TestEnvironment.waitUntil(timeout: 5) { first.get(name)?.state == .down })
        m1.stop()
        #expect(first.get(name)?.lastError == "HTTP 500")
        #expect(first.get(name)?.evidence(now: Date()).hasPrefix("probed 0s ago: HTTP 500") == true, "\(first.get(name)?.evidence(now: Date()) ?? "")")
        let requests = s.requestCount
        // A console started later (or a cron snapshot) reads the result instead of probing again.
        let second = Latest()
        let m2 = InstanceProbeMonitor(instances: [config], stateCache: cache, settings: settings) { list, _ in second.set(list) }
        m2.start()
        defer { m2.stop() }
        #expect(TestEnvironment.waitUntil(timeout: 5) { second.get(name)?.state == .down })
        let adopted = try #require(second.get(name))
        #expect(adopted.lastProbeShared && adopted.lastError == "HTTP 500")
        #expect(adopted.evidence(now: Date()).contains("by another console: HTTP 500"))
        #expect(s.requestCount == requests)
    }

    @Test func aRefusedAlwaysOnInstanceIsDownAtItsFirstProbe() throws {
        let f = try Self.fake("probe-refused-\(UUID().uuidString.prefix(6))", .down)
        defer { f.stop() }
        var settings = InstanceProbeSettings()
        settings.interval = 5
        let latest = Latest()
        let m = InstanceProbeMonitor(instances: [Self.config(f, priority: 1, weight: 60, sleeps: false)], stateCache: nil,
                                     settings: settings) { list, _ in latest.set(list) }
        m.start()
        defer { m.stop() }
        #expect(TestEnvironment.waitUntil(timeout: 3) { latest.get(f.name)?.state == .down })
        #expect(latest.get(f.name)?.lastError == "connection refused")
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
