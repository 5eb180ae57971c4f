import Foundation
import StudySpotCore
import TerminalUI

extension BookingsState {
    /// Today's counts, the charts (a one-line sparkline when short) and the live feed.
    static func render(_ s: State, _ area: Rect, _ buffer: inout Buffer) {
        let b = s.bookings
        // Charts when they leave the feed ten rows; else the sparkline line in the header.
        let chartHeight = area.height >= 24 ? min(14, max(8, area.height / 3)) : 0
        let parts = chartHeight > 0
            ? Layout.split(area, .vertical, [.fixed(4), .fixed(chartHeight), .fill(1)])
            : Layout.split(area, .vertical, [.fixed(5), .fill(1)])
        let todayTotal = b.today.values.reduce(0, +)
        let head = Block(title: "Bookings today · \(groupedNumber(todayTotal))", rightTitle: s.paused ? "paused" : nil)
        buffer.render(head, in: parts[0], theme: s.theme)
        let inner = head.inner(parts[0]).inset(left: 1, right: 1)
        if inner.height > 0 {
            var x = inner.x
            // Short words when narrow, so all five counts fit in 80 columns.
            let narrow = inner.width < 90
            for st in BookingStatus.allCases {
                guard x < inner.right else { break }
                let word = narrow && st == .checkedIn ? "in" : (narrow && st == .completed ? "done" : st.label)
                x += buffer.put("\(st.glyph) \(word) ", x: x, y: inner.y, style: s.theme[bookingRole(st)], clip: inner)
                x += buffer.put("\(groupedNumber(b.today[st.rawValue] ?? 0))" + (narrow ? "  " : "   "), x: x, y: inner.y, style: s.theme[.text], clip: inner)
            }
        }
        var statusRow = 1
        if chartHeight == 0 && inner.height > 1 {
            let y = inner.y + 1
            let x = inner.x + buffer.put("per min ", x: inner.x, y: y, style: s.theme[.muted], clip: inner)
            let sparkWidth = max(0, min(60, inner.right - x - 36))
            buffer.render(Sparkline(values: b.perMinute), in: Rect(x: x, y: y, width: sparkWidth, height: 1), theme: s.theme)
            let rest = Rect(x: x + sparkWidth + 1, y: y, width: max(0, inner.right - x - sparkWidth - 1), height: 1)
            buffer.put(minuteCaption(s, width: rest.width), x: rest.x, y: y, style: s.theme[.muted], clip: rest)
            statusRow = 2
        }
        if inner.height > statusRow {
            var x = inner.x
            let y = inner.y + statusRow
            for name in b.shardStatus.keys.sorted() {
                let st = b.shardStatus[name]!
                let ok = st == "live"
                x += buffer.put(ok ? "● " : "✕ ", x: x, y: y, style: s.theme[ok ? .ok : (st == "catching up" || st == "connecting" ? .warning : .critical)], clip: inner)
                x += buffer.put("\(name) \(ok ? "" : st)  ", x: x, y: y, style: s.theme[ok ? .muted : .text], clip: inner)
            }
            if b.garbagePayloads > 0 {
                x += buffer.put("  \(b.garbagePayloads) garbage notifications ignored", x: x, y: y, style: s.theme[.warning], clip: inner)
            }
            drawBookingProblems(s, x: x, y: y, clip: inner, &buffer)
        }
        if chartHeight > 0 { drawBookingCharts(s, parts[1], &buffer) }
        let feedArea = parts[parts.count - 1]
        drawBookingFeed(s, feedArea, &buffer)
        if let d = b.detail { drawBookingDetail(s, relabelled(d, b), feedArea, &buffer) }
    }
}

