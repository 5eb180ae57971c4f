import Foundation
import StudySpotCore
@testable import StudySpotDevStack
import StudySpotTestSupport
import StudySpotWire
import Testing
@testable import StudySpotRelay

/// A Redis server of the test's own as the state cache (never the shared
/// stack's, which other tests use), killed with SIGKILL and started again on
/// the same port and folder; its append-only file keeps what it acknowledged.
final class OwnStateCache: @unchecked Sendable {
    let port = TestEnvironment.freeServerPort()
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("relay-cache-\(UUID().uuidString.prefix(8))")
    private var process: Process?
    var url: String { "redis://127.0.0.1:\(port)/0" }

    init() throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try start()
    }

    func start() throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: try ProcessRunner.which("redis-server", in: ["/usr/bin", "/usr/local/bin", "/usr/sbin"]))
        p.arguments = ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "yes",
                       "--appendfsync", "always", "--dir", directory.path, "--daemonize", "no"]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        process = p
        let served = TestEnvironment.waitUntilServing(timeout: 20, alive: { p.isRunning }) {
            (try? RedisConnection(url: url, timeoutSeconds: 1).command(["PING"]).string) == "PONG"
        }
        if !served { throw PlatformError(detail: "redis-server on \(port) did not answer") }
    }

    func kill() {
        guard let p = process else { return }
        Foundation.kill(p.processIdentifier, SIGKILL)
        p.waitUntilExit()
        process = nil
    }

    func tearDown() {
        kill()
        try? FileManager.default.removeItem(at: directory)
    }
}

struct PlatformError: Error { let detail: String }

@Suite(.serialized) struct RelayStateCacheFaultTests {
    /// Changes made while the cache is down reach the streams once it is back, each once.
    func outage(pendingLimit: Int, name: String) throws {
        let cache = try OwnStateCache()
        defer { cache.tearDown() }
        let p = try RelayTestPlatform(name, stateURL: cache.url)
        var settings = Relay.Settings()
        settings.pendingLimit = pendingLimit
        let running = try RunningRelay(p.topology, settings: settings)
        defer { _ = running.shutDown() }
        let first = try p.book(p.shards[0], owner: 1)
        #expect(TestEnvironment.waitUntil(timeout: 30) { (try? p.length(RelayKeys.all)) == 1 })
        cache.kill()
        let during = [try p.book(p.shards[0], owner: 1, seat: 2), try p.book(p.shards[1], owner: 2), try p.book(p.shards[2], owner: 1, seat: 3)]
        // Read from the shards while the cache is down: waiting in memory, or dropped past the bound.
        #expect(TestEnvironment.waitUntil(timeout: 30) {
            pendingLimit >= 3 ? running.relay.counts.pending == 3 : running.relay.counts.pending == 0 && running.relay.overflowed
        })
        try cache.start()
        p.redis = try RedisConnection(url: cache.url)
        #expect(TestEnvironment.waitUntil(timeout: 30) { (try? p.length(RelayKeys.all)) == 4 })
        let all = try p.changes(RelayKeys.all)
        #expect(Set(all).count == 4 && all.count == 4, "\(all)")
        #expect(Set(try p.records(RelayKeys.all).map(\.id)) == Set([first] + during))
        #expect(try p.records(RelayKeys.owner(2)).map(\.id) == [during[1]])
    }

    @Test func changesWaitInMemoryWhileTheStateCacheIsDown() throws {
        try outage(pendingLimit: 1_000, name: "cache_down")
    }

    @Test func pastTheBoundChangesAreReadAgainFromTheShards() throws {
        try outage(pendingLimit: 2, name: "cache_overflow")
    }
}
