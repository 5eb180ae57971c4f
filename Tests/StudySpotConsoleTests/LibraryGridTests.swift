import Foundation
import Testing
import StudySpotCore
@testable import StudySpotConsole
@testable import TerminalUI

@Suite("Seats pane: the owner's grid of libraries")
struct LibraryGridTests {
    typealias F = OwnerPanesFixture

    /// Twelve libraries: the fixture's map (2 of 38 open seats taken) for
    /// library 1, empty ones for the rest, the hostile name among them.
    static func libraries() -> [SeatLibrary] {
        [F.devanagari, F.hostile] + (3...12).map { SeatLibrary(id: Int64($0), name: "Reading Room \($0)", city: "City \($0)") }
    }

    static func maps() -> [SeatMapSnapshot] {
        libraries().map { lib in
            if lib.id == 1 { return F.seatMap(lib) }
            var m = F.seatMap(lib, seats: 20)
            m.bookings = []
            return m
        }
    }

    func withGrid(size: Size) -> State {
        var s = F.state(.owner, size: size, pane: .seats)
        s = update(s, .data(.seats(.libraries(Self.libraries())))).0
        s = update(s, .data(.seats(.map(F.seatMap(F.devanagari))))).0
        return update(s, .data(.seats(.grid(Self.maps())))).0
    }

    func send(_ s: State, _ keys: String...) -> (State, [Effect]) {
        keys.reduce((s, [Effect]())) { acc, k in update(acc.0, .key(Key(name: k)!)) }
    }

    @Test("The grid draws every visible card at every size, numbers whole",
          arguments: [Size(width: 80, height: 24), Size(width: 100, height: 30), Size(width: 160, height: 48), Size(width: 250, height: 70)])
    func drawsAtSizes(_ size: Size) {
        let s = withGrid(size: size)
        #expect(s.seats.showsGrid)
        let text = F.render(s).trimmedTextDump
        #expect(text.contains("Seats · 12 libraries"))
        // Library 1's card: the map title's count, by the same rule (2 of 38 open seats).
        #expect(text.contains("2/38 taken 5%") || text.contains("2/38 5%"), "\(text)")
        #expect(text.contains("Gyan Kendra"))
        // Four bookings of the fixture start today (11:30 and 13:00 IST).
        #expect(text.contains("4 bookings today") || text.contains("4 today"))
        #expect(text.contains("0/18 taken 0%") || text.contains("0/18 0%"))
        let layout = LibraryGridLayout(area: LibraryGridLayout.paneArea(size), count: 12, selection: 0)
        #expect(layout.columns == max(1, min(12, (size.width - 4 + 1) / 31)))
        // Each card drawn shows its name: as many names as cards fit.
        let drawn = layout.visible.count
        #expect(drawn >= min(12, 2 * layout.columns))
        #expect(Self.libraries().prefix(drawn).dropFirst(2).allSatisfy { text.contains($0.name) })
        #expect(!F.render(s).textDump.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 })
    }

    /// A library whose map has two seats at one position is flagged on its
    /// card and in the grid's title, as its map would flag it.
    @Test func aLibraryWithAnInconsistentMapIsFlagged() {
        var maps = Self.maps()
        let i = maps.firstIndex { $0.library.id == 3 }!
        maps[i].seats[1].row = maps[i].seats[0].row
        maps[i].seats[1].column = maps[i].seats[0].column
        var s = withGrid(size: Size(width: 160, height: 48))
        #expect(!F.render(s).textDump.contains("duplicate seat position"))
        s = update(s, .data(.seats(.grid(maps)))).0
        let text = F.render(s).textDump
        #expect(text.contains("⚠ duplicate seat position Quiet zone r1c1: A01, A02"), "\(text)")
        #expect(text.contains("⚠ Reading Room 3"))
        #expect(!text.contains("⚠ Reading Room 4"))
    }

    @Test("Columns grow with the width: 2 at 80, 5 at 160, 7 at 250")
    func columnsByWidth() {
        #expect(LibraryGridLayout(area: LibraryGridLayout.paneArea(Size(width: 80, height: 24)), count: 12, selection: 0).columns == 2)
        #expect(LibraryGridLayout(area: LibraryGridLayout.paneArea(Size(width: 160, height: 48)), count: 12, selection: 0).columns == 5)
        #expect(LibraryGridLayout(area: LibraryGridLayout.paneArea(Size(width: 250, height: 70)), count: 12, selection: 0).columns == 7)
        // Fewer libraries than columns: no empty columns.
        #expect(LibraryGridLayout(area: LibraryGridLayout.paneArea(Size(width: 250, height: 70)), count: 3, selection: 0).columns == 3)
    }

    @Test("At 80×24 the selection scrolls the grid so the selected card shows")
    func scrolls() {
        var s = withGrid(size: Size(width: 80, height: 24))
        s = send(s, "G").0
        #expect(s.seats.gridSelection == 11)
        let text = F.render(s).trimmedTextDump
        #expect(text.contains("▸ Reading Room 12 · City 12"))
        #expect(!text.contains("Gyan Kendra"), "the first row scrolled away")
        #expect(text.contains("3–12 of 12"))
        #expect(F.render(send(s, "g").0).trimmedTextDump.contains("1–10 of 12"))
    }

