import Foundation
import Testing
import StudySpotCore
@testable import StudySpotConsole
@testable import TerminalUI

@Suite("Bookings pane: live feed, counts, filters, details")
struct BookingsPaneTests {
    typealias F = OwnerPanesFixture

    func fed(_ size: Size, role: ConsoleRole = .owner) -> State {
        update(F.state(role, size: size), .data(.bookings(.batch(F.batch())))).0
    }

    func send(_ s: State, _ keys: String...) -> State {
        keys.reduce(s) { update($0, .key(Key(name: $1)!)).0 }
    }

    @Test("80×24: newest first, names in any script aligned, escape sequences neutralised", arguments: [Size(width: 80, height: 24), Size(width: 200, height: 60)])
    func snapshot(_ size: Size) {
        let s = fed(size)
        let buf = F.render(s)
        let text = buf.trimmedTextDump
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.count == size.height)
        #expect(text.contains("Bookings today · 8,408"))
        #expect(text.contains("○ reserved 1,204") && text.contains(size.width < 90 ? "● in 3,881" : "● checked in 3,881") && text.contains("… no-show 72"))
        #expect(text.contains("peak 5/min at 11:59"))
        // Tall enough: both charts with their time labels; else the one-line sparkline.
        if size.height >= 26 {
            #expect(text.contains("Bookings made per minute") && text.contains("Per hour, today") && text.contains("-15m") && text.contains("now"))
            #expect(text.contains("today · 7 made · peak 5/hour at 11:00") && text.contains("06:00"))
        } else {
            #expect(text.contains("per min"))
        }
        #expect(text.contains("● neon") && text.contains("✕ planetscale reconnecting"))
        // Newest first: Meera's no-show (10 s ago) above Asha's reservation (50 s ago).
        let meera = try! #require(lines.firstIndex { $0.contains("Meera") })
        let asha = try! #require(lines.firstIndex { $0.contains("Asha") })
        #expect(meera < asha)
        #expect(lines[meera].contains("11:59:50") && lines[meera].contains("… no-show") && lines[meera].contains("₹50"))
        #expect(lines[meera].contains("planetscale"))
        // Devanagari names: the columns after them start at the same display column on every row.
        let seatCol = lines.filter { $0.contains("Asha") || $0.contains("Meera") }.map { line -> Int in
            let prefix = line[..<line.range(of: line.contains("Asha") ? "क01" : "B-15")!.lowerBound]
            return DisplayWidth.of(String(prefix))
        }
        #expect(Set(seatCol).count == 1, "seat column aligned: \(seatCol)")
        #expect(text.contains("Gyan Kendra ज्ञान") )
        // No raw control character reaches the screen.
        #expect(!buf.textDump.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 })
        #expect(text.contains("Evil"))
        if size.width >= 200 { #expect(text.contains("Gyan Kendra ज्ञान केंद्र, Pune")) }
    }

    @Test("The feed's status column is coloured by status")
    func colours() {
        let s = fed(Size(width: 120, height: 30))
        let buf = F.render(s)
        let lines = buf.textDump.split(separator: "\n").map(String.init)
        let y = lines.firstIndex { $0.contains("Karthik") }!
        let x = DisplayWidth.of(String(lines[y][..<lines[y].range(of: "● checked in")!.lowerBound]))
        #expect(buf[x, y].style == s.theme[.text].patched(s.theme[.checkedIn]))
    }

    @Test("Filters by status, shard and library; / searches; Esc clears")
    func filters() {
        var s = fed(Size(width: 120, height: 30))
        s = send(s, "f") // reserved
        #expect(visibleBookings(s).map(\.id) == [11])
        s = send(s, "f", "f", "f", "f", "f") // back to all
        #expect(s.bookings.filter.status == nil && visibleBookings(s).count == 5)
        s = send(s, "s")
        #expect(s.bookings.filter.shard == "neon" && visibleBookings(s).map(\.id) == [14, 11])
        #expect(F.render(s).trimmedTextDump.contains("filter: shard=neon"))
        s = send(s, "x", "b") // library of the newest (Meera's, the hostile one)
        #expect(Set(visibleBookings(s).map(\.libraryId)) == [2])
        s = send(s, "x", "/", "P", "r", "i", "y", "a", "Enter")
        #expect(s.searchQuery == "Priya" && visibleBookings(s).map(\.id) == [13])
        s = send(s, "Esc")
        #expect(s.searchQuery.isEmpty)
    }

