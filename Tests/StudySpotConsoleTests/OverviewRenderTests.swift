import Foundation
import Testing
import StudySpotCore
@testable import StudySpotConsole
@testable import TerminalUI

/// The Overview drawn with every pane's data loaded: it fills the screen it
/// is given, keeps today's five counts whole, and shows more at 250×70.
@Suite("Overview uses its space")
struct OverviewRenderTests {
    /// The day: 835 reserved, 508 checked in, 0 completed, 87 cancelled, 3 no-shows.
    static func loaded() -> State {
        var s = EverySizeTests.loaded()
        s.pane = .overview
        s.bookings.today = ["reserved": 835, "checked_in": 508, "completed": 0, "cancelled": 87, "no_show": 3]
        s.bookings.perMinute = (0..<60).map { Double(($0 * 37) % 220) }
        // An hour of changes, as a running console has: the feed fills the bookings panel.
        for k in (1...12).reversed() {
            s.bookings.feed.append(contentsOf: OwnerPanesFixture.changes.map { r in
                var r = r; r.id += Int64(k * 1_000); r.updatedAt = r.updatedAt.addingTimeInterval(Double(-k * 300)); return r
            })
        }
        for k in s.instances.instances.indices where s.instances.instances[k].state == .up {
            for t in 0..<60 { s.instances.instances[k].latencies.add(0.03 + Double((t * 7 + k) % 11) / 100) }
            s.instances.instances[k].lastLatency = 0.041
            s.instances.instances[k].requestsToday = Int64(12_000 / (k + 1))
        }
        return s
    }

    static func draw(_ s: State, _ w: Int, _ h: Int) -> Buffer {
        let s = update(s, .resize(Size(width: w, height: h))).0
        var b = Buffer(size: Size(width: w, height: h))
        view(s, into: &b)
        return b
    }

    /// Blank cells inside the Overview's outer block, as a share of its inside.
    static func blankShare(_ b: Buffer) -> Double {
        // Row 0 is the tab bar, the last row the status line, rows 1 and h-2 the outer border.
        var blank = 0, all = 0
        for y in 2..<(b.height - 2) {
            for x in 1..<(b.width - 1) {
                all += 1
                if b.grapheme(x, y) == " " { blank += 1 }
            }
        }
        return Double(blank) / Double(all)
    }

