import Foundation
import StudySpotMonitors
import Testing
import StudySpotCore
import StudySpotTestSupport

/// Today's tally as the feed loads it at start against a real shard, on a
/// connection of its own (so that its large rows do not grow the feed's
/// connection's input buffer for good), bookings far apart in ids and on
/// two shards.
@Suite(.serialized) struct TodayTallyFeedTests {
    @Test func bookingsInManyIdRangesAreEachCountedOnce() throws {
        let p = try OwnerViewPlatform(isolated: "tally_ranges")
        defer { p.cleanUp() }
        let statuses = ["reserved", "checked_in", "reserved", "cancelled", "reserved", "completed", "checked_in", "reserved"]
        for (n, status) in statuses.enumerated() {
            p.skipBookingIds(5_000)
            _ = try p.insert(p.shards[n % 2], seat: n + 1, status: status)
        }
        // Two in the same range as the last one, on the same shard.
        _ = try p.insert(p.shards[1], seat: 20, status: "reserved")
        _ = try p.insert(p.shards[1], seat: 21, status: "no_show")
        var expected: [String: Int] = [:]
        for s in statuses + ["reserved", "no_show"] { expected[s, default: 0] += 1 }

        let console = OwnerViewConsole()
        // The newest rows the feed shows at start are counted as they arrive: none
        // here, so every count comes from the tally's statement.
        var o = BookingFeed.Options()
        o.initialRows = 0
        let feed = BookingFeed(topology: p.topology, login: nil, options: o) { console.post(.bookings(.batch($0))) }
        feed.start()
        defer { feed.stop() }
        func today(_ c: OwnerViewConsole) -> [String: Int] { c.state.bookings.today.filter { $0.value != 0 } }
        #expect(console.wait { c in c.state.bookings.loaded && today(c) == expected }, "\(today(console)) against \(expected)")
    }
}
