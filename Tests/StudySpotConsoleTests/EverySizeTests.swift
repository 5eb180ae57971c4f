import Foundation
import Testing
import StudySpotCore
@testable import StudySpotConsole
@testable import TerminalUI

/// Every pane, the help overlay and a dialog, drawn headless at every size from
/// 1×1 up: nothing traps, the buffer is exactly the size,
/// every row is well formed (a wide cell is followed by its continuation and
/// never hangs off the right edge, no control character reaches a cell), and
/// below the minimum size only the "too small" message shows.
@Suite("Every size from 1×1: every pane, help and a dialog")
struct EverySizeTests {
    typealias F = OwnerPanesFixture

    /// An operator's state with every pane's data loaded: instances, shards,
    /// caches, the booking feed (a Devanagari library and one with escape
    /// sequences in its name), a seat map, quotas, alerts.
    static func loaded() -> State {
        var s = SnapshotReportTests.healthy()
        s.timeZone = F.ist
        s.readOnly = false // so the drain dialog opens
        for e: MonitorEvent in [.instances(.reading(OperatorActionDialogTests.instances(), stateCacheError: nil)),
                                .bookings(.batch(F.batch())),
                                .seats(.libraries([F.devanagari, F.hostile])),
                                .seats(.map(F.seatMap(F.devanagari, seats: 120))),
                                .quotas(.report(QuotasPaneTests().report()))] {
            s = update(s, .data(e)).0
        }
        s.shards.shards[0].error = "connection refused \u{1B}[2J"
        return refreshAlerts(s)
    }

    /// The screens to sweep: each pane, help over Instances, the drain dialog.
    static func screens() -> [(String, State)] {
        let base = loaded()
        var out: [(String, State)] = Pane.allCases.map { pane in
            var s = base; s.pane = pane; return (pane.rawValue, s)
        }
        var help = base; help.pane = .instances; help.overlay = .help(offset: 0)
        out.append(("help", help))
        var dialog = base; dialog.pane = .instances
        dialog = update(dialog, .key(Key(name: "d")!)).0
        if case .confirm = dialog.overlay {} else { Issue.record("d on Instances opened no dialog") }
        out.append(("dialog", dialog))
        return out
    }

    /// Widths 1…120 × heights 1…40, densely sampled to stay within seconds in
    /// a debug build: every size up to 16 wide or 6 high (the tiny ones, where
    /// wrapping and clipping break first), each pane's minimum width and height
    /// and one either side crossed with a spread of the other dimension, a
    /// grid over the rest, and 120×40.
    static func sizes() -> [Size] {
        let minimums = Pane.allCases.map { Size(width: $0.minimumSize.width, height: $0.minimumSize.height + 2) }
        let widthEdges = Set(minimums.flatMap { m in (-1...1).map { m.width + $0 } })
        let heightEdges = Set(minimums.flatMap { m in (-1...1).map { m.height + $0 } })
        var out: [Size] = []
        for w in 1...120 {
            for h in 1...40 {
                let tiny = w <= 16 || h <= 6
                let widthEdge = widthEdges.contains(w) && (h % 3 == 0 || heightEdges.contains(h))
                let heightEdge = heightEdges.contains(h) && w % 5 == 0
                let grid = w % 11 == 0 && h % 4 == 0
                if tiny || widthEdge || heightEdge || grid || (w == 120 && h == 40) { out.append(Size(width: w, height: h)) }
            }
        }
        return out
    }

    @Test func everyScreenAtEverySize() {
        let screens = Self.screens()
        let sizes = Self.sizes()
        var failures = 0
        var reported = Set<String>()
        for (name, base) in screens {
            for size in sizes {
                var s = base
                s = update(s, .resize(size)).0
                var b = Buffer(size: size)
                view(s, into: &b)
                if let problem = Self.problem(b, state: s, size: size) {
                    failures += 1
                    // One example of each kind of problem per screen, not thousands.
                    let kind = "\(name): " + problem.prefix { !$0.isNumber }
                    if reported.insert(kind).inserted { Issue.record("\(name) at \(size.width)×\(size.height): \(problem)\n\(b.textDump)") }
                }
            }
        }
        #expect(failures == 0, "\(failures) renderings were wrong")
        #expect(sizes.count > 1_500, "the sweep covers \(sizes.count) sizes")
    }

    /// Nil when the frame is right for its size, else what is wrong.
    static func problem(_ b: Buffer, state s: State, size: Size) -> String? {
        guard b.width == size.width, b.height == size.height, b.cells.count == size.width * size.height else {
            return "buffer is \(b.width)×\(b.height) with \(b.cells.count) cells"
        }
        for y in 0..<b.height {
            var x = 0
            while x < b.width {
                let c = b[x, y]
                if c.isContinuation { return "continuation cell without its wide cell at \(x),\(y)" }
                if b.grapheme(x, y).unicodeScalars.contains(where: { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }) {
                    return "control character in the cell at \(x),\(y)"
                }
                // A cluster w columns wide (Devanagari conjuncts can be 3) owns w - 1 continuations.
                let w = Int(c.width)
                guard x + w <= b.width else { return "a \(w)-wide cell hangs off the right edge at \(x),\(y)" }
                for k in 1..<w where !b[x + k, y].isContinuation {
                    return "\(w)-wide cell at \(x),\(y) without its continuation at \(x + k)"
                }
                x += w
            }
        }
        let text = b.textDump
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).prefix(size.height)
        if !s.minimumSize.fits(in: size) {
            if text.contains("StudySpot") || text.contains("┌") { return "pane content drawn below its minimum size" }
            let message = Layout.tooSmallMessage(have: size, need: s.minimumSize)
            if size.width >= message.count, !text.contains(message) { return "no \"\(message)\"" }
            if size.width >= 12, size.height >= 3, !text.contains("terminal") { return "the too-small message is missing" }
        } else {
            if !(lines.first ?? "").contains("StudySpot") { return "no tab bar on the first row" }
            if !(lines.last ?? "").contains("q quit") { return "no \"q quit\" on the status line" }
            if !(lines.dropFirst().first ?? "").hasPrefix("┌") { return "the pane's border is not on the second row" }
        }
        return nil
    }
}
