import Foundation
import StudySpotCore
import TerminalUI

// The bookings charts: bookings made per minute over the last hour and per
// hour over today (BookingActivity), on the Bookings pane and, compact, on
// the Overview. Times are the server's (the series end at its now) drawn in
// the console's zone.

/// The first text that fits `width` whole: callers list the long form
/// first and drop labels, never digits.
func firstFitting(_ candidates: [String], width: Int) -> String {
    candidates.first { DisplayWidth.of($0) <= width } ?? ""
}

/// Where the per-minute series' peak is and when, over the chart's window.
struct MinutePeak: Equatable {
    var count: Int
    var now: Int
    /// "13:41", nil when nobody booked in the hour.
    var at: String?
}

func minutePeak(_ s: State) -> MinutePeak {
    let v = s.bookings.perMinute
    let peak = v.max() ?? 0
    let now = Int(v.last ?? 0)
    guard peak > 0, let i = v.firstIndex(of: peak) else { return MinutePeak(count: 0, now: now, at: nil) }
    return MinutePeak(count: Int(peak), now: now, at: minuteLabel(s, index: i, of: v.count))
}

/// "13:41" for the i-th of the `count` minutes that end at the server's now.
private func minuteLabel(_ s: State, index i: Int, of count: Int) -> String {
    let minute = s.bookings.lastMinute - Int64(count - 1 - i)
    return String(clock(Date(timeIntervalSince1970: Double(minute) * 60), s).prefix(5))
}

/// "last hour · now 12/min · peak 219/min at 13:41", shortened to fit.
func minuteCaption(_ s: State, width: Int) -> String {
    let p = minutePeak(s)
    let now = LineChart.compact(Double(p.now)), peak = LineChart.compact(Double(p.count))
    let at = p.at.map { " at " + $0 } ?? ""
    return firstFitting(["last hour · now \(now)/min · peak \(peak)/min\(at)", "now \(now)/min · peak \(peak)/min\(at)",
                         "now \(now) · peak \(peak)\(at)", "now \(now) · peak \(peak)", "peak \(peak)"], width: width)
}

/// The per-minute chart: a caption line, then the chart with its time axis.
/// The Overview draws it too (`compact` leaves the y axis and labels to the
/// chart's own fitting).
func drawMinuteChart(_ s: State, _ area: Rect, _ buffer: inout Buffer) {
    guard !area.isEmpty else { return }
    let v = s.bookings.perMinute
    buffer.put(minuteCaption(s, width: area.width), x: area.x, y: area.y, style: s.theme[.muted], clip: area)
    guard area.height > 1, !v.isEmpty else { return }
    buffer.render(LineChart(values: v, xLabels: minuteAxisLabels(count: v.count)),
                  in: Rect(x: area.x, y: area.y + 1, width: area.width, height: area.height - 1), theme: s.theme)
}

/// The per-minute chart's time axis, by minutes before now: "-45m" "-30m"
/// "-15m" "now", keyed by the index of the value each names. The bars move a
/// minute to the left at every minute's turn; labels that named the clock's
/// quarter hours moved with them, rewriting the axis row every idle minute
/// (Benchmarks/README.md, "Idle bytes"). These stay put; the caption's peak
/// keeps its clock time.
func minuteAxisLabels(count: Int) -> [Int: String] {
    var labels: [Int: String] = [:]
    for back in stride(from: 0, to: count, by: 15) { labels[count - 1 - back] = back == 0 ? "now" : "-\(back)m" }
    return labels
}

/// The per-hour chart of today: the whole day on the axis, hours to come empty.
func drawHourChart(_ s: State, _ area: Rect, _ buffer: inout Buffer) {
    guard !area.isEmpty else { return }
    let b = s.bookings
    let total = LineChart.compact(b.perHour.reduce(0, +))
    let peak = b.perHour.max() ?? 0
    var at = ""
    if peak > 0, let i = b.perHour.firstIndex(of: peak), let day = b.dayStart {
        at = " at " + String(clock(day.addingTimeInterval(Double(i) * 3_600), s).prefix(5))
    }
    let caption = firstFitting(["today · \(total) made · peak \(LineChart.compact(peak))/hour\(at)",
                                "\(total) today · peak \(LineChart.compact(peak))\(at)", "peak \(LineChart.compact(peak))"], width: area.width)
    buffer.put(caption, x: area.x, y: area.y, style: s.theme[.muted], clip: area)
    guard area.height > 1, let day = b.dayStart else { return }
    let values = b.perHour + Array(repeating: 0, count: max(0, 24 - b.perHour.count))
    var labels: [Int: String] = [:]
    for i in stride(from: 0, to: 24, by: 6) { labels[i] = String(clock(day.addingTimeInterval(Double(i) * 3_600), s).prefix(5)) }
    buffer.render(LineChart(values: values, xLabels: labels), in: Rect(x: area.x, y: area.y + 1, width: area.width, height: area.height - 1),
                  theme: s.theme)
}

/// Both charts side by side in bordered boxes (the Bookings pane).
func drawBookingCharts(_ s: State, _ area: Rect, _ buffer: inout Buffer) {
    let halves = Layout.split(area, .horizontal, [.percentage(60), .fill(1)])
    let minutes = Block(title: "Bookings made per minute")
    buffer.render(minutes, in: halves[0], theme: s.theme)
    drawMinuteChart(s, minutes.inner(halves[0]).inset(left: 1, right: 1), &buffer)
    let hours = Block(title: "Per hour, today")
    buffer.render(hours, in: halves[1], theme: s.theme)
    drawHourChart(s, hours.inner(halves[1]).inset(left: 1, right: 1), &buffer)
}
