import Foundation
@testable import StudySpotMonitors
import StudySpotConfig
import StudySpotTestSupport
import Testing

/// The booking feed's idle `SELECT 1` (a hung server sends nothing, like a
/// quiet one) waits for the server's last answer on any of the console's
/// connections, so it comes at most one check interval (and an eighth)
/// after the server fell silent, and at least every `ownCheck` on the feed's
/// own connection.
@Suite struct FeedIdleCheckTests {
    static let t0 = Date(timeIntervalSince1970: 1_796_551_200)

    @Test func dueOneIntervalAndAnEighthAfterTheServerWasLastHeard() {
        let due = BookingFeed.idleCheckDue(heard: Self.t0, own: Self.t0, every: 2, ownEvery: 30)
        #expect(due == Self.t0.addingTimeInterval(2.25))
    }

    @Test func anAnswerOnAnotherConnectionPostponesItUpToTheOwnBound() {
        // The Shards pane's monitor heard the server at 28 s: the feed would wait until 30.25 s,
        // but its own connection was last heard at 0 s, so 30 s it is.
        let due = BookingFeed.idleCheckDue(heard: Self.t0.addingTimeInterval(28), own: Self.t0, every: 2, ownEvery: 30)
        #expect(due == Self.t0.addingTimeInterval(30))
        let early = BookingFeed.idleCheckDue(heard: Self.t0.addingTimeInterval(10), own: Self.t0, every: 2, ownEvery: 30)
        #expect(early == Self.t0.addingTimeInterval(12.25))
    }

    @Test func aHungServerIsAskedWithinAnIntervalOfItsLastAnswerWhateverTheOwnBound() {
        // Hung at 7 s, last answer 6.9 s: asked by 9.15 s, the deadline passes by 11.15 s.
        let lastAnswer = Self.t0.addingTimeInterval(6.9)
        for own in [0.0, 5, 6.9] {
            let due = BookingFeed.idleCheckDue(heard: lastAnswer, own: Self.t0.addingTimeInterval(own), every: 2, ownEvery: 30)
            #expect(due <= lastAnswer.addingTimeInterval(2.25))
        }
    }

    @Test func theOwnBoundIsNeverShorterThanTheInterval() {
        let due = BookingFeed.idleCheckDue(heard: Self.t0, own: Self.t0, every: 60, ownEvery: 30)
        #expect(due == Self.t0.addingTimeInterval(60))
    }

    @Test func aShardReadingRecordsWhenTheServerAnswered() throws {
        let topo = try TestEnvironment.topology()
        let neon = try #require(topo.shards.first { $0.name == "neon" })
        let m = ShardMonitor(shard: neon, quotas: QuotaCatalog.entries) { _ in }
        let before = Date()
        let h = m.pollOnce()
        m.closeConnection()
        #expect(h.reachable == true)
        let answered = try #require(SharedReading.shardAnswered.fresh(neon.endpoint, maxAge: 60))
        #expect(answered >= before && answered <= (h.checkedAt ?? .distantFuture))
    }
}
