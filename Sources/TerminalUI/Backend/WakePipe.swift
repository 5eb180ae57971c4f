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

/// A thread-safe queue that wakes the UI loop on every push: how monitors
/// hand their events to the only thread that may touch ncurses.
public final class EventQueue<Element: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [Element] = []
    public let pipe = WakePipe()

    public init() {}

    public func push(_ e: Element) {
        lock.lock(); items.append(e); lock.unlock()
        pipe.wake()
    }

    /// Everything pushed so far, oldest first.
    public func drain() -> [Element] {
        pipe.drain()
        lock.lock(); defer { lock.unlock() }
        let out = items
        items = []
        return out
    }
}
