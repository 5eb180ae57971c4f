import Foundation
import StudySpotCore

/// One shard's start-up reads on a thread (and connection) of its own beside
/// the feed's (`BookingFeed`): the per-minute read-back and today's tally,
/// whose large rows would otherwise stay in the feed connection's input
/// buffer (Benchmarks/README.md, "Footprint: start-up").
final class SideRead<Value: Sendable>: @unchecked Sendable {
    private let cond = NSCondition()
    private var result: Result<Value, any Error>?

    init(_ role: String, shard: ShardConfig, _ body: @escaping @Sendable () throws -> Value) {
        NamedThread.start("\(role)-\(shard.name)") { [self] in
            let r = Result { try body() }
            cond.lock(); result = r; cond.broadcast(); cond.unlock()
        }
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

/// What a side read waits for before a read that must follow the feed's
/// LISTEN. Abandoned when the attempt fails first, so the side read ends
/// instead of waiting for a LISTEN that will not come.
final class SideReadGate: @unchecked Sendable {
    struct Abandoned: Error {}

    private let cond = NSCondition()
    private var isOpen: Bool?

    func open() { settle(true) }

    /// After `open()` it changes nothing.
    func abandon() { settle(false) }

    func wait() throws {
        cond.lock(); defer { cond.unlock() }
        while isOpen == nil { cond.wait() }
        if isOpen == false { throw Abandoned() }
    }

    private func settle(_ open: Bool) {
        cond.lock()
        if isOpen == nil { isOpen = open; cond.broadcast() }
        cond.unlock()
    }
}