    @Test("Start-up loads from several shards are ordered by time; later changes by arrival; other days show their date")
    func startUpOrder() {
        var s = F.state(.operator, size: Size(width: 120, height: 30))
        let c = F.changes
        var first = F.batch([c[4], c[1]]); first.initialLoadDone = false
        var old = c[0]; old.updatedAt = F.now.addingTimeInterval(-86_400 * 2)
        s = update(s, .data(.bookings(.batch(first)))).0
        s = update(s, .data(.bookings(.batch(F.batch([old, c[3], c[2]]))))).0
        #expect(s.bookings.loaded)
        #expect(visibleBookings(s).map(\.id) == [15, 14, 13, 12, 11])
        s = update(s, .data(.bookings(.batch(F.batch([old]))))).0
        #expect(visibleBookings(s).first?.id == 11, "after start-up, the newest arrival is on top")
        #expect(F.render(s).trimmedTextDump.contains("23 Nov"))
    }

    @Test("The per-minute series moves on with the clock")
    func minutesRoll() {
        var s = update(F.state(.operator, size: Size(width: 100, height: 30)), .data(.bookings(.batch(F.batch())))).0
        // Five bookings made the minute before noon: the minute before the current one.
        #expect(s.bookings.perMinute[58] == 5 && s.bookings.perMinute[59] == 0)
        #expect(s.bookings.perHour.count == 13 && s.bookings.perHour[11] == 5 && s.bookings.perHour[9] == 2)
        s = update(s, .tick(F.now.addingTimeInterval(120))).0
        #expect(s.bookings.perMinute.count == 60 && s.bookings.perMinute.last == 0 && s.bookings.perMinute[56] == 5)
    }

    @Test("A change stamped 33 hours ahead keeps the series and raises no false quiet alert")
    func futureChangeKeepsTheSeries() {
        var s = F.state(.operator, size: Size(width: 120, height: 40))
        let m = BookingActivity.minute(of: F.now)
        var batch = F.batch()
        // A booking made every minute, watched for an hour.
        batch.activity = F.activity(minutes: Dictionary(uniqueKeysWithValues: (1...59).map { (m - Int64($0), 1) }))
        s = update(s, .data(.bookings(.batch(batch)))).0
        s.bookings.liveSince = F.now.addingTimeInterval(-3_600)
        var future = F.changes[0]
        future.id = 99; future.updatedAt = F.now.addingTimeInterval(33 * 3_600)
        var second = F.batch([future])
        second.activity = batch.activity
        s = update(s, .data(.bookings(.batch(second)))).0
        #expect(s.bookings.perMinute.count == 60 && s.bookings.perMinute[..<59].allSatisfy { $0 > 0 })
        #expect(s.bookings.lastMinute == m)
        #expect(!s.alerts.alerts.contains { $0.id == "bookings.quiet" })
        s = update(s, .tick(F.now.addingTimeInterval(1))).0
        #expect(!refreshAlerts(s).alerts.alerts.contains { $0.id == "bookings.quiet" })
    }

    @Test("The windows end at the server's clock: a server a minute ahead shows its current minute")
    func serverClock() {
        var batch = F.batch()
        var a = F.activity()
        a.serverNow = F.now.addingTimeInterval(60)
        a.minutes[BookingActivity.minute(of: a.serverNow)] = 3
        batch.activity = a
        let s = update(F.state(.operator, size: Size(width: 100, height: 30)), .data(.bookings(.batch(batch)))).0
        #expect(s.bookings.perMinute.last == 3 && s.bookings.perMinute[57] == 5)
    }

    @Test("The Overview's chart shows the peak whole, over the chart's window", arguments: [100, 160, 250])
    func overviewPeak(_ width: Int) {
        var s = F.state(.operator, size: Size(width: width, height: 40), pane: .overview)
        var batch = F.batch()
        batch.activity = F.activity(minutes: [BookingActivity.minute(of: F.now) - 19: 219_000, BookingActivity.minute(of: F.now): 2])
        s = update(s, .data(.bookings(.batch(batch)))).0
        let text = F.render(s).trimmedTextDump
        #expect(text.contains("peak 219K"), "\(text)")
        #expect(text.contains("now 2"))
    }

