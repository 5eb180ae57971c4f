import Foundation
import StudySpotCore

/// One shard's start-up read on a thread (and connection) of its own beside
/// the feed's other start-up reads (`BookingFeed`): the per-minute read-back,
/// at 10x the slowest of them (Benchmarks/README.md, "Footprint: start-up"),
/// and today's tally, whose large rows would otherwise stay in the feed
/// connection's input buffer.
final class SideRead<Value: Sendable>: @unchecked Sendable {
    private let cond = NSCondition()
    private var result: Result<Value, any Error>?

    init(_ role: String, shard: ShardConfig, _ body: @escaping @Sendable () throws -> Value) {
        let t = Thread { [self] in
            let r = Result { try body() }
            cond.lock(); result = r; cond.broadcast(); cond.unlock()
        }
        t.name = "\(role)-\(shard.name)"
        t.start()
    }

    /// Until the read is done; rethrows its failure (the shard then
    /// reconnects, as when the read ran on the feed's own connection).
    func wait() throws -> Value {
        try waitForResult().get()
    }

    func waitIgnoringFailure() {
        _ = waitForResult()
    }

    private func waitForResult() -> Result<Value, any Error> {
        cond.lock(); defer { cond.unlock() }
        while result == nil { cond.wait() }
        return result!
    }
}
