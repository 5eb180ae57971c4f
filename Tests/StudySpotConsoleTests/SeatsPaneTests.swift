import Foundation
import Testing
import StudySpotCore
@testable import StudySpotConsole
@testable import TerminalUI

@Suite("Seats pane: picker, live seat map, occupancy, selected seat")
struct SeatsPaneTests {
    typealias F = OwnerPanesFixture

    func send(_ s: State, _ keys: String...) -> State {
        keys.reduce(s) { update($0, .key(Key(name: $1)!)).0 }
    }

    func withMap(_ lib: SeatLibrary, size: Size, seats: Int = 40) -> State {
        var s = F.state(.owner, size: size, pane: .seats)
        let (t, fx) = update(s, .data(.seats(.libraries([F.devanagari, F.hostile]))))
        #expect(fx == [.selectLibrary(id: 1)], "the first library opens by itself")
        s = update(t, .data(.seats(.map(F.seatMap(lib, seats: seats))))).0
        return s
    }

    @Test("80×24 and 200×60: title with occupancy, zones, legend, states, next booking",
          arguments: [Size(width: 80, height: 24), Size(width: 200, height: 60)])
    func snapshot(_ size: Size) {
        let s = withMap(F.devanagari, size: size)
        let buf = F.render(s)
        let text = buf.trimmedTextDump
        // 2 taken of 38 open seats (A06 is in maintenance, so its check-in does not count; A07 is retired).
        #expect(text.contains("Gyan Kendra ज्ञान केंद्र · Pune · 2/38 taken (5%)"))
        // The zone headings count by the title's rule (2 + 0 of 18 + 20 = 38), each zone named once.
        #expect(text.contains("Quiet zone  2/18 taken") && text.contains("AC कक्ष  0/20 taken"))
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.filter { $0.contains("Quiet zone") && !$0.contains("row 1") }.count == 1, "\(text)")
        #expect(lines.filter { $0.contains("AC कक्ष") }.count <= 1)
        #expect(!text.contains("(2/20)") && !text.contains("(0/20)"))
        #expect(text.contains("▒▒▒ ███ ░░░ ░░░ ░░░ ╳╳╳ ···"))
        #expect(text.contains("░ free") && text.contains("▒ reserved") && text.contains("█ checked in") && text.contains("╳ maintenance"))
        #expect(text.contains("A01 A02 A03"))
        #expect(text.contains("A01 (Quiet zone, row 1): reserved · now 11:30–14:00 Asha R. (reserved)"))
        if size.height >= 60 { #expect(text.contains("क1")) }
    }

    @Test("A hostile library name is drawn without its escape sequences")
    func hostile() {
        let s = withMap(F.hostile, size: Size(width: 80, height: 24))
        let buf = F.render(s)
        #expect(!buf.textDump.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 })
        #expect(buf.trimmedTextDump.contains("Evil") && buf.trimmedTextDump.contains("Chennai"))
    }

    @Test("A seat follows reserve → check-in → complete from the feed")
    func followsTheFeed() {
        var s = withMap(F.devanagari, size: Size(width: 100, height: 30))
        func state(of seat: Int64) -> SeatStatus {
            let map = s.seats.map!
            return SeatMapView.compute(map, now: s.now).statuses[map.seats.firstIndex { $0.id == seat }!]
        }
        #expect(state(of: 104) == .free)
        var b = F.booking(90, F.devanagari, seat: 104, label: "A04", .reserved, shard: "neon", changedAgo: 3)
        s = update(s, .data(.bookings(.batch(F.batch([b]))))).0
        #expect(state(of: 104) == .reserved)
        b.status = .checkedIn; b.updatedAt += 1
        s = update(s, .data(.bookings(.batch(F.batch([b]))))).0
        #expect(state(of: 104) == .checkedIn)
        // An older re-read never steps back.
        var stale = b; stale.status = .reserved; stale.updatedAt -= 10
        s = update(s, .data(.bookings(.batch(F.batch([stale]))))).0
        #expect(state(of: 104) == .checkedIn)
        b.status = .completed; b.updatedAt += 1
        s = update(s, .data(.bookings(.batch(F.batch([b]))))).0
        #expect(state(of: 104) == .free)
        // Another library's change leaves this map alone.
        let other = F.booking(91, F.hostile, seat: 104, label: "X", .checkedIn, shard: "neon")
        s = update(s, .data(.bookings(.batch(F.batch([other]))))).0
        #expect(state(of: 104) == .free)
    }

    @Test("o opens the picker; / filters by name or city; Enter asks for the map")
    func picker() {
        var s = withMap(F.devanagari, size: Size(width: 100, height: 30))
        s = send(s, "o")
        #expect(s.seats.picking)
        #expect(F.render(s).trimmedTextDump.contains("Pick a library"))
        s = send(s, "/", "c", "h", "e", "n", "Enter")
        #expect(pickerLibraries(s).map(\.id) == [2])
        let (t, fx) = update(s, .key(Key(name: "Enter")!))
        #expect(fx == [.selectLibrary(id: 2)] && !t.seats.picking && t.seats.requested == 2)
    }

    @Test("Arrows move between seats and rows")
    func moves() {
        var s = withMap(F.devanagari, size: Size(width: 100, height: 30))
        s = send(s, "l", "l")
        #expect(s.seats.selectedSeat == 2)
        s = send(s, "j")
        #expect(s.seats.map!.seats[s.seats.selectedSeat].label == "A13")
        s = send(s, "k", "h")
        #expect(s.seats.selectedSeat == 1)
    }

    @Test("A 400-seat library scrolls to keep the selected seat in view at 80×24")
    func big() {
        var s = withMap(F.devanagari, size: Size(width: 80, height: 24), seats: 400)
        s = send(s, "G")
        let text = F.render(s).trimmedTextDump
        let last = s.seats.map!.seats.last!.label
        #expect(text.contains(last) && text.contains("\(last) (AC कक्ष"))
    }

    @Test("Tiny sizes: the map at its minimum, the too-small message below it", arguments: [Size(width: 1, height: 1), Size(width: 50, height: 14), Size(width: 20, height: 5)])
    func tiny(_ size: Size) {
        for s in [withMap(F.devanagari, size: size), send(withMap(F.devanagari, size: size), "o")] {
            let b = F.render(s)
            #expect(EverySizeTests.problem(b, state: s, size: size) == nil, "\(EverySizeTests.problem(b, state: s, size: size) ?? "")\n\(b.textDump)")
            if s.minimumSize.fits(in: size) {
                #expect(b.trimmedTextDump.contains("Gyan Kendra"), "\(b.textDump)")
            } else if size.width >= 12 {
                #expect(b.trimmedTextDump.contains("terminal"), "\(b.textDump)")
            }
        }
        #expect(withMap(F.devanagari, size: size).minimumSize == Size(width: 50, height: 14), "50×14, one of the sizes, is the pane's minimum")
    }
}
