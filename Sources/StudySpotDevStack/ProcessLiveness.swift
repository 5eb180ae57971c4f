import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Whether a process from a pid file is still there, and waiting on conditions.
enum ProcessLiveness {
    /// True when `pid` exists and is not a zombie. A zombie has exited; it only
    /// waits for a parent (often an init that reaps late) to collect it.
    static func isAlive(_ pid: pid_t) -> Bool {
        guard pid > 0 else { return false }
        if kill(pid, 0) != 0 && errno != EPERM { return false }
        if let stat = FileSystem.read("/proc/\(pid)/stat"),
           let close = stat.lastIndex(of: ")") {
            let state = stat[stat.index(after: close)...].trimmingCharacters(in: .whitespaces).first
            if state == "Z" || state == "X" { return false }
        }
        return true
    }

    /// True when `pid` is alive and its command line mentions `program`:
    /// guards against a stale pid file whose pid now belongs to something else.
    static func isRunning(_ pid: pid_t, program: String) -> Bool {
        guard isAlive(pid) else { return false }
        guard let cmdline = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else {
            return true // no /proc: trust the pid
        }
        return String(decoding: cmdline, as: UTF8.self).contains(program)
    }

    /// Polls `condition` until it holds or `timeout` passes; returns whether it held.
    /// The short pause between polls is not a wait for a server: the deadline is.
    static func waitUntil(timeout: Duration, every interval: Duration = .milliseconds(50),
                          _ condition: () -> Bool) -> Bool {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: timeout)
        while true {
            if condition() { return true }
            if clock.now >= deadline { return false }
            let (seconds, attoseconds) = interval.components
            usleep(UInt32(seconds * 1_000_000 + attoseconds / 1_000_000_000_000))
        }
    }
}
