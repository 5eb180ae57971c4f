import Foundation
import StudySpotConsole
import StudySpotCore
import StudySpotMonitors

/// The benchmark's owner consoles on the relay, and what each showed: when
/// each booking the writer sent reached a frame of each console of its owner,
/// and any booking of another owner a console showed.
final class RelayConsoleFleet: @unchecked Sendable {
    /// One owner console: its feed (its own connection, as its owner's ACL
    /// user, seat maps over the same connection) posting into its own loop.
    final class Console: @unchecked Sendable {
        let owner: Int64
        let feed: RelayFeed
        let ui: HeadlessConsole
        /// Under the fleet's lock.
        var shown: Set<Int64> = []
        var twice = 0
        var foreign = 0
        var live = false
        var seatOutputs = 0

        init(owner: Int64, feed: RelayFeed, ui: HeadlessConsole) { self.owner = owner; self.feed = feed; self.ui = ui }
    }

    private let frameMs: Int
    private let lock = NSLock()
    private var consoles: [Console] = []
    /// Booking id → (owner, when its INSERT was sent).
    private var sentAt: [Int64: (owner: Int64, at: Double)] = [:]
    private var samples: [Double] = []
    private var draws: [Double] = []
    private var pending = 0
    private(set) var expectedPairs = 0

    init(frameMs: Int) { self.frameMs = frameMs }

    var count: Int { lock.withLock { consoles.count } }

    func add(owner: Int64, url: String) {
        let ui = HeadlessConsole(role: .owner, frameMs: frameMs)
        let events = ui.events
        let box = Box()
        // The seat maps are read as an owner console reads them; the Bookings pane drawn here does not show them.
        let feed = RelayFeed(url: url, scope: .owner(owner), costTarget: "bench", seats: { [self] _ in
            lock.withLock { box.console?.seatOutputs += 1 }
        }) { b in events.push(.data(.bookings(.batch(b)))) }
        let c = Console(owner: owner, feed: feed, ui: ui)
        box.console = c
        ui.start(frame: { [self] state, ms in
            let b = state.bookings
            lock.withLock {
                draws.append(ms)
                if b.loaded && b.shardStatus[RelayFeed.statusKey] == "live" { c.live = true }
            }
        }, shown: { [self] rows, t in
            lock.withLock {
                for r in rows {
                    if r.ownerId != c.owner { c.foreign += 1; continue }
                    guard let s = sentAt[r.id] else { continue }
                    if !c.shown.insert(r.id).inserted { c.twice += 1; continue }
                    samples.append((t - s.at) * 1000)
                    pending -= 1
                }
            }
        })
        feed.start()
        lock.withLock { consoles.append(c) }
    }

    private final class Box: @unchecked Sendable { weak var console: Console? }

    func waitLive(timeout: Double) -> Bool {
        wait(timeout) { consoles.allSatisfy(\.live) }
    }

    /// The writer is about to send booking `id` of `owner`: each console of that owner should show it.
    func sent(_ id: Int64, owner: Int64, at: Double) {
        lock.withLock {
            sentAt[id] = (owner, at)
            let n = consoles.filter { $0.owner == owner }.count
            pending += n
            expectedPairs += n
        }
    }

    func waitDelivered(timeout: Double) -> Bool { wait(timeout) { pending <= 0 } }

    /// Polls `condition` under the lock every 10 ms (a benchmark's own waiting; the tests wait on conditions).
    private func wait(_ timeout: Double, _ condition: () -> Bool) -> Bool {
        let until = Date().addingTimeInterval(timeout)
        while Date() < until {
            if lock.withLock(condition) { return true }
            Thread.sleep(forTimeInterval: 0.01)
        }
        return lock.withLock(condition)
    }

    func latencies() -> [Double] { lock.withLock { samples } }
    func drawTimes() -> [Double] { lock.withLock { draws } }

    /// Consoles that showed every booking of their owner; (console, booking) pairs not shown; other owners' and repeated rows.
    func delivery() -> (complete: Int, missing: Int, foreign: Int, twice: Int) {
        lock.withLock {
            var complete = 0, missing = 0
            var byOwner: [Int64: Set<Int64>] = [:]
            for (id, s) in sentAt { byOwner[s.owner, default: []].insert(id) }
            for c in consoles {
                let lost = (byOwner[c.owner] ?? []).subtracting(c.shown).count
                missing += lost
                if lost == 0 { complete += 1 }
            }
            return (complete, missing, consoles.reduce(0) { $0 + $1.foreign }, consoles.reduce(0) { $0 + $1.twice })
        }
    }

    func stop() {
        let all = lock.withLock { consoles }
        for c in all { c.feed.stop() }
        for c in all { c.ui.stop() }
    }
}
