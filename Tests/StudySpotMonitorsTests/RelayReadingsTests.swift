import Foundation
import Testing
import StudySpotCore
import StudySpotTestSupport
import StudySpotWire
@testable import StudySpotMonitors

/// An operator's console on the relay reads `relay:readings` instead of
/// polling; old readings or a lapsed heartbeat are silence, never figures.
/// Against the stack's Redis, in a database of the test's own (7).
@Suite(.serialized) struct RelayReadingsTests {
    static func readings(at: Date) -> RelayReadings {
        var shard = ShardHealth(name: "neon", provider: "neon", role: .users, users: UserRange(lower: 1, upper: 7500))
        shard.reachable = true; shard.sizeBytes = 42_000_000; shard.checkedAt = at
        var cache = CacheHealth(name: "railway-redis", provider: "railway", role: .state)
        cache.reachable = true; cache.usedMemoryBytes = 1_000_000
        let instance = InstanceHealth(config: InstanceConfig(name: "fly", provider: "fly", url: "http://127.0.0.1:1", priority: 1, weight: 50, sleeps: false))
        return RelayReadings(shards: [shard], caches: [cache], instances: [instance], publishedAt: at)
    }

    @Test func readingsArePostedOnceAndStalenessIsSaid() throws {
        let cache = try RelayTestCache(database: 7)
        try cache.admin.command(["DEL", RelayKeys.readings, RelayKeys.status])
        let monitor = RelayReadingsMonitor(stateCache: CacheConfig(name: "railway-redis", provider: "railway", role: .state, url: cache.url)) { _ in }
        let now = Date()
        // No relay has run: said, with nothing to show.
        #expect(monitor.pollOnce(now: now, interval: 2).contains(.silent("relay silent: no readings in the state cache (is studyspot relay running?)")))

        let fresh = Self.readings(at: now.addingTimeInterval(-1))
        try cache.admin.command(["SET", RelayKeys.readings, String(decoding: try JSONEncoder().encode(fresh), as: UTF8.self)])
        try cache.admin.command(["HSET", RelayKeys.status, "heartbeat", String(now.timeIntervalSince1970 - 1), "pid", "1"])
        let first = monitor.pollOnce(now: now, interval: 2)
        #expect(first.contains(.readings(fresh)))
        // The same readings are not posted again as if new.
        #expect(!monitor.pollOnce(now: now.addingTimeInterval(2), interval: 2).contains { if case .readings = $0 { true } else { false } })

        // Seven seconds later with a 2 s refresh: older than three intervals.
        let later = now.addingTimeInterval(6)
        let silent = monitor.pollOnce(now: later, interval: 2)
        let expected = "relay silent since " + RelayFreshness.clock(now.addingTimeInterval(-1), BookingTodayTally.platformTimeZone)
        #expect(silent.contains(.silent(expected)), "\(silent)")
        #expect(!silent.contains { if case .readings = $0 { true } else { false } })

        // The relay is back: its readings are posted again.
        let back = Self.readings(at: later)
        try cache.admin.command(["SET", RelayKeys.readings, String(decoding: try JSONEncoder().encode(back), as: UTF8.self)])
        try cache.admin.command(["HSET", RelayKeys.status, "heartbeat", String(later.timeIntervalSince1970)])
        #expect(monitor.pollOnce(now: later, interval: 2).contains(.readings(back)))
    }

    /// The rule itself, as a pure function.
    @Test func freshnessJudgesReadingsAndHeartbeat() {
        let now = Date(timeIntervalSince1970: 1_760_000_000)
        let tz = TimeZone(identifier: "UTC")!
        let r = Self.readings(at: now.addingTimeInterval(-5))
        #expect(RelayFreshness.judge(readings: r, readingsPresent: true, heartbeat: now.timeIntervalSince1970 - 1, now: now, interval: 2, timeZone: tz) == .fresh)
        // Readings 7 s old at a 2 s refresh: silent since they were published.
        let old = Self.readings(at: now.addingTimeInterval(-7))
        #expect(RelayFreshness.judge(readings: old, readingsPresent: true, heartbeat: now.timeIntervalSince1970, now: now, interval: 2, timeZone: tz)
                == .silent("relay silent since " + RelayFreshness.clock(now.addingTimeInterval(-7), tz)))
        // Fresh readings but a heartbeat that lapsed 10 minutes ago.
        let beat = now.addingTimeInterval(-600)
        #expect(RelayFreshness.judge(readings: r, readingsPresent: true, heartbeat: beat.timeIntervalSince1970, now: now, interval: 2, timeZone: tz)
                == .silent("relay silent since " + RelayFreshness.clock(beat, tz)))
        #expect(RelayFreshness.judge(readings: r, readingsPresent: true, heartbeat: nil, now: now, interval: 2, timeZone: tz) == .fresh)
        #expect(RelayFreshness.judge(readings: old, readingsPresent: true, heartbeat: nil, now: now, interval: 2, timeZone: tz) != .fresh)
        #expect(RelayFreshness.clock(Date(timeIntervalSince1970: 3_600 * 14 + 60 * 5), tz) == "14:05")
        #expect(RelayFreshness.judge(readings: nil, readingsPresent: true, heartbeat: nil, now: now, interval: 2) != .fresh)
    }
}
