import Foundation
@testable import StudySpotMonitors
import StudySpotCore
import Testing

/// The feed's side read waits at this gate for LISTEN before it reads
/// today's tally; a failed attempt must release it, or the attempt's
/// clean-up (which waits for the side read) would hang the shard's thread.
@Suite struct SideReadGateTests {
    let shard = ShardConfig(name: "neon", provider: "neon", role: .users, users: UserRange(lower: 1, upper: 7500), dsn: "")

    @Test func aWaiterGoesOnOnceTheGateOpensOnAnotherThread() throws {
        let gate = SideReadGate()
        let read = SideRead("test", shard: shard) { try gate.wait(); return 7 }
        gate.open()
        #expect(try read.wait() == 7)
    }

    @Test func anAbandonedGateEndsTheWaitWithAnError() {
        let gate = SideReadGate()
        let read = SideRead("test", shard: shard) { try gate.wait(); return 7 }
        gate.abandon()
        #expect(throws: SideReadGate.Abandoned.self) { try read.wait() }
    }

    @Test func theFirstWordStands() throws {
        let opened = SideReadGate()
        opened.open(); opened.abandon()
        try opened.wait()
        let abandoned = SideReadGate()
        abandoned.abandon(); abandoned.open()
        #expect(throws: SideReadGate.Abandoned.self) { try abandoned.wait() }
    }
}
