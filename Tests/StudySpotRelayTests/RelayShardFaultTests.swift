import Foundation
import StudySpotCore
@testable import StudySpotDevStack
import StudySpotTestSupport
import StudySpotWire
import Testing
@testable import StudySpotRelay

/// A users shard killed (SIGKILL of its postmaster) and started again, on a
/// stack of the test's own (never the shared test stack): the relay says it
/// is reconnecting, and the changes made as the shard comes back reach the
/// streams, each once.
@Suite(.serialized) struct RelayShardFaultTests {
    @Test func aKilledShardThatComesBackIsCaughtUp() throws {
        try LocalStackFixture.withStack { stack in
            _ = try stack.up()
            let topology = stack.topology(password: try LocalStackFixture.password(of: stack))
            let p = try RelayTestPlatform(topology: topology, stateURL: topology.stateCache!.url, flush: true)
            let neon = p.shards[0]
            let running = try RunningRelay(p.topology)
            defer { _ = running.shutDown() }
            #expect(TestEnvironment.waitUntil(timeout: 30) { running.relay.shardStatus[neon.name] == "live" })
            let first = try p.book(neon, owner: 1)
            #expect(TestEnvironment.waitUntil(timeout: 30) { (try? p.length(RelayKeys.all)) == 1 })

            let pidFile = stack.paths.postgresData(neon.name) + "/postmaster.pid"
            let text = try String(contentsOfFile: pidFile, encoding: .utf8)
            let main = try #require(pid_t(text.split(separator: "\n").first ?? ""))
            let all = [main] + ProcessTree.children(of: main)
            #expect(kill(main, SIGKILL) == 0)
            #expect(TestEnvironment.waitUntil(timeout: 30) { running.relay.shardStatus[neon.name]?.hasPrefix("reconnecting") == true })
            // A restart is refused until every backend of the killed server is gone.
            #expect(TestEnvironment.waitUntil(timeout: 30) { all.allSatisfy { kill($0, 0) != 0 && errno == ESRCH } })
            _ = try stack.up()
            p.reconnect(neon)
            let after = try (2...4).map { try p.book(neon, owner: 1, seat: $0) }
            #expect(TestEnvironment.waitUntil(timeout: 30) { (try? p.length(RelayKeys.all)) == 4 })
            #expect(TestEnvironment.waitUntil(timeout: 30) { running.relay.shardStatus[neon.name] == "live" })
            #expect(try p.records(RelayKeys.owner(1)).map(\.id) == [first] + after)
            #expect(Set(try p.changes(RelayKeys.all)).count == 4)
        }
    }
}