    static func lines(_ b: Buffer) -> [String] { b.textDump.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) }

    @Test func at160x48NoMoreThanHalfTheOverviewIsBlank() {
        let b = Self.draw(Self.loaded(), 160, 48)
        let share = Self.blankShare(b)
        #expect(share <= 0.5, "\(Int(share * 100))% blank:\n\(b.textDump)")
        for title in ["Instances", "Alerts", "Bookings today", "Shards", "Caches", "Closest to their limits", "E-mail router"] {
            #expect(b.textDump.contains("┌ \(title) "), "no \(title) panel at 160×48")
        }
    }

    @Test func at100x30TheTallyHasAllFiveNumbers() {
        let text = Self.draw(Self.loaded(), 100, 30).textDump
        #expect(text.contains("reserved 835  checked in 508  completed 0  cancelled 87  no-show 3"), "\(text)")
    }

    @Test func at80x22TheTallyHasAllFiveNumbersAndTheMostImportantPanelsShow() {
        let text = Self.draw(Self.loaded(), 80, 22).textDump
        #expect(text.contains("reserved 835  checked in 508  completed 0  cancelled 87  no-show 3"), "\(text)")
        #expect(text.contains("┌ Instances ") && text.contains("┌ Alerts ") && text.contains("┌ Bookings today "), "\(text)")
    }

    @Test func theTallyDropsLabelsBeforeAnyNumber() {
        let today = ["reserved": 835, "checked_in": 508, "completed": 0, "cancelled": 87, "no_show": 3]
        #expect(bookingTally(today, width: 70) == "reserved 835  checked in 508  completed 0  cancelled 87  no-show 3")
        #expect(bookingTally(today, width: 45) == "res 835 · in 508 · done 0 · ✕ 87 · no-show 3")
        #expect(bookingTally(today, width: 31) == "res 835 in 508 done 0 ✕ 87 ns 3")
        #expect(bookingTally(today, width: 30) == "○ 835 ● 508 ✓ 0 ✕ 87 ns 3")
        #expect(bookingTally(today, width: 26) == "○ 835 ● 508 ✓ 0 ✕ 87 ns 3")
        let big = ["reserved": 1_234_567, "checked_in": 508, "completed": 0, "cancelled": 87, "no_show": 3]
        #expect(bookingTally(big, width: 28) == "○ 1.23M ● 508 ✓ 0 ✕ 87 ns 3")
        // Every width from 26 up keeps all five numbers, whole or by unit.
        for w in 26...100 {
            let t = bookingTally(big, width: w)
            #expect(DisplayWidth.of(t) <= w && !t.contains("…"), "\(w): \(t)")
            for n in [508, 0, 87, 3] { #expect(t.contains(" \(n)"), "\(w): \(t)") }
            #expect(NumberText.countForms(1_234_567).contains { t.contains($0) }, "\(w): \(t)")
        }
    }

    @Test func thePerMinuteLineDropsWordsBeforeNumbers() {
        let series = (0..<60).map { Double($0 % 7 == 0 ? 219 : 40) }
        #expect(perMinuteLine(series, width: 100).hasPrefix("per min ") && perMinuteLine(series, width: 100).hasSuffix("now 40/min · peak 219/min"))
        #expect(perMinuteLine(series, width: 30).hasSuffix(" now 40 · peak 219"))
        #expect(perMinuteLine(series, width: 20).hasSuffix(" peak 219"))
    }

    @Test func at250x70TheExtraRoomIsUsed() {
        let s = Self.loaded()
        let wide = Self.draw(s, 250, 70), mid = Self.draw(s, 160, 48)
        for title in ["Instances", "Alerts", "Bookings today", "Shards", "Caches", "Closest to their limits", "E-mail router"] {
            #expect(wide.textDump.contains("┌ \(title) "), "no \(title) panel at 250×70")
        }
        // More quotas than at 160×48 and every alert. With only 18 alerts the
        // alerts column has room to spare, so the bar is lower than at 160×48.
        func quotaRows(_ b: Buffer) -> Int { Self.lines(b).filter { $0.contains("%") && $0.contains("░") }.count }
        func alertRows(_ b: Buffer) -> Int { Self.lines(b).filter { $0.contains("✕ 17:30") || $0.contains("⚠ 17:30") }.count }
        #expect(quotaRows(wide) > quotaRows(mid), "\(wide.textDump)")
        #expect(alertRows(wide) >= alertRows(mid) && alertRows(wide) == s.alerts.alerts.count, "\(wide.textDump)")
        #expect(Self.blankShare(wide) <= 0.6, "\(Int(Self.blankShare(wide) * 100))% blank")
    }

    @Test func whenNotEveryInstanceHasARowTheWorstKeepTheirs() {
        let text = Self.draw(Self.loaded(), 80, 22).textDump
        #expect(text.contains("✕ koyeb"), "\(text)")
    }

    @Test func theOverviewFillsItsAreaAtEverySize() {
        let s = Self.loaded()
        for w in stride(from: 80, through: 250, by: 10) {
            for h in stride(from: 22, through: 70, by: 8) {
                let b = Self.draw(s, w, h)
                // Every row inside the outer block belongs to a panel: a border or content, no empty band.
                for (y, line) in Self.lines(b).enumerated() where y >= 2 && y < h - 2 {
                    #expect(line.dropFirst().dropLast().contains { $0 != " " }, "row \(y) empty at \(w)×\(h)")
                }
            }
        }
    }
}
