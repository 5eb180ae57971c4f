import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// What the UI loop learns from one wait.
public enum SessionEvent: Sendable, Hashable {
    case input(InputEvent)
    case resize(Size)
    /// SIGINT, SIGTERM, SIGHUP, SIGQUIT, or the terminal went away.
    case terminate(Int32)
    /// Another thread pushed to the event queue.
    case wake
}

nonisolated(unsafe) private var signalPipeWriteFD: Int32 = -1

/// A real terminal session: ncurses output, raw input decoded by us, signals
/// through a self-pipe, other threads through a wake pipe, all in one `poll`.
/// `close()` (also run by deinit) restores the terminal.
public final class TerminalSession {
    public let terminal: NcursesTerminal
    public let escapeDelayMS: Int32
    private var decoder = InputDecoder()
    private let signals = WakePipe()
    private let wakeFD: Int32?
    private var closed = false
    private var pendingSince: ContinuousClock.Instant? = nil
    private static let handled = [SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGWINCH]

    /// The message for running without a terminal.
    public static let noTTYMessage = "studyspot dash needs an interactive terminal (stdin and stdout must be a TTY).\nTo print every pane without one, run `studyspot snapshot` (add `--format json` for machines)."

    /// The message for a terminal that cannot move the cursor.
    public static func dumbTerminalMessage(_ term: String) -> String {
        "studyspot dash needs a terminal that can move the cursor; TERM is \(term.isEmpty ? "not set" : "\"\(term)\"").\n" +
            "Set TERM (e.g. TERM=xterm-256color or TERM=vt100), or run `studyspot snapshot` to print every pane."
    }

    /// Opens the session. `wakeFD` is the read end of an `EventQueue`'s pipe.
    public init(environment: [String: String] = ProcessInfo.processInfo.environment,
                forceDepth: ColorDepth? = nil, wakeFD: Int32? = nil, escapeDelayMS: Int32 = 25) throws(TerminalError) {
        guard isatty(0) == 1, isatty(1) == 1 else { throw TerminalError(message: TerminalSession.noTTYMessage) }
        // A terminal without cursor addressing would get the frames as one long
        // stream of text: say so instead of drawing.
        let term = environment["TERM"] ?? ""
        if term.isEmpty || term == "dumb" || term == "unknown" {
            throw TerminalError(message: TerminalSession.dumbTerminalMessage(term))
        }
        self.wakeFD = wakeFD
        self.escapeDelayMS = escapeDelayMS
        TerminalRestore.prepare(fd: 1)
        signal(SIGPIPE, SIG_IGN)
        signalPipeWriteFD = signals.writeFD
        // Installed before ncurses starts, so ncurses keeps its hands off
        // SIGWINCH and SIGINT and every signal reaches this loop.
        for sig in TerminalSession.handled {
            var sa = sigaction()
            sa.__sigaction_handler.sa_handler = { sig in
                var b = UInt8(truncatingIfNeeded: sig)
                _ = Glibc.write(signalPipeWriteFD, &b, 1)
            }
            sa.sa_flags = Int32(SA_RESTART)
            sigemptyset(&sa.sa_mask)
            sigaction(sig, &sa, nil)
        }
        terminal = try NcursesTerminal(environment: environment, forceDepth: forceDepth)
        TerminalRestore.writeRaw(TerminalRestore.enableSequence)
    }

    deinit { close() }

    /// Leaves the terminal as it was: modes off, endwin, saved termios, default signals.
    public func close() {
        guard !closed else { return }
        closed = true
        TerminalRestore.writeRaw(TerminalRestore.disableSequence)
        terminal.close()
        TerminalRestore.restoreModes()
        TerminalRestore.writeRaw(TerminalRestore.disableSequence)
        for sig in TerminalSession.handled { signal(sig, SIG_DFL) }
    }

    /// Waits up to `timeoutMS` (nil: forever) and returns what happened. A
    /// pending ESC is resolved after the escape delay. With `watchWake` false
    /// the event queue's pipe is left alone (a loop waiting for its next frame
    /// slot takes the queue then, instead of waking for every push).
    public func wait(timeoutMS: Int?, watchWake: Bool = true) -> [SessionEvent] {
        var timeout = Int32(clamping: timeoutMS ?? -1)
        if decoder.hasPending { timeout = timeout < 0 ? escapeDelayMS : min(timeout, escapeDelayMS) }
        var fds = [pollfd(fd: 0, events: Int16(POLLIN), revents: 0),
                   pollfd(fd: signals.readFD, events: Int16(POLLIN), revents: 0)]
        if let wakeFD, watchWake { fds.append(pollfd(fd: wakeFD, events: Int16(POLLIN), revents: 0)) }
        let n = poll(&fds, nfds_t(fds.count), timeout)
        var out: [SessionEvent] = []
        if n < 0 && errno != EINTR { return [.terminate(SIGHUP)] }
        if fds[1].revents != 0 {
            for s in Set(signals.drain()) {
                if Int32(s) == SIGWINCH { out.append(.resize(terminal.updateSize())) }
                else { out.append(.terminate(Int32(s))) }
            }
        }
        if fds[0].revents & Int16(POLLIN) != 0 {
            var buf = [UInt8](repeating: 0, count: 4096)
            let r = buf.withUnsafeMutableBytes { Glibc.read(0, $0.baseAddress, 4096) }
            if r > 0 {
                out += decoder.feed(buf[0..<r]).map { .input($0) }
                pendingSince = decoder.hasPending ? ContinuousClock.now : nil
            } else if r == 0 || (errno != EINTR && errno != EAGAIN) {
                out.append(.terminate(SIGHUP))
            }
        } else if fds[0].revents & Int16(POLLHUP | POLLERR) != 0 {
            out.append(.terminate(SIGHUP))
        }
        if decoder.hasPending, let since = pendingSince,
           ContinuousClock.now - since >= .milliseconds(Int(escapeDelayMS)) {
            out += decoder.flush().map { .input($0) }
            pendingSince = nil
        }
        if fds.count > 2, fds[2].revents != 0 { out.append(.wake) }
        return out
    }
}
