import Foundation
@testable import StudySpotMonitors
import StudySpotDevStack
import Testing
import StudySpotCore
import StudySpotConfig
import StudySpotTestSupport

/// Collects what a monitor posts, from its thread.
final class Collected<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [T] = []
    func add(_ t: T) { lock.withLock { items.append(t) } }
    var all: [T] { lock.withLock { items } }
    var last: T? { lock.withLock { items.last } }
}

@Suite struct ShardMonitorTests {
    @Test func readsSizeLimitConnectionsAndEstimatesFromTheStack() throws {
        let topo = try TestEnvironment.topology()
        let neon = try #require(topo.shards.first { $0.name == "neon" })
        let seen = Collected<ShardHealth>()
        let m = ShardMonitor(shard: neon, quotas: QuotaCatalog.entries, interval: 0.2) { seen.add($0) }
        m.start()
        defer { m.stop() }
        #expect(TestEnvironment.waitUntil(timeout: 10) { seen.last?.reachable != nil })
        let h = try #require(seen.last)
        #expect(h.reachable == true && h.error == nil)
        #expect((h.sizeBytes ?? 0) > 1_000_000)
        #expect(h.limitBytes == 536_870_912)  // Neon's 0.5 GB from the catalog
        #expect(h.planText == "3 GB")
        #expect((h.connections ?? 0) >= 1 && (h.maxConnections ?? 0) > 0)
    }

    @Test func storageLimitComesFromTheProvidersCatalogEntry() {
        #expect(ShardMonitor.storageLimit(provider: "supabase", quotas: QuotaCatalog.entries).bytes == 536_870_912)
        #expect(ShardMonitor.storageLimit(provider: "planetscale", quotas: QuotaCatalog.entries).bytes == nil)  // no free tier
        #expect(ShardMonitor.storageLimit(provider: "nobody", quotas: QuotaCatalog.entries).plan == nil)
    }

    /// A private stack is stopped under the monitor: the shard turns
    /// unreachable while a cache monitor on the shared stack keeps reporting,
    /// and it recovers when the server returns.
    @Test func aStoppedShardIsUnreachableWhileOthersKeepUpdatingAndRecovers() throws {
        let cache = try #require(try TestEnvironment.topology().stateCache)
        try LocalStackFixture.withStack { stack in
            let config = try stack.up()
            let (dsns, _) = try LocalStackFixture.connectionStrings(in: config)
            let shard = ShardConfig(name: "neon", provider: "neon", role: .users, users: UserRange(lower: 1, upper: 7500), dsn: dsns[1])
            let shardSeen = Collected<ShardHealth>()
            let cacheSeen = Collected<CacheHealth>()
            let sm = ShardMonitor(shard: shard, quotas: QuotaCatalog.entries, interval: 0.2) { shardSeen.add($0) }
            let cm = CacheMonitor(cache: cache, interval: 0.2) { h, _ in cacheSeen.add(h) }
            sm.start(); cm.start()
            defer { sm.stop(); cm.stop() }
            #expect(TestEnvironment.waitUntil(timeout: 15) { shardSeen.last?.reachable == true })

            try stack.down()
            let cacheBefore = cacheSeen.all.count
            #expect(TestEnvironment.waitUntil(timeout: 15) { shardSeen.last?.reachable == false })
            #expect(shardSeen.last?.error?.isEmpty == false)
            #expect(TestEnvironment.waitUntil(timeout: 5) { cacheSeen.all.count > cacheBefore + 2 })
            #expect(cacheSeen.last?.reachable == true)

            _ = try stack.up()
            #expect(TestEnvironment.waitUntil(timeout: 20) { shardSeen.last?.reachable == true })
        }
    }

    @Test func cacheReadingHasMemoryCommandsAndTheQueue() throws {
        let cache = try #require(try TestEnvironment.topology().stateCache)
        let seen = Collected<CacheHealth>()
        let m = CacheMonitor(cache: cache, interval: 0.2) { h, _ in seen.add(h) }
        m.start()
        defer { m.stop() }
        #expect(TestEnvironment.waitUntil(timeout: 10) { seen.last?.reachable != nil })
        let h = try #require(seen.last)
        #expect(h.reachable == true && (h.usedMemoryBytes ?? 0) > 0 && (h.commandsToday ?? 0) > 0)
        #expect(h.emailQueueLength != nil && (h.clients ?? 0) >= 1)
        #expect(CacheMonitor.queuedAt(#"{"queued_at":"2026-11-25 10:00:00+00"}"#) == Date(timeIntervalSince1970: 1_795_600_800))
    }
}
