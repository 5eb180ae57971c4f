import Foundation
import Testing
import StudySpotCore
@testable import StudySpotConsole
@testable import TerminalUI

/// The mouse on the sortable tables: a click selects the row under it at
/// every size, a second click opens it, a header click sorts, the wheel moves.
@Suite("Mouse on tables: click to select, header to sort, wheel to move")
struct TableMouseTests {
    typealias T = TableSortTests

    static func click(_ s: State, _ x: Int, _ y: Int) -> State { update(s, .mouse(MouseEvent(kind: .press(0), x: x, y: y))).0 }

    /// Where `text` is drawn below the table's header: (x, y) of its first column.
    static func spot(_ s: State, _ text: String) -> (x: Int, y: Int)? {
        let lines = T.screen(s)
        let header = lines.firstIndex { $0.contains(T.headerWord[s.pane]!) } ?? 0
        for y in header..<lines.count {
            if let r = lines[y].range(of: text) {
                return (DisplayWidth.of(String(lines[y][..<r.lowerBound])), y)
            }
        }
        return nil
    }

    static let sizes = [Size(width: 80, height: 24), Size(width: 120, height: 32), Size(width: 160, height: 48), Size(width: 250, height: 70)]

    @Test("A click selects the row under it, at several sizes, on every sortable pane",
          arguments: [Pane.instances, .shards, .caches, .alerts, .bookings, .events], sizes)
    func clickSelects(_ pane: Pane, _ size: Size) throws {
        let table = try #require(SortedTable.all[pane])
        for sorted in [false, true] {
            var s = T.state(pane, size: size)
            if sorted { s = T.send(s, ">", ">", "I") }
            // Bookings rows by seat label: the user column is cut at 80 columns.
            let labels = pane == .bookings ? ["B-15", "A03", "क02", "B-14", "क01"] : T.names[pane]!
            for name in labels.reversed() {
                guard let at = Self.spot(s, name) else { Issue.record("\(pane) \(size): \(name) not drawn"); continue }
                let before = table.identity(s, s.selection)
                s = Self.click(s, at.x, at.y)
                let selected = table.identity(s, s.selection)
                // Bookings rows are named by seat here, alerts by message; identities are the change, the alert id.
                let shown = pane == .bookings ? shownBookings(s)[s.selection].seatLabel
                    : pane == .alerts ? shownAlerts(s)[s.selection].message
                    : pane == .events ? shownEvents(s)[s.selection].text : selected
                #expect(shown == name, "\(pane) \(size) sorted=\(sorted)")
                #expect(s.overlay == nil)
                // A click on the row already selected opens it (Bookings has details); close them again.
                #expect((s.bookings.detail != nil) == (pane == .bookings && before == selected), "\(pane) \(size) \(name)")
                s = T.send(s, "Esc")
            }
        }
    }

    @Test("A click on a row of a scrolled feed selects that row, not the one at that index from the top")
    func scrolledFeed() throws {
        var s = T.state(.bookings, size: Size(width: 80, height: 20))
        let extra = (20..<60).map { i in
            OwnerPanesFixture.booking(Int64(i), OwnerPanesFixture.devanagari, seat: 300 + Int64(i), label: "Z\(i)", .reserved,
                                      shard: "neon", user: "User \(i)", changedAgo: Double(100 + i))
        }
        s = update(s, .data(.bookings(.batch(OwnerPanesFixture.batch(extra))))).0
        s = T.send(s, "G")  // the last row: the table scrolled
        let last = shownBookings(s).last?.seatLabel ?? "?"
        let at = Self.spot(s, last) ?? (0, 0)
        // The feed is in arrival order: the second batch's rows above the first's, the last row is क01.
        #expect(last == "क01")
        guard let above = Self.spot(s, "B-14") else { Issue.record("B-14 not drawn"); return }
        s = Self.click(s, above.x, above.y)
        #expect(s.selection == 43)
        #expect(shownBookings(s)[s.selection].seatLabel == "B-14")
        #expect(at.y == above.y + 1)
    }

    @Test("A second click on the selected booking opens it, as Enter does")
    func secondClickOpens() throws {
        var s = T.state(.bookings)
        guard let at = Self.spot(s, "Priya D.") else { Issue.record("Priya D. not drawn"); return }
        s = Self.click(s, at.x, at.y)
        #expect(s.bookings.detail == nil)
        s = Self.click(s, at.x, at.y)
        #expect(s.bookings.detail?.userName == "Priya D.")
        // While the details are open, a click does not move the list under them.
        let before = s.selection
        s = Self.click(s, 3, T.screen(s).count - 3)
        #expect(s.selection == before)
    }

    @Test("A header click sorts by that column; again inverts; the selection follows its row",
          arguments: [(Pane.instances, "TODAY"), (.shards, "CONNS"), (.caches, "CLIENTS"), (.alerts, "SOURCE"), (.bookings, "amount"), (.events, "KIND")])
    func headerSorts(_ pane: Pane, _ column: String) throws {
        var s = T.send(T.state(pane), "j")
        let table = try #require(SortedTable.all[pane])
        let chosen = table.identity(s, s.selection)
        guard let header = Self.spot(s, column) else { Issue.record("\(column) not drawn"); return }
        s = Self.click(s, header.x, header.y)
        #expect(s.sorts[pane] == TableSort(column: column, ascending: true))
        #expect(table.identity(s, s.selection) == chosen)
        let ascending = T.drawnOrder(s, T.names[pane]!)
        s = Self.click(s, header.x, header.y)
        #expect(s.sorts[pane] == TableSort(column: column, ascending: false))
        #expect(table.identity(s, s.selection) == chosen)
        #expect(T.drawnOrder(s, T.names[pane]!) != ascending)
        #expect(T.screen(s).contains { $0.contains("▼") })
    }

    @Test("The wheel moves the selection three rows and stops at the top")
    func wheel() {
        var s = T.state(.bookings)
        s = update(s, .mouse(MouseEvent(kind: .wheelDown, x: 10, y: 20))).0
        #expect(s.selection == 3)
        #expect(shownBookings(s)[s.selection].userName == "Karthik S.")
        s = update(s, .mouse(MouseEvent(kind: .wheelUp, x: 10, y: 20))).0
        s = update(s, .mouse(MouseEvent(kind: .wheelUp, x: 10, y: 20))).0
        #expect(s.selection == 0)
    }

    @Test("Clicks off the table, or on a pane without a sortable table, change nothing")
    func elsewhere() {
        let s = T.state(.instances)
        // The Failover box above the table.
        #expect(Self.click(s, 5, 2) == s)
        var seats = s; seats.pane = .seats
        #expect(Self.click(seats, 10, 10) == seats)
        // A dialog open: the table under it does not take clicks.
        var help = s; help.overlay = .help(offset: 0)
        #expect(Self.click(help, 5, 10) == help)
    }
}
