import Foundation

/// Rows written so far across every loader thread, with a reporter that draws
/// "rows, rows/s, ETA" on stderr (a bar on a terminal, a line every few
/// seconds otherwise).
public final class SeedProgress: @unchecked Sendable {
    private let lock = NSLock()
    private var done = 0
    private var total: Int
    private let started = Date()
    private var stopped = false
    private let isTTY = isatty(STDERR_FILENO) == 1

    public init(total: Int) { self.total = total }

    public func add(_ n: Int) { lock.withLock { done += n } }
    public var rows: Int { lock.withLock { done } }
    public var elapsed: Double { Date().timeIntervalSince(started) }

    public func startReporting() {
        Thread.detachNewThread { [self] in
            while !lock.withLock({ stopped }) {
                draw(final: false)
                Thread.sleep(forTimeInterval: isTTY ? 0.25 : 5) // a display refresh, not synchronisation
            }
        }
    }

    public func finish() {
        lock.withLock { stopped = true; total = max(total, done) }
        draw(final: true)
    }

    public static func grouped(_ n: Int) -> String {
        let s = String(n)
        var out = ""
        for (i, c) in s.reversed().enumerated() {
            if i > 0, i % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return String(out.reversed())
    }

    private func draw(final: Bool) {
        let (d, t) = lock.withLock { (done, total) }
        let secs = max(0.001, elapsed)
        let rate = Double(d) / secs
        let eta = rate > 0 ? Double(max(0, t - d)) / rate : 0
        let frac = t > 0 ? min(1, Double(d) / Double(t)) : 1
        let width = 24
        let filled = Int(frac * Double(width))
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        let text = "\(bar) \(Self.grouped(d))/\(Self.grouped(t)) rows  \(Self.grouped(Int(rate))) rows/s  " +
            (final ? "done in \(String(format: "%.1f", secs))s" : "ETA \(Int(eta) / 60):\(String(format: "%02d", Int(eta) % 60))")
        let line = isTTY ? "\r\u{1B}[2K" + text + (final ? "\n" : "") : text + "\n"
        FileHandle.standardError.write(Data(line.utf8))
    }
}