private func drawBookingFeed(_ s: State, _ area: Rect, _ buffer: inout Buffer) {
    let total = visibleBookingCount(s)
    var notes: [String] = []
    let f = s.bookings.filter
    if let st = f.status { notes.append("status=\(st.label)") }
    if let sh = f.shard { notes.append("shard=\(sh)") }
    if let lib = f.libraryName { notes.append("library=\(lib)") }
    if !s.searchQuery.isEmpty { notes.append("search: \(s.searchQuery)") }
    let title = "Live bookings · \(f.shard ?? "all shards") · \(groupedNumber(total)) shown"
    let block = Block(title: title, rightTitle: notes.isEmpty ? nil : "filter: " + notes.joined(separator: " "))
    buffer.render(block, in: area, theme: s.theme)
    let inner = block.inner(area).inset(left: 1, right: 1)
    guard !inner.isEmpty else { return }
    if total == 0 {
        // A feed that cannot start (an owner without [login]) says why instead of waiting.
        let status = s.bookings.loaded ? nil : s.monitorStatus[Pane.bookings.rawValue]
        let text = s.bookings.loaded ? "No booking changes match." : status ?? "Waiting for the booking feed…"
        buffer.render(Paragraph(text, role: status == nil ? .muted : .warning), in: inner, theme: s.theme)
        return
    }
    let wide = inner.width >= 110
    var columns = [TableColumn("time", width: .fixed(8)), TableColumn("library", width: .fill(3)),
                   TableColumn("seat", width: .fixed(6)), TableColumn("user", width: .fill(wide ? 2 : 1)),
                   TableColumn("status", width: .fixed(12)), TableColumn("amount", width: .fixed(7), alignment: .right),
                   TableColumn("shard", width: .fixed(11))]
    if wide { columns.insert(TableColumn("id", width: .fixed(13), alignment: .right), at: 1) }
    let selected = min(s.selection, total - 1)
    // Only the rows that can be on screen are copied and turned into cells.
    let visible = max(1, inner.height - 1)
    let offset = Table.scrollOffset(selected: selected, offset: 0, visibleRows: visible, rowCount: total)
    let rows = shownBookings(s, limit: offset + visible)
    let window = rows[min(offset, rows.count)..<rows.count]
    let cells: [[TableCell]] = window.map { r in
        var library = r.libraryName ?? "library \(r.libraryId)"
        if let city = r.libraryCity { library += ", " + city }
        var row: [TableCell] = [TableCell(feedTime(r.updatedAt, s), role: .muted), bookingLibraryCell(r, library),
                                TableCell(r.seatLabel ?? "#\(r.seatId)"), TableCell(r.userName ?? "user \(r.userId)"),
                                TableCell("\(r.status.glyph) \(r.status.label)", role: bookingRole(r.status)),
                                amountCell(r), TableCell(r.shard, role: .muted)]
        if wide { row.insert(TableCell(String(r.id), role: .muted), at: 1) }
        return row
    }
    let marker = sortMarker(s, .bookings, columns)
    buffer.render(Table(columns: columns, rows: cells, selected: selected - offset, sortColumn: marker.column,
                        sortAscending: marker.ascending, firstRowIndex: offset), in: inner, theme: s.theme)
}

private func drawBookingDetail(_ s: State, _ r: BookingRecord, _ area: Rect, _ buffer: inout Buffer) {
    let box = area.centered(width: min(area.width - 2, 64), height: min(area.height, 13))
    let block = Block(title: "Booking \(r.id)", rightTitle: "Esc closes", borderRole: .accent, clearsInside: true)
    buffer.render(block, in: box, theme: s.theme)
    let inner = block.inner(box).inset(left: 1, right: 1)
    func when(_ d: Date) -> String { dayAndClock(d, s) }
    let lines: [(String, String, Role)] = [bookingProblemDetail(r)].compactMap { $0 } + [
        ("status", "\(r.status.glyph) \(r.status.label)", bookingRole(r.status)),
        ("library", "\(r.libraryName ?? "not visible") \(r.libraryCity.map { "· " + $0 } ?? "") (#\(r.libraryId))", .text),
        ("seat", "\(r.seatLabel ?? "?") (#\(r.seatId))", .text),
        ("user", "\(r.userName ?? "?") (#\(r.userId))", .text),
        ("time", "\(when(r.startsAt)) – \(clock(r.endsAt, s))", .text),
        ("amount", r.amountText, .text),
        ("shard", r.shard, .text),
        ("booked", when(r.createdAt), .muted),
        ("changed", when(r.updatedAt), .muted),
    ]
    for (i, line) in lines.enumerated() where i < inner.height {
        let y = inner.y + i
        buffer.put(TextFit.pad(line.0, to: 9), x: inner.x, y: y, style: s.theme[.muted], clip: inner)
        buffer.put(line.1, x: inner.x + 9, y: y, style: s.theme[line.2], clip: inner)
    }
}

/// "14:02:09" today, "24 Nov" on another day (the column is eight wide).
func feedTime(_ d: Date, _ s: State) -> String { ClockText.feedTime(d, now: s.now, s.zoneOffsets) }

/// "25 Nov 14:02:09" in the given zone.
func dayAndClock(_ d: Date, _ s: State) -> String { ClockText.dayAndClock(d, s.zoneOffsets) }

/// 3204 → "3,204".
func groupedNumber(_ n: Int) -> String {
    let digits = String(abs(n))
    var out = ""
    for (i, ch) in digits.enumerated() {
        if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
        out.append(ch)
    }
    return n < 0 ? "-" + out : out
}

/// An amount as written, and in a narrow column by unit: "-₹21474836.48", "-₹21.47M".
func amountCell(_ r: BookingRecord) -> TableCell {
    let rupees = Int64(r.amountPaise.magnitude / 100)
    let sign = r.amountPaise < 0 ? "-₹" : "₹"
    return TableCell(r.amountText, shorter: NumberText.countForms(rupees).map { sign + $0 })
}
