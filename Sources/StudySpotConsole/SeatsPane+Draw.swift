import Foundation
import StudySpotCore
import TerminalUI

extension SeatsState {
    static func render(_ s: State, _ area: Rect, _ buffer: inout Buffer) {
        defer { if s.seats.picking { drawLibraryPicker(s, area, &buffer) } }
        guard let map = s.seats.map else {
            let block = Block(title: "Seats", rightTitle: s.seats.requested != nil ? "loading…" : nil)
            buffer.render(block, in: area, theme: s.theme)
            let inner = block.inner(area).inset(left: 1, right: 1)
            // A monitor that cannot start (an owner without [login]) says why instead of waiting.
            let status = s.seats.libraries.isEmpty ? s.monitorStatus[Pane.seats.rawValue] : nil
            let text = s.seats.error ?? status ?? (s.seats.libraries.isEmpty ? "Waiting for the catalog…"
                : "No library shown: press \(keyName(s, .seatsPick)) to pick one (/ searches name or city).")
            buffer.render(Paragraph(text, role: s.seats.error == nil && status == nil ? .muted : .warning), in: inner, theme: s.theme)
            return
        }
        let v = SeatMapView.compute(map, now: s.now)
        let pct = v.total.open > 0 ? Int((Double(v.total.taken) / Double(v.total.open) * 100).rounded()) : 0
        var right: [String] = []
        if s.seats.requested != nil { right.append("loading…") }
        if let e = s.seats.error { right.append(e) }
        if s.paused { right.append("paused") }
        let block = Block(title: "\(seatLibraryTitle(map.library)) · \(v.total.taken)/\(v.total.open) taken (\(pct)%)",
                          rightTitle: right.isEmpty ? nil : right.joined(separator: " · "),
                          borderRole: s.seats.error == nil ? .border : .warning)
        buffer.render(block, in: area, theme: s.theme)
        let inner = block.inner(area).inset(left: 1, right: 1)
        guard inner.height >= 2 else { return }
        let sel = min(s.seats.selectedSeat, max(0, map.seats.count - 1))
        let cells = zip(map.seats, v.statuses).map { seat, st in
            SeatCell(label: seat.label, zone: seat.zone, row: seat.row, column: seat.column, state: SeatState(rawValue: st.rawValue) ?? .free)
        }
        let flagged = inner.height >= 4 ? drawSeatProblems(s, Rect(x: inner.x, y: inner.y, width: inner.width, height: 1), &buffer) : 0
        let gridArea = Rect(x: inner.x, y: inner.y + flagged, width: inner.width, height: inner.height - 1 - flagged)
        // Each zone's heading carries its count, by the same rule as the title's (SeatOccupancy).
        let notes = Dictionary(v.zones.map { ($0.zone, "\($0.taken)/\($0.open) taken") }, uniquingKeysWith: { a, _ in a })
        buffer.render(SeatGrid(seats: cells, selected: map.seats.isEmpty ? nil : sel, zoneNotes: notes), in: gridArea, theme: s.theme)
        // The selected seat's current and next booking on the last line.
        guard map.seats.indices.contains(sel) else { return }
        let seat = map.seats[sel]
        let mine = v.bookingsBySeat[seat.id] ?? []
        var line = "\(seat.label) (\(seat.zone), row \(seat.row)): \(v.statuses[sel].rawValue.replacingOccurrences(of: "_", with: " "))"
        if let cur = SeatOccupancy.current(mine, now: s.now) {
            line += " · now \(clock(cur.startsAt, s).prefix(5))–\(clock(cur.endsAt, s).prefix(5)) \(cur.userName ?? "user \(cur.userId)") (\(cur.status.label))"
        }
        if let next = SeatOccupancy.next(mine, now: s.now) {
            line += " · next \(clock(next.startsAt, s).prefix(5))–\(clock(next.endsAt, s).prefix(5)) \(next.userName ?? "user \(next.userId)") (\(next.status.label))"
        } else {
            line += " · no next booking within 24 h"
        }
        line = seatProblemNote(s, seat) + line
        buffer.put(line, x: inner.x, y: inner.bottom - 1, style: s.theme[.text], clip: inner)
    }
}

private func drawLibraryPicker(_ s: State, _ area: Rect, _ buffer: inout Buffer) {
    let libs = pickerLibraries(s)
    let box = area.centered(width: min(area.width - 2, 70), height: min(area.height, max(6, min(libs.count + 3, 20))))
    let title = s.searchQuery.isEmpty ? "Pick a library · / searches" : "Libraries matching \"\(s.searchQuery)\""
    let block = Block(title: title, rightTitle: "\(libs.count)", borderRole: .accent, clearsInside: true)
    buffer.render(block, in: box, theme: s.theme)
    let inner = block.inner(box).inset(left: 1, right: 1)
    guard !inner.isEmpty else { return }
    if libs.isEmpty {
        buffer.render(Paragraph("No library matches.", role: .muted), in: inner, theme: s.theme)
        return
    }
    let rows = libs.map { [TableCell($0.name), TableCell($0.city, role: .muted)] }
    buffer.render(Table(columns: [TableColumn("library", width: .fill(3)), TableColumn("city", width: .fill(1))],
                        rows: rows, selected: min(s.seats.pickerSelection, libs.count - 1), showsHeader: false),
                  in: inner, theme: s.theme)
}

/// The first key bound to `action` ("?" when none is).
func keyName(_ s: State, _ action: ConsoleAction) -> String { s.keyMap.action(id: action)?.keys.first?.description ?? "?" }
