import Foundation
import StudySpotCore

/// One shard's start-up read run on a thread of its own beside the shard's
/// other start-up reads (`BookingFeed`): the per-minute read-back, at 10x the
/// slowest of them (Benchmarks/README.md, "Footprint: start-up"), and today's
/// tally, on a connection that closes after it.
final class ActivityReadBack: @unchecked Sendable {
    private let cond = NSCondition()
    private var finished = false
    private var failure: (any Error)?

    init(shard: ShardConfig, role: String = "readback", _ body: @escaping @Sendable () throws -> Void) {
        let t = Thread { [self] in
            var error: (any Error)?
            do { try body() } catch let e { error = e }
            cond.lock(); finished = true; failure = error; cond.broadcast(); cond.unlock()
        }
        t.name = "\(role)-\(shard.name)"
        t.start()
    }

    /// Until the read-back is done; rethrows its failure (the shard then
    /// reconnects, as when the read ran on the feed's own connection).
    func wait() throws {
        cond.lock(); defer { cond.unlock() }
        while !finished { cond.wait() }
        if let failure { throw failure }
    }

    func waitIgnoringFailure() {
        cond.lock(); while !finished { cond.wait() }; cond.unlock()
    }
}