    @Test("The pane's keys are in the help; the Seats keys are not")
    func help() {
        let text = F.render(send(fed(Size(width: 120, height: 40)), "?")).trimmedTextDump
        #expect(text.contains("filter by status") && text.contains("filter by shard") && text.contains("clear the filters"))
        #expect(!text.contains("pick a library"))
    }

    @Test("Enter opens the selected booking's details; Esc closes them")
    func details() {
        var s = send(fed(Size(width: 100, height: 30)), "j", "Enter")
        #expect(s.bookings.detail?.id == 14)
        let text = F.render(s).trimmedTextDump
        #expect(text.contains("Booking 14") && text.contains("Rahul M. (#114)") && text.contains("✓ completed"))
        s = send(s, "Esc")
        #expect(s.bookings.detail == nil)
    }

    @Test("The feed keeps the last 10,000 changes; recent holds the newest 20; == stays cheap")
    func bounded() {
        var s = F.state(.operator, size: Size(width: 100, height: 30))
        let base = F.changes[0]
        for chunk in 0..<11 {
            let batch = (0..<1_000).map { i -> BookingRecord in
                var r = base; r.id = Int64(chunk * 1_000 + i); r.updatedAt = F.now.addingTimeInterval(Double(chunk * 1_000 + i) / 1_000); return r
            }
            s = update(s, .data(.bookings(.batch(F.batch(batch))))).0
        }
        #expect(s.bookings.feed.count == 10_000)
        #expect(s.bookings.feed.newest(0).id == 10_999 && s.bookings.feed.newest(9_999).id == 1_000)
        #expect(s.bookings.recent.count == 20 && s.bookings.recent.first?.id == 10_999)
        #expect(s.bookings.perMinute.count == 60)
    }

    @Test("Owners see the panes at the tiny size: the feed at its minimum, the too-small message below it", arguments: [Size(width: 1, height: 1), Size(width: 60, height: 12), Size(width: 30, height: 8)])
    func tiny(_ size: Size) {
        for s in [fed(size), send(fed(size), "Enter")] {
            let b = F.render(s)
            #expect(EverySizeTests.problem(b, state: s, size: size) == nil, "\(EverySizeTests.problem(b, state: s, size: size) ?? "")\n\(b.textDump)")
            if s.minimumSize.fits(in: size) {
                #expect(b.trimmedTextDump.contains("Bookings today · 8,408"), "\(b.textDump)")
            } else if size.width >= 12 {
                #expect(b.trimmedTextDump.contains("terminal"), "\(b.textDump)")
            }
        }
        #expect(fed(size).minimumSize == Size(width: 60, height: 12), "60×12, one of the sizes, is the pane's minimum")
    }
}

/// `s` on a console on the relay: the feed reports one source, `relay`, and the rows name their shards.
@Suite struct BookingsShardFilterTests {
    typealias F = OwnerPanesFixture

    @Test func onTheRelayTheFilterCyclesTheRowsShardsNotTheSource() {
        var batch = F.batch()
        batch.shardStatus = ["relay": "live"]
        var s = update(F.state(.owner, size: Size(width: 160, height: 48)), .data(.bookings(.batch(batch)))).0
        let rowShards = Set(F.changes.map(\.shard)).sorted()
        #expect(filterableShards(s.bookings) == rowShards)
        var seen: [String?] = []
        for _ in 0...rowShards.count {
            s = update(s, .key(Key(name: "s")!)).0
            seen.append(s.bookings.filter.shard)
        }
        #expect(seen == rowShards.map(Optional.some) + [nil])
    }

    @Test func directlyTheFilterAlsoOffersAShardWithNoRowsYet() {
        var batch = F.batch()
        batch.shardStatus["xata-users"] = "catching up"
        let s = update(F.state(.owner, size: Size(width: 160, height: 48)), .data(.bookings(.batch(batch)))).0
        #expect(filterableShards(s.bookings) == (Set(F.changes.map(\.shard)).union(batch.shardStatus.keys)).sorted())
    }
}
