import Foundation
import StudySpotCore
import TerminalUI

// The Overview's bookings panel: today's tally whole, the per-minute chart
// (a sparkline when the panel is too low for one), then the newest changes
// as far as the panel reaches.

func renderBookingsPanel(_ s: State, _ area: Rect, _ buffer: inout Buffer) {
    let b = s.bookings
    let total = b.today.values.reduce(0, +)
    let inner = panelInner(s, "Bookings today", total > 0 ? groupedNumber(total) : nil, area, &buffer)
    guard b.loaded || !b.today.isEmpty || !b.perMinute.isEmpty else {
        return panelWaiting(s, "waiting for the booking feed…", inner, &buffer)
    }
    guard !inner.isEmpty else { return }
    buffer.put(bookingTally(b.today, width: inner.width), x: inner.x, y: inner.y, style: s.theme[.text], clip: inner)
    var y = inner.y + 1
    if y < inner.bottom, !b.perMinute.isEmpty {
        let rows = minuteChartRows(below: inner.height - 1)
        if rows >= 4 {
            let width = minuteChartWidth(b.perMinute, room: inner.width)
            drawMinuteChart(s, Rect(x: inner.x, y: y, width: width, height: rows), &buffer)
        } else {
            // Too low for a chart with its caption: the sparkline says the same in one row.
            buffer.put(perMinuteLine(b.perMinute, width: inner.width), x: inner.x, y: y, style: s.theme[.accent], clip: inner)
        }
        y += rows
    }
    var i = 0
    while y < inner.bottom, i < b.feed.count {
        let r = b.feed.newest(i)
        let x = inner.x + buffer.put(clock(r.updatedAt, s) + "  ", x: inner.x, y: y, style: s.theme[.muted], clip: inner)
        let text = "\(r.status.glyph) \(TextFit.pad(r.status.label, to: 10)) \(r.seatLabel ?? "-")  \(r.libraryName ?? "library \(r.libraryId)")"
        buffer.put(text, x: x, y: y, style: s.theme[bookingRole(r.status)], clip: inner)
        y += 1; i += 1
    }
}

/// The Overview's per-minute chart's width in `room` columns: a column a
/// minute beside its y axis when there is room for it, not wider. Stretched
/// over more columns, some minutes got two, and every bar is rewritten when
/// the chart moves on at each minute's turn: the extra columns were extra
/// bytes of an idle minute (Benchmarks/README.md, "Idle bytes").
func minuteChartWidth(_ perMinute: [Double], room: Int) -> Int {
    let axis = LineChart.compact(perMinute.max() ?? 0).count + 1
    return min(room, perMinute.count + axis)
}

/// Rows for the per-minute chart out of the `rows` below the tally: half,
/// from 4 (caption and three chart rows) up to 6 (caption, four rows of
/// bars, the time axis); 1 (the sparkline) when fewer than 6 are left. The
/// bars move a column at every minute's turn and every row a bar spans is
/// rewritten at its edges: six rows of bars were most of an idle minute's
/// bytes (Benchmarks/README.md, "Idle bytes"). The Bookings pane has the tall chart.
func minuteChartRows(below rows: Int) -> Int {
    rows < 6 ? min(1, max(0, rows)) : min(6, max(4, rows / 2))
}

/// Today's five counts in `width` columns: the labels shorten ("checked in",
/// "in", "●") before any number does, and a number only shortens by unit
/// ("1.2K"), so all five stay readable at 80 columns.
func bookingTally(_ today: [String: Int], width: Int) -> String {
    let counts = BookingStatus.allCases.map { Int64(today[$0.rawValue] ?? 0) }
    let labelSets: [([String], String)] = [
        (BookingStatus.allCases.map(\.label), "  "),
        (["res", "in", "done", "✕", "no-show"], " · "),
        (["res", "in", "done", "✕", "ns"], " "),
        (["○", "●", "✓", "✕", "ns"], " "),
    ]
    func line(_ labels: [String], _ sep: String, form: Int) -> String {
        zip(labels, counts).map { label, n in
            let forms = NumberText.countForms(n)
            return label + " " + forms[min(form, forms.count - 1)]
        }.joined(separator: sep)
    }
    var candidates = labelSets.map { line($0.0, $0.1, form: 0) }
    let (glyphs, sep) = labelSets[labelSets.count - 1]
    candidates += (1...3).map { line(glyphs, sep, form: $0) }
    return TextFit.firstFitting(candidates, width: width)
}

/// The per-minute sparkline with the latest minute and the peak, the words
/// going before the numbers and the numbers before the chart gets too short to read.
func perMinuteLine(_ perMinute: [Double], width: Int) -> String {
    let now = Int64((perMinute.last ?? 0).rounded()), peak = Int64((perMinute.max() ?? 0).rounded())
    let tails = ["  now \(groupedNumber(Int(now)))/min · peak \(groupedNumber(Int(peak)))/min",
                 " now \(groupedNumber(Int(now))) · peak \(groupedNumber(Int(peak)))",
                 " peak \(groupedNumber(Int(peak)))"]
    let least = 10
    for (k, tail) in tails.enumerated() {
        let head = k == 0 ? "per min " : ""
        let room = width - DisplayWidth.of(head) - DisplayWidth.of(tail)
        if room >= least { return head + sparkText(perMinute, width: min(room, perMinute.count)) + tail }
    }
    return sparkText(perMinute, width: max(0, width))
}
