import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A pipe whose read end wakes a `poll` loop when another thread has news.
public final class WakePipe: @unchecked Sendable {
    public let readFD: Int32
    public let writeFD: Int32

    public init() {
        var fds: [Int32] = [0, 0]
        precondition(pipe(&fds) == 0, "pipe() failed")
        readFD = fds[0]; writeFD = fds[1]
        for fd in fds {
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        }
    }

    deinit { Glibc.close(readFD); Glibc.close(writeFD) }

    /// Wakes the reader; a full pipe already means "wake up", so EAGAIN is fine.
    public func wake() {
        var b: UInt8 = 1
        _ = Glibc.write(writeFD, &b, 1)
    }

    /// Empties the pipe; returns the bytes read.
    @discardableResult
    public func drain() -> [UInt8] {
        var out: [UInt8] = []
        var buf = [UInt8](repeating: 0, count: 64)
        while true {
            let n = buf.withUnsafeMutableBytes { Glibc.read(readFD, $0.baseAddress, 64) }
            if n <= 0 { break }
            out.append(contentsOf: buf[0..<n])
        }
        return out
    }
}

/// A thread-safe queue that wakes the UI loop: how monitors hand their
/// events to the only thread that may touch ncurses.
///
/// Two things keep a burst from flooding the UI. The pipe gets one byte per
/// wake-up, not per event: a push into a queue the reader has not drained yet
/// writes nothing. And `merge` may fold an event into the one pushed just
/// before it (e.g. two booking batches into one), so while the UI is busy
/// drawing, a monitor's burst waits as one growing event instead of thousands.
public final class EventQueue<Element: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [Element] = []
    /// A byte is in the pipe (or about to be) that `drain` has not taken yet.
    private var signalled = false
    /// A push asked to be taken at once since the last `drain`.
    private var prompt = false
    private let merge: (@Sendable (inout Element, Element) -> Bool)?
    public let pipe = WakePipe()

    /// `merge(&last, next)` returns true when it folded `next` into `last`;
    /// only the newest queued event is offered, so order is kept.
    public init(merge: (@Sendable (inout Element, Element) -> Bool)? = nil) { self.merge = merge }

    /// Queues `e`. With `wake` false the event is quiet: it wakes the reader
    /// only when it finds the queue empty, so the reader learns that something
    /// waits without a wake-up per event; the reader then `acknowledge`s and
    /// takes it by a deadline of its own (the dashboard folds periodic monitor
    /// readings at most once a second) or with the next prompt push.
    public func push(_ e: Element, wake: Bool = true) {
        lock.lock()
        let first = items.isEmpty
        if let merge, !items.isEmpty, merge(&items[items.count - 1], e) {
            // folded into the pending event
        } else {
            items.append(e)
        }
        let wanted = wake || first
        let write = wanted && !signalled
        if wanted { signalled = true }
        if wake { prompt = true }
        lock.unlock()
        if write { pipe.wake() }
    }

    /// Takes the wake-up but leaves the events queued: the reader has seen
    /// that quiet events wait. Returns true when a prompt one is among them
    /// (then the reader drains now); a later prompt push wakes it again.
    public func acknowledge() -> Bool {
        pipe.drain()
        lock.lock(); defer { lock.unlock() }
        signalled = false
        return prompt
    }

    /// Everything pushed so far, oldest first.
    public func drain() -> [Element] {
        // Empty the pipe before clearing the flag: a push in between then
        // either sees the flag still set (and its event is taken below) or
        // writes a fresh byte after it, so no wake-up is lost.
        pipe.drain()
        lock.lock(); defer { lock.unlock() }
        signalled = false
        prompt = false
        let out = items
        items = []
        return out
    }

    /// Events waiting (for tests and benchmarks).
    public var count: Int { lock.lock(); defer { lock.unlock() }; return items.count }

    /// Waits until something was pushed or `timeoutMS` passed (nil: forever);
    /// for loops without a terminal (benchmarks, tests).
    public func waitForPush(timeoutMS: Int?) -> Bool {
        var fd = pollfd(fd: pipe.readFD, events: Int16(POLLIN), revents: 0)
        return poll(&fd, 1, Int32(clamping: timeoutMS ?? -1)) > 0
    }
}
