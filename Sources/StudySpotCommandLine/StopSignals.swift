import Foundation
#if canImport(Glibc)
import Glibc
#endif
import StudySpotMonitors

/// Turns SIGTERM and SIGINT (and SIGHUP where asked) into a clean stop of a
/// long-running command (`relay`, `collect`, `simulate`): a plain sigaction
/// handler writes the signal to a pipe, a thread of its own reads it and
/// calls `stop`. Not a Dispatch signal source: in the static release build
/// those caught the signal and never ran their handler (the relay ignored
/// SIGTERM for good, so systemd would have to SIGKILL it).
public final class StopSignals: @unchecked Sendable {
    /// The pipe's write end, for the handler (a C function cannot capture).
    nonisolated(unsafe) private static var writeEnd: Int32 = -1
    private let stop: @Sendable () -> Void

    /// Installs the handlers; keep the returned value for as long as signals should stop.
    public init(_ signals: [Int32] = [SIGTERM, SIGINT], stop: @escaping @Sendable () -> Void) {
        self.stop = stop
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else { return }
        for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        // A full pipe must not block the handler: one byte already waiting says it all.
        _ = fcntl(fds[1], F_SETFL, fcntl(fds[1], F_GETFL) | O_NONBLOCK)
        Self.writeEnd = fds[1]
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { sig in
            var byte = UInt8(truncatingIfNeeded: sig)
            _ = write(StopSignals.writeEnd, &byte, 1)
        }
        sigemptyset(&action.sa_mask)
        action.sa_flags = SA_RESTART
        for sig in signals { sigaction(sig, &action, nil) }
        // A parent may hand its blocked signals down (Foundation's Process spawned
        // `collect` with nearly all of them blocked: SIGTERM stayed pending for
        // good). Unblocked here, on the thread that starts the command.
        var set = sigset_t()
        sigemptyset(&set)
        for sig in signals { sigaddset(&set, sig) }
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
        let readEnd = fds[0]
        NamedThread.start("stop-signals") { [stop] in
            var byte: UInt8 = 0
            while true {
                let n = read(readEnd, &byte, 1)
                if n == 1 { stop() } else if n < 0 && errno == EINTR { continue } else { return }
            }
        }
    }
}