    @Test("Arrows move by card and by row; Enter opens the library's map; Esc goes back")
    func enterOpens() {
        var s = withGrid(size: Size(width: 80, height: 24))
        s = send(s, "Right").0
        #expect(s.seats.gridSelection == 1)
        s = send(s, "Down").0
        #expect(s.seats.gridSelection == 3, "two columns at 80: down is +2")
        let (opened, fx) = send(s, "Enter")
        #expect(fx == [.selectLibrary(id: 4)])
        #expect(!opened.seats.showsGrid && opened.seats.requested == 4)
        // The library already loaded opens at once, without a read.
        s = send(s, "Home").0
        let (first, none) = send(s, "Enter")
        #expect(none.isEmpty && !first.seats.showsGrid)
        #expect(F.render(first).trimmedTextDump.contains("Gyan Kendra ज्ञान केंद्र · Pune · 2/38 taken (5%)"))
        let back = send(first, "Esc").0
        #expect(back.seats.showsGrid && back.seats.gridSelection == 0)
    }

    @Test("A click on a card opens that library")
    func click() {
        let s = withGrid(size: Size(width: 80, height: 24))
        let layout = LibraryGridLayout(area: LibraryGridLayout.paneArea(s.size), count: 12, selection: 0)
        let target = layout.visible.first { $0.index == 3 }!.rect
        let (t, fx) = update(s, .mouse(MouseEvent(kind: .press(0), x: target.x + 3, y: target.y + 1)))
        #expect(fx == [.selectLibrary(id: 4)] && t.seats.mapChosen)
        // Between cards nothing opens.
        let (_, none) = update(s, .mouse(MouseEvent(kind: .press(0), x: target.x - 1, y: target.y + 1)))
        #expect(none.isEmpty)
    }

    @Test("The card counts agree with the Seats pane's title for the same library, and move with the feed")
    func agreesAndFollowsTheFeed() {
        var s = withGrid(size: Size(width: 160, height: 48))
        func card(_ id: Int64) -> LibraryCard {
            let day = BookingTodayTally.dayInterval(containing: s.now, BookingTodayTally.platformTimeZone)
            return LibraryCard(s.seats.grid.first { $0.library.id == id }!, now: s.now, day: day)
        }
        let title = SeatMapView.compute(s.seats.map!, now: s.now).total
        #expect(card(1).taken == title.taken && card(1).open == title.open)
        // A new booking on library 3 holding a seat now: its card moves to 1/18, library 1's stays.
        let lib3 = Self.libraries()[2]
        let b = F.booking(300, lib3, seat: 101, label: "A01", .checkedIn, shard: "neon", changedAgo: 1)
        s = update(s, .data(.bookings(.batch(F.batch([b]))))).0
        #expect(card(3).taken == 1 && card(3).today == 1)
        #expect(card(1).taken == 2)
        #expect(F.render(s).trimmedTextDump.contains("1/18 taken 6%"))
        // Library 1's new booking moves its card and the map's title together.
        let b1 = F.booking(301, F.devanagari, seat: 104, label: "A04", .reserved, shard: "neon", changedAgo: 1)
        s = update(s, .data(.bookings(.batch(F.batch([b1]))))).0
        #expect(card(1).taken == 3 && SeatMapView.compute(s.seats.map!, now: s.now).total.taken == 3)
    }

    @Test("Operators keep today's Seats pane: no grid is read, the first library's map shows")
    func operatorUnchanged() {
        var s = F.state(.operator, size: Size(width: 100, height: 30), pane: .seats)
        s = update(s, .data(.seats(.libraries(Self.libraries())))).0
        s = update(s, .data(.seats(.map(F.seatMap(F.devanagari))))).0
        #expect(!s.seats.showsGrid)
        #expect(F.render(s).trimmedTextDump.contains("Gyan Kendra ज्ञान केंद्र · Pune · 2/38 taken (5%)"))
        // An owner with one library sees its map at once too.
        var one = F.state(.owner, size: Size(width: 100, height: 30), pane: .seats)
        one = update(one, .data(.seats(.grid([F.seatMap(F.devanagari)])))).0
        #expect(!one.seats.showsGrid)
    }

    @Test("No number on the grid is cut at any width from the pane's minimum to 250")
    func noNumberCut() {
        // A big library: 1,200 seats, 1,100 of them checked in now, so the counts run to four digits.
        var maps = Self.maps()
        var big = F.seatMap(F.devanagari, seats: 1_200)
        big.bookings = (0..<1_100).map { i in
            F.booking(Int64(1_000 + i), F.devanagari, seat: 100 + Int64(i) + 1 + (i >= 5 ? 2 : 0), label: "S\(i)", .checkedIn, shard: "neon")
        }
        maps[0] = big
        var base = F.state(.owner, size: Size(width: 100, height: 30), pane: .seats)
        base = update(base, .data(.seats(.grid(maps)))).0
        var failures: [String] = []
        for height in [14, 30, 48, 70] {
            for width in SeatsState.minimumSize.width...250 where height == 48 || width % 7 == 0 {
                let s = update(base, .resize(Size(width: width, height: height))).0
                let b = F.render(s)
                for (y, line) in b.textDump.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                    if let why = NoNumberCutTests.cutNumber(in: String(line), width: width), failures.count < 12 {
                        failures.append("\(width)×\(height) row \(y): \(why): \(line)")
                    }
                }
            }
        }
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
        let text = F.render(update(base, .resize(Size(width: 100, height: 30))).0).trimmedTextDump
        #expect(text.contains("1,100/1,198 taken 92%"), "\(text)")
    }
}
