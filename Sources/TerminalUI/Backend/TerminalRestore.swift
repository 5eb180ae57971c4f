#if canImport(Glibc)
import Glibc
#endif

/// Puts the terminal back the way the user had it, even when the process dies.
///
/// `prepare` saves the original termios and builds the reset bytes before
/// curses starts, so the crash handler only needs async-signal-safe calls:
/// `write`, `tcsetattr`, then re-raising the signal with its default action.
public enum TerminalRestore {
    /// Mouse off, bracketed paste off, attributes reset, cursor shown,
    /// alternate screen left.
    public static let resetSequence = "\u{1B}[?1000l\u{1B}[?1002l\u{1B}[?1003l\u{1B}[?1006l\u{1B}[?2004l\u{1B}[0m\u{1B}[?25h\u{1B}[?1049l\r\n"
    /// Sent after curses starts: mouse clicks, wheel and drags in SGR form, bracketed paste.
    public static let enableSequence = "\u{1B}[?1000h\u{1B}[?1002h\u{1B}[?1006h\u{1B}[?2004h"
    /// Mouse and paste modes off, cursor visible (the normal way out; endwin does the rest).
    public static let disableSequence = "\u{1B}[?1000l\u{1B}[?1002l\u{1B}[?1006l\u{1B}[?2004l\u{1B}[?25h"

    nonisolated(unsafe) static var resetBytes: UnsafeMutablePointer<UInt8>? = nil
    nonisolated(unsafe) static var resetCount = 0
    nonisolated(unsafe) static var saved = termios()
    nonisolated(unsafe) static var haveSaved = false
    nonisolated(unsafe) static var fd: Int32 = 1
    nonisolated(unsafe) static var altStack: UnsafeMutableRawPointer? = nil

    /// Saves the terminal state of `fd` and arms the crash handlers for
    /// SIGSEGV, SIGBUS, SIGFPE, SIGABRT, SIGILL and SIGTRAP (Swift traps).
    public static func prepare(fd: Int32) {
        self.fd = fd
        haveSaved = tcgetattr(fd, &saved) == 0
        if resetBytes == nil {
            let bytes = Array(resetSequence.utf8)
            let p = UnsafeMutablePointer<UInt8>.allocate(capacity: bytes.count)
            p.initialize(from: bytes, count: bytes.count)
            resetBytes = p; resetCount = bytes.count
        }
        if altStack == nil {
            // A stack overflow crash needs its own stack to run the handler on.
            let size = 64 * 1024
            altStack = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 16)
            var ss = stack_t()
            ss.ss_sp = altStack
            ss.ss_size = size
            ss.ss_flags = 0
            sigaltstack(&ss, nil)
        }
        for sig in [SIGSEGV, SIGBUS, SIGFPE, SIGABRT, SIGILL, SIGTRAP] {
            var sa = sigaction()
            sa.__sigaction_handler.sa_handler = { sig in
                TerminalRestore.emergencyRestore()
                signal(sig, SIG_DFL)
                raise(sig)
            }
            sa.sa_flags = Int32(SA_ONSTACK) | Int32(bitPattern: UInt32(SA_RESETHAND))
            sigemptyset(&sa.sa_mask)
            sigaction(sig, &sa, nil)
        }
    }

    /// Async-signal-safe restore: raw writes and tcsetattr only.
    static func emergencyRestore() {
        if let p = resetBytes { _ = Glibc.write(fd, p, resetCount) }
        if haveSaved { tcsetattr(fd, TCSANOW, &saved) }
    }

    /// Writes a string straight to the terminal, outside ncurses.
    public static func writeRaw(_ s: String, fd: Int32 = 1) {
        let bytes = Array(s.utf8)
        var off = 0
        while off < bytes.count {
            let n = bytes[off...].withUnsafeBufferPointer { Glibc.write(fd, $0.baseAddress, $0.count) }
            if n <= 0 { if errno == EINTR { continue }; break }
            off += n
        }
    }

    /// The saved terminal modes back, for the normal way out after endwin.
    public static func restoreModes() {
        if haveSaved { tcsetattr(fd, TCSANOW, &saved) }
    }
}
