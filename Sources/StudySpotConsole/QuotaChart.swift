import Foundation
import StudySpotCore
import TerminalUI

/// A quota's use over its period as a chart: the period's samples as bars
/// from its start to now, the projection from now to the period's end, the
/// limit as a line. Pure: the detail draws what `input` returns.
enum QuotaChart {
    struct Input: Equatable {
        var values: [Double]
        var xLabels: [Int: String]
        var guides: LineChart.Guides
    }

    /// The chart's series over `points` equal steps of time, or nil when the
    /// period has no sample yet. A `total` quota (no period) runs from its
    /// first sample to `QuotaMath.totalHorizonDays` ahead, which is as far as
    /// its projection looks; a rolling window ends now (nothing to project to).
    static func input(_ g: QuotaGauge, now: Date, points: Int) -> Input? {
        let samples = g.periodSamples.filter { $0.observedAt <= now }
        guard let first = samples.first, points >= 2 else { return nil }
        let window = g.entry.period.window(at: now)
        let start = min(window.start ?? first.observedAt, first.observedAt, now)
        let end: Date
        if g.entry.period.isRolling { end = now } else { end = g.resetsAt ?? now.addingTimeInterval(QuotaMath.totalHorizonDays * 86_400) }
        let span = max(1, end.timeIntervalSince(start))
        func time(_ i: Int) -> Date { start.addingTimeInterval(span * Double(i) / Double(points - 1)) }
        let nowIndex = min(points - 1, max(0, Int((now.timeIntervalSince(start) / span * Double(points - 1)).rounded(.down))))
        // Each step shows the last sample at or before it: the running sum as it stood then.
        var values = Array(repeating: 0.0, count: points)
        var next = 0
        var current = 0.0
        for i in 0...nowIndex {
            while next < samples.count && samples[next].observedAt <= time(i) { current = samples[next].used; next += 1 }
            values[i] = current
        }
        values[nowIndex] = g.used ?? samples.last!.used
        var guides = LineChart.Guides(limit: g.entry.limit)
        if nowIndex < points - 1, let projected = projectedUse(g) {
            guides.projectFrom = nowIndex
            guides.projectTo = projected
        }
        let long = span >= 2 * 86_400
        var labels = [0: label(start, long: long), points - 1: label(end, long: long)]
        labels[nowIndex] = "now"
        return Input(values: values, xLabels: labels, guides: guides)
    }

    /// Use expected at the period's end, in the quota's unit.
    static func projectedUse(_ g: QuotaGauge) -> Double? {
        guard let p = g.projectedPercent, let limit = g.entry.limit, limit > 0 else { return nil }
        return p / 100 * limit
    }

    /// "14:00" within a day or two, "3 Dec" for longer periods (UTC, like the period boundaries).
    static func label(_ d: Date, long: Bool) -> String {
        let c = CivilTime.utcFields(d)
        if long { return "\(c.day) \(CivilTime.monthNames[c.month - 1])" }
        return CivilTime.two(c.hour) + ":" + CivilTime.two(c.minute)
    }

    /// The chart as `height` rows of `width` columns, or "no samples yet".
    static func rows(_ g: QuotaGauge, now: Date, width: Int, height: Int) -> [String] {
        guard let input = input(g, now: now, points: max(2, width)) else {
            return [TextFit.truncate("no samples yet in this period", to: width)]
        }
        return LineChart.draw(input.values, xLabels: input.xLabels, width: width, height: height, guides: input.guides).rows
    }
}
