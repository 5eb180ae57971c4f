// Prints bytes written per frame, measured two ways:
//  1. the ANSI bytes our diff turns into (AnsiEncoder into a counting sink);
//  2. what ncurses really writes: NcursesTerminal on a pseudo-terminal
//     sized 200×60, counting the bytes read from the master side.
import BenchScene
import Foundation
import TerminalUI
#if canImport(Glibc)
import Glibc
#endif

func ansiFigures() -> (first: Int, unchanged: Int, row: Int) {
    // One cluster table for the screen's frames, as the dashboard keeps it.
    let clusters = ClusterTable()
    var a = Buffer(width: Scene.width, height: Scene.height, clusters: clusters)
    Scene.render(into: &a)
    var b = Buffer(width: Scene.width, height: Scene.height, clusters: clusters)
    Scene.render(into: &b)
    var c = Buffer(width: Scene.width, height: Scene.height, clusters: clusters)
    Scene.render(into: &c, changedRow: true)
    let enc = AnsiEncoder(depth: .ansi256)
    return (enc.encode(FrameDiff.updates(from: nil, to: a), clusters: clusters).count,
            enc.encode(FrameDiff.updates(from: a, to: b), clusters: clusters).count,
            enc.encode(FrameDiff.updates(from: b, to: c), clusters: clusters).count)
}

// Hidden behind _XOPEN_SOURCE in glibc's headers.
@_silgen_name("posix_openpt") func c_posix_openpt(_ flags: Int32) -> Int32
@_silgen_name("grantpt") func c_grantpt(_ fd: Int32) -> Int32
@_silgen_name("unlockpt") func c_unlockpt(_ fd: Int32) -> Int32
@_silgen_name("ptsname") func c_ptsname(_ fd: Int32) -> UnsafeMutablePointer<CChar>?

func ptyFigures() -> (first: Int, unchanged: Int, row: Int)? {
    let master = c_posix_openpt(O_RDWR | O_NOCTTY)
    guard master >= 0, c_grantpt(master) == 0, c_unlockpt(master) == 0, let name = c_ptsname(master) else { return nil }
    let slave = open(name, O_RDWR | O_NOCTTY)
    guard slave >= 0 else { return nil }
    var ws = winsize(ws_row: UInt16(Scene.height), ws_col: UInt16(Scene.width), ws_xpixel: 0, ws_ypixel: 0)
    _ = ioctl(slave, UInt(TIOCSWINSZ), &ws)
    // A reader thread empties the master side while ncurses writes (a full
    // pty would block the writer); it counts every byte.
    final class Counter: @unchecked Sendable {
        let lock = NSLock()
        var bytes = 0
        var last = ContinuousClock.now
        func add(_ n: Int) { lock.lock(); bytes += n; last = ContinuousClock.now; lock.unlock() }
        func snapshot() -> (Int, ContinuousClock.Instant) { lock.lock(); defer { lock.unlock() }; return (bytes, last) }
    }
    let counter = Counter()
    let reader = Thread {
        var buf = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = buf.withUnsafeMutableBytes { read(master, $0.baseAddress, 65536) }
            if n <= 0 { if errno == EINTR { continue }; break }
            counter.add(n)
        }
    }
    reader.start()
    var seen = 0
    // Bytes since the last call, once the output has been quiet for 200 ms.
    func drain() -> Int {
        let start = ContinuousClock.now
        while true {
            let (b, last) = counter.snapshot()
            if ContinuousClock.now - max(last, start) >= .milliseconds(200) {
                defer { seen = b }
                return b - seen
            }
            usleep(20_000)
        }
    }
    setenv("LINES", "\(Scene.height)", 1); setenv("COLUMNS", "\(Scene.width)", 1)
    guard let term = try? NcursesTerminal(inputFD: slave, outputFD: slave, termType: "xterm-256color",
                                          environment: ["TERM": "xterm-256color"], forceDepth: .ansi256) else { return nil }
    defer { term.close() }
    _ = drain()
    let clusters = ClusterTable()
    var a = Buffer(width: Scene.width, height: Scene.height, clusters: clusters)
    Scene.render(into: &a)
    term.present(a)
    let first = drain()
    var b = Buffer(width: Scene.width, height: Scene.height, clusters: clusters)
    Scene.render(into: &b)
    term.present(b)
    let unchanged = drain()
    var c = Buffer(width: Scene.width, height: Scene.height, clusters: clusters)
    Scene.render(into: &c, changedRow: true)
    term.present(c)
    let row = drain()
    return (first, unchanged, row)
}

// `TerminalUIFigures --time N`: N timed renders, min and median printed.
if CommandLine.arguments.count == 3, CommandLine.arguments[1] == "--time", let n = Int(CommandLine.arguments[2]) {
    var buffer = Buffer(width: Scene.width, height: Scene.height)
    var prev = buffer
    var renders: [Duration] = [], diffs: [Duration] = []
    let clock = ContinuousClock()
    for i in 0..<n {
        renders.append(clock.measure { Scene.render(into: &buffer, changedRow: i % 2 == 1) })
        diffs.append(clock.measure { _ = FrameDiff.updates(from: prev, to: buffer) })
        prev = buffer
    }
    renders.sort(); diffs.sort()
    print("render 200x60: min \(renders[0]), median \(renders[n / 2]); diff: min \(diffs[0]), median \(diffs[n / 2])")
    exit(0)
}

let diffRow = {
    var b = Buffer(width: Scene.width, height: Scene.height); Scene.render(into: &b)
    var c = Buffer(width: Scene.width, height: Scene.height, clusters: b.clusters); Scene.render(into: &c, changedRow: true)
    return FrameDiff.updates(from: b, to: c).count
}()
let ansi = ansiFigures()
print("cells changed by the one-row update: \(diffRow)")
print("ANSI encoder (counting sink):  first frame \(ansi.first) B, unchanged frame \(ansi.unchanged) B, one changed table row \(ansi.row) B")
if let p = ptyFigures() {
    print("ncurses on a 200x60 pty:       first frame \(p.first) B, unchanged frame \(p.unchanged) B, one changed table row \(p.row) B")
} else {
    print("ncurses on a pty: could not open a pseudo-terminal")
}
