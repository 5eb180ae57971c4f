import Foundation
import StudySpotCore
import TerminalUI

// The owner's first view on the Seats pane: a card per library with its
// seats taken now (the same SeatMapView the map's title reads, so the two
// agree), a bar, and today's bookings; Enter or a click opens the seat map.

/// One card's figures, from the library's map at `now`.
struct LibraryCard: Equatable {
    var library: SeatLibrary
    var taken: Int
    var open: Int
    /// Bookings starting today (the platform's day, as the Bookings pane's counts), any status.
    var today: Int

    init(_ map: SeatMapSnapshot, now: Date, day: DateInterval) {
        let total = SeatMapView.compute(map, now: now).total
        library = map.library
        taken = total.taken
        open = total.open
        today = map.bookings.reduce(0) { $0 + ($1.startsAt >= day.start && $1.startsAt < day.end ? 1 : 0) }
    }

    var ratio: Double { open > 0 ? Double(taken) / Double(open) : 0 }
    var percent: Int { Int((ratio * 100).rounded()) }
}

extension SeatsState {
    static func renderGrid(_ s: State, _ area: Rect, _ buffer: inout Buffer) {
        let grid = s.seats.grid
        var right: [String] = []
        if let e = s.seats.gridError { right.append(e) }
        let failed = Set(grid.flatMap(\.shardErrors.keys)).sorted()
        if !failed.isEmpty { right.append("bookings unavailable from " + failed.joined(separator: ", ")) }
        if s.paused { right.append("paused") }
        // The maps' own inconsistencies (duplicate positions, bookings for
        // seats the library lacks…), as the map itself would flag them.
        let flagged = grid.map { SeatChecks.problems($0) }
        if let line = DataProblems.line(flagged.flatMap { $0 }, first: [.duplicateSeatPosition, .negativeSeatPosition]) { right.append(line) }
        let layout = LibraryGridLayout(area: Block(title: "").inner(area).inset(left: 1, right: 1), count: grid.count, selection: s.seats.gridSelection)
        let shown = layout.visible
        // Which cards show, when not all do (the arrows scroll).
        if let first = shown.first?.index, let last = shown.last?.index, shown.count < grid.count {
            right.insert("\(first + 1)–\(last + 1) of \(grid.count)", at: 0)
        }
        let block = Block(title: "Seats · \(grid.count) libraries · \(keyName(s, .open)) opens",
                          rightTitle: right.isEmpty ? nil : right.joined(separator: " · "),
                          borderRole: s.seats.gridError == nil && failed.isEmpty ? .border : .warning)
        buffer.render(block, in: area, theme: s.theme)
        let day = BookingTodayTally.dayInterval(containing: s.now, BookingTodayTally.platformTimeZone)
        // Only the cards drawn are computed: a frame costs the visible libraries, not all of them.
        for (i, rect) in shown {
            drawCard(LibraryCard(grid[i], now: s.now, day: day), selected: i == s.seats.gridSelection, flagged: !flagged[i].isEmpty, rect, s, &buffer)
        }
    }
}

/// Name (city muted) / bar and "12/45 27%" / "134 bookings today".
private func drawCard(_ c: LibraryCard, selected: Bool, flagged: Bool, _ r: Rect, _ s: State, _ buffer: inout Buffer) {
    let theme = s.theme
    let w = r.width
    let nameStyle = selected ? theme[.selection] : theme[.title]
    if selected { buffer.fill(Rect(x: r.x, y: r.y, width: w, height: 1), style: theme[.selection]) }
    buffer.put(TextFit.truncate((selected ? "▸ " : "  ") + (flagged ? "⚠ " : "") + seatLibraryTitle(c.library), to: w), x: r.x, y: r.y, style: nameStyle, clip: r)

    // The counts keep their digits; the bar takes what is left (none when under 4 columns).
    let taken = NumberText.grouped(Int64(c.taken)), open = NumberText.grouped(Int64(c.open))
    let counts = TextFit.firstFitting(["\(taken)/\(open) taken \(c.percent)%", "\(taken)/\(open) \(c.percent)%", "\(taken)/\(open)"], width: w - 2)
    let barWidth = w - 2 - DisplayWidth.of(counts) - 1
    var x = r.x + 2
    if barWidth >= 4 {
        let gauge = Gauge(ratio: c.ratio)
        buffer.put(Gauge.bar(ratio: c.ratio, width: barWidth), x: x, y: r.y + 1, style: theme[gauge.severity], clip: r)
        x += barWidth + 1
    }
    buffer.put(counts, x: x, y: r.y + 1, style: theme[.text], clip: r)

    let forms = NumberText.countForms(Int64(c.today))
    let today = TextFit.firstFitting(forms.map { "\($0) bookings today" } + forms.map { "\($0) today" }, width: w - 2)
    buffer.put(today, x: r.x + 2, y: r.y + 2, style: theme[.muted], clip: r)
}
