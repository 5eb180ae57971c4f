import Foundation
import Testing
@testable import TerminalUI
#if canImport(Glibc)
import Glibc
#endif

@_silgen_name("posix_openpt") private func c_posix_openpt(_ flags: Int32) -> Int32
@_silgen_name("grantpt") private func c_grantpt(_ fd: Int32) -> Int32
@_silgen_name("unlockpt") private func c_unlockpt(_ fd: Int32) -> Int32
@_silgen_name("ptsname") private func c_ptsname(_ fd: Int32) -> UnsafeMutablePointer<CChar>?

/// A pseudo-terminal whose master side collects what the ncurses backend writes.
private final class PTY: @unchecked Sendable {
    let master: Int32, slave: Int32

    init?(width: Int, height: Int) {
        master = c_posix_openpt(O_RDWR | O_NOCTTY)
        guard master >= 0, c_grantpt(master) == 0, c_unlockpt(master) == 0, let name = c_ptsname(master) else { return nil }
        slave = open(name, O_RDWR | O_NOCTTY)
        guard slave >= 0 else { return nil }
        var ws = winsize(ws_row: UInt16(height), ws_col: UInt16(width), ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(slave, UInt(TIOCSWINSZ), &ws)
    }

    /// Everything written so far: reads the master side until it has been
    /// quiet for 100 ms, waiting on the descriptor itself (deadline 5 s).
    func take() -> [UInt8] {
        let deadline = ContinuousClock.now + .seconds(5)
        var data: [UInt8] = []
        var buf = [UInt8](repeating: 0, count: 65536)
        var pfd = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
        while ContinuousClock.now < deadline {
            let ready = poll(&pfd, 1, 100)
            if ready == 0 { break }
            if ready < 0 { if errno == EINTR { continue }; break }
            let n = buf.withUnsafeMutableBytes { read(master, $0.baseAddress, 65536) }
            if n <= 0 { break }
            data.append(contentsOf: buf[0..<n])
        }
        return data
    }
}

@Suite("ncurses backend on a pseudo-terminal", .serialized)
struct NcursesBackendTests {
    @Test("Writes a frame, nothing for an unchanged frame, a little for one changed cell; clusters ncurses cannot size stay aligned")
    func frames() throws {
        let pty = try #require(PTY(width: 20, height: 3))
        let term = try NcursesTerminal(inputFD: pty.slave, outputFD: pty.slave, termType: "xterm-256color",
                                       environment: ["TERM": "xterm-256color"], forceDepth: .ansi256)
        defer { term.close() }
        #expect(term.size == Size(width: 20, height: 3))
        #expect(term.depth == .ansi256)
        _ = pty.take()
        var b = Buffer(width: 20, height: 3)
        b.put("ok 図書 \u{1F39F}\u{FE0F}|x", x: 0, y: 0, style: Style(fg: .indexed(2)))
        b.put("\u{1B}]0;pwned\u{07}", x: 0, y: 1)
        #expect(term.present(b) > 0)
        let first = String(decoding: pty.take(), as: UTF8.self)
        #expect(first.contains("図書"))
        // VS16 emoji: ncurses would call it one column, so the backend
        // draws the bare emoji and pads, keeping "|x" in its column.
        #expect(first.contains("\u{1F39F} |x"))
        #expect(!first.contains("\u{FE0F}"))
        // The hostile title change arrives as visible text, never as OSC.
        #expect(first.contains("␛]0;pwned␇"))
        #expect(!first.contains("\u{1B}]0;"))
        #expect(term.present(b) == 0)
        #expect(pty.take().isEmpty)
        b.put("K", x: 0, y: 2)
        #expect(term.present(b) == 1)
        let one = pty.take()
        #expect(!one.isEmpty && one.count < 40)
    }
}
