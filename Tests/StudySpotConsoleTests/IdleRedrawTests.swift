import Foundation
import Testing
import StudySpotCore
@testable import StudySpotConsole
@testable import TerminalUI

/// Issue 18: an idle Overview changes once a minute, not with every probe,
/// and the UI loop sleeps until the screen would change by itself.
@Suite("An idle Overview is quiet")
struct IdleRedrawTests {
    /// 2026-12-06 10:00:00 UTC: a minute's start.
    static let minute0 = Date(timeIntervalSince1970: 1_796_551_200)

    static func at(_ seconds: Double) -> Date { minute0.addingTimeInterval(seconds) }

    @Test("A source's first reading is shown until its first minute closes, then that minute's median and p95")
    func minuteFigures() {
        var m = MinuteLatencies()
        let src = MinuteLatencies.Source.instance("railway")
        m.record(src, 0.040, at: Self.at(1))
        for (k, v) in [0.010, 0.090, 0.020, 0.030].enumerated() { m.record(src, v, at: Self.at(Double(3 + 2 * k))) }
        #expect(m.shown(src) == .init(p50: 0.040, p95: 0.040), "within the first minute the first reading stays")
        #expect(m.perMinute(src).isEmpty)
        m.roll(to: Self.at(60))
        // Readings 40, 10, 90, 20, 30 ms: median 30, p95 (nearest rank) 90.
        #expect(m.shown(src) == .init(p50: 0.030, p95: 0.090))
        #expect(m.perMinute(src) == [0.030])
        m.record(src, 0.500, at: Self.at(61))
        #expect(m.shown(src)?.p50 == 0.030, "a new minute's readings wait for it to close")
        m.record(src, 0.700, at: Self.at(125))  // a reading of a later minute closes the one before
        #expect(m.perMinute(src) == [0.030, 0.500])
    }

    @Test("A reading re-posted without a new probe counts once; only the last 60 minutes are kept")
    func minuteFiguresBounded() {
        var m = MinuteLatencies()
        let src = MinuteLatencies.Source.shard("neon")
        m.record(src, 0.010, at: Self.at(1))
        for _ in 0..<5 { m.record(src, 0.900, at: Self.at(2)) }
        m.roll(to: Self.at(60))
        #expect(m.shown(src)?.p50 == 0.010, "five repeats of one reading are one reading: [10, 900] → median 10")
        for k in 1...100 { m.record(src, Double(k) / 1000, at: Self.at(Double(60 * k + 1))) }
        m.roll(to: Self.at(60 * 102))
        #expect(m.perMinute(src).count == MinuteLatencies.minutesKept)
        #expect(m.perMinute(src).last == 0.100)
    }

    @Test("The Overview's evidence shows ages to the minute and leaves a successful probe's latency out")
    func evidenceToTheMinute() {
        var i = EventsPaneTests.instance(.up)
        i.apply(.probeOK(status: "200", latency: 0.041), at: Self.at(0))
        #expect(i.evidence(now: Self.at(12)).contains("12s"), "the Instances pane keeps seconds")
        #expect(i.evidence(now: Self.at(12), minutes: true) == "probed <1m ago")
        #expect(i.evidence(now: Self.at(59), minutes: true) == i.evidence(now: Self.at(1), minutes: true))
        #expect(i.evidence(now: Self.at(130), minutes: true) == "probed 2m ago")
        var down = EventsPaneTests.instance(.down, error: "connection refused", failures: 3)
        down.apply(.probeFailed, error: "connection refused", at: Self.at(0))
        #expect(down.evidence(now: Self.at(5), minutes: true).contains("connection refused"), "a failure's reason stays")
    }

    @Test("An age to the minute next changes at its own minute, hour or day step")
    func ageSteps() {
        let since = Self.at(-30)
        #expect(RedrawClock.nextAgeStep(since: since, now: Self.at(0)) == Self.at(30))
        #expect(RedrawClock.nextAgeStep(since: since, now: Self.at(30)) == Self.at(90), "at 1m exactly, the next step is 2m")
        #expect(RedrawClock.nextAgeStep(since: since, now: Self.at(4_000)) == Self.at(7_170), "past an hour: the next hour")
        #expect(RedrawClock.nextAgeStep(since: since, now: Self.at(4_000), minutesOnly: true) == Self.at(4_050))
    }

    @Test("An alert's age on the Overview: under an hour, then hours and days")
    func overviewAlertAges() {
        #expect(overviewAlertAge(0) == "<1h")
        #expect(overviewAlertAge(3_599) == "<1h")
        #expect(overviewAlertAge(3_600) == "1h")
        #expect(overviewAlertAge(7_199) == "1h")
        #expect(overviewAlertAge(2 * 86_400 + 5) == "2d")
        #expect(overviewAlertAge(.nan) == "-")
        // Each text holds from one step to the next, the step RedrawClock wakes for.
        let since = Self.at(0)
        for age in stride(from: 0.0, to: 90_000, by: 97) {
            let next = RedrawClock.nextAgeStep(since: since, now: Self.at(age), underAnHour: OverviewAge.youngStep)
            let nextAge = next.timeIntervalSince(since)
            #expect(overviewAlertAge(nextAge - 0.001) == overviewAlertAge(age), "unchanged until the step (age \(age))")
            #expect(overviewAlertAge(nextAge) != overviewAlertAge(age), "changed at the step (age \(age))")
        }
    }

    @Test("The per-minute chart's time axis names minutes before now and stays put when the bars move on")
    func minuteAxis() {
        #expect(minuteAxisLabels(count: 60) == [59: "now", 44: "-15m", 29: "-30m", 14: "-45m"])
        #expect(minuteAxisLabels(count: 10) == [9: "now"])
        #expect(minuteAxisLabels(count: 0).isEmpty)
        let hour = (0..<61).map { Double(($0 * 37) % 11) }
        let before = LineChart.draw(Array(hour.dropLast()), xLabels: minuteAxisLabels(count: 60), width: 71, height: 8)
        let after = LineChart.draw(Array(hour.dropFirst()), xLabels: minuteAxisLabels(count: 60), width: 71, height: 8)
        #expect(before.rows.dropLast() != after.rows.dropLast(), "the bars moved")
        #expect(before.rows.last == after.rows.last, "the axis row did not")
        #expect(before.rows.last?.contains("-45m") == true && before.rows.last?.hasSuffix("now") == true)
    }

    @Test("The Overview's per-minute chart takes a column a minute beside its axis, not more")
    func minuteChartColumns() {
        var hour = (0..<60).map { Double(($0 * 37) % 11) }
        hour[7] = 96
        let width = minuteChartWidth(hour, room: 76)
        #expect(width == 63, "60 minutes and the axis \"96┤\"")
        let d = LineChart.draw(hour, xLabels: minuteAxisLabels(count: 60), width: width, height: 7)
        #expect(d.axisWidth == 3)
        #expect(LineChart.columnValues(hour, width - d.axisWidth) == hour, "one column per minute, none doubled")
        #expect(minuteChartWidth(hour, room: 40) == 40, "a narrower panel keeps its width")
        #expect(minuteChartWidth([], room: 40) == 2)
    }

    @Test("The chart's minute is the server's, or the clock's when the server is less than 2 s off")
    func chartMinute() {
        #expect(chartClockOffset(-1.2) == 0 && chartClockOffset(1.99) == 0 && chartClockOffset(0) == 0)
        #expect(chartClockOffset(-2) == -2 && chartClockOffset(90) == 90)
        var b = Self.idle().bookings
        b.serverOffset = -0.6
        rollBookingMinutes(&b, now: Self.at(59.9), force: true)
        let before = b.lastMinute
        rollBookingMinutes(&b, now: Self.at(60.001))
        #expect(b.lastMinute == before + 1, "moved on with the clock's minute, not 0.6 s later")
        b.serverOffset = -5
        rollBookingMinutes(&b, now: Self.at(122))
        #expect(b.lastMinute == before + 1, "5 s behind: the server's minute has not turned yet")
        rollBookingMinutes(&b, now: Self.at(125.001))
        #expect(b.lastMinute == before + 2)
    }

    @Test("The Overview's per-minute chart: at most four rows of bars between its caption and its axis")
    func minuteChartHeight() {
        #expect(minuteChartRows(below: 5) == 1, "the sparkline")
        #expect(minuteChartRows(below: 6) == 4)
        #expect(minuteChartRows(below: 12) == 6)
        #expect(minuteChartRows(below: 40) == 6)
    }

    @Test("The loop's next wake: the next minute or age step on the Overview, the next second elsewhere")
    func nextChange() {
        var s = Self.idle()
        s.bookings.serverOffset = 0
        s.alerts.alerts = [Alert(id: "a", severity: .critical, source: "neon", message: "down", since: Self.at(-3_590))]
        #expect(RedrawClock.nextChange(s, after: Self.at(5)) == Self.at(10), "the alert's '<1h' becomes '1h' at 10 s")
        s.alerts.alerts[0].since = Self.at(-50)
        #expect(RedrawClock.nextChange(s, after: Self.at(5)) == Self.at(60), "a young alert's age waits for its hour, not each minute")
        s.alerts.alerts = []
        #expect(RedrawClock.nextChange(s, after: Self.at(5)) == Self.at(60), "nothing ages: the minute clock")
        var ahead = s; ahead.bookings.serverOffset = 2
        #expect(RedrawClock.nextChange(ahead, after: Self.at(5)) == Self.at(58), "the bookings chart turns at the server's minute")
        for offset in [-1.9, -0.004, 0, 0.3, 1.9] {
            var near = s; near.bookings.serverOffset = offset
            #expect(RedrawClock.nextChange(near, after: Self.at(5)) == Self.at(60), "a server \(offset) s off turns with the clock")
        }
        var far = s; far.bookings.serverOffset = -2.5
        #expect(RedrawClock.nextChange(far, after: Self.at(5)) == Self.at(60), "the clock's minute first")
        #expect(RedrawClock.nextChange(far, after: Self.at(60)) == Self.at(62.5), "then the chart's")
        var seconds = s; seconds.clockSeconds = true
        #expect(RedrawClock.nextChange(seconds, after: Self.at(5.5)) == Self.at(6))
        var alerts = s; alerts.pane = .alerts
        #expect(RedrawClock.nextChange(alerts, after: Self.at(5.5)) == Self.at(6), "the Alerts pane counts seconds")
        var help = s; help.overlay = .help(offset: 0)
        #expect(RedrawClock.nextChange(help, after: Self.at(5.5)) == Self.at(6))
    }

    @Test("Quiet readings wait one refresh interval, at least 1 s and at most 2 s")
    func quietWindow() {
        var s = Self.idle()
        for (refresh, ms) in [(1, 1_000), (2, 2_000), (60, 2_000)] {
            s.refreshSeconds = refresh
            #expect(DashboardRunner.quietMilliseconds(s) == ms)
        }
    }

    /// The Overview at 160×48 with one instance, shard and cache that report every 2 s.
    static func idle() -> State {
        var s = OverviewRenderTests.loaded()
        s.alerts.alerts = []
        s = update(s, .tick(at(0))).0
        return update(s, .resize(Size(width: 160, height: 48))).0
    }

    /// Readings as an idle platform sends them: latency and counters move, nothing else.
    static func readings(_ s: State, at t: Date, _ k: Int) -> [MonitorEvent] {
        var list = s.instances.instances
        for j in list.indices where list[j].state == .up {
            list[j].apply(.probeOK(status: "200", latency: 0.020 + Double((k * 7 + j) % 13) / 1000), at: t)
        }
        var shard = s.shards.shards[0]
        shard.latency = 0.002 + Double(k % 5) / 1000; shard.connections = 3 + k % 3; shard.checkedAt = t
        var cache = s.caches.caches[0]
        cache.latency = 0.001 + Double(k % 4) / 1000; cache.commandsToday = 500 + Int64(20 * k)
        cache.usedMemoryBytes = (1 << 20) + Int64(k % 3) * 4_096; cache.checkedAt = t
        return [.instances(.reading(list, stateCacheError: nil)), .shards(.reading(shard)), .caches(.reading(cache))]
    }

    static func draw(_ s: State) -> Buffer {
        var b = Buffer(size: s.size)
        view(s, into: &b)
        return b
    }

    @Test("A minute of readings every 2 s changes the Overview only where RedrawClock said; the next minute draws their figures")
    func quietMinute() {
        var s = Self.idle()
        for e in Self.readings(s, at: Self.at(0), 0) { s = update(s, .data(e)).0 }
        let first = Self.draw(s)
        let commandsLine = { (b: Buffer) in b.textDump.split(separator: "\n").first { $0.contains("railway-redis") }.map(String.init) ?? "" }
        #expect(commandsLine(first).contains("500"), "\(commandsLine(first))")
        var changed: [Double] = [], diff: [String] = []
        var shown = first, predicted = RedrawClock.nextChange(s, after: Self.at(0))
        for k in 1..<30 {
            let t = Self.at(Double(2 * k))
            s = update(s, .tick(t)).0
            for e in Self.readings(s, at: t, k) { s = update(s, .data(e)).0 }
            let b = Self.draw(s)
            // A change the loop would not have woken for (RedrawClock's wake still ahead) is a change without cause.
            if b != shown {
                if predicted > t {
                    changed.append(Double(2 * k))
                    let was = OverviewRenderTests.lines(shown), now = OverviewRenderTests.lines(b)
                    diff += zip(was, now).filter { $0 != $1 }.map { "at \(2 * k) s: \($0.0)\n       → \($0.1)" }
                }
                shown = b
            }
            predicted = RedrawClock.nextChange(s, after: t)
        }
        #expect(changed.isEmpty, "the screen changed unforeseen at \(changed) s within one minute:\n\(diff.joined(separator: "\n"))")
        s = update(s, .tick(Self.at(60))).0
        let next = Self.draw(s)
        #expect(next != first)
        #expect(commandsLine(next).contains("1,080"), "the minute's sample: 500 + 20 × 29\n\(commandsLine(next))")
    }

    @Test("A shard that stops answering shows at once, not at the minute")
    func failureAtOnce() {
        var s = Self.idle()
        for e in Self.readings(s, at: Self.at(0), 0) { s = update(s, .data(e)).0 }
        var shard = s.shards.shards[0]
        shard.reachable = false; shard.error = "connection refused"; shard.latency = nil; shard.checkedAt = Self.at(4)
        s = update(s, .data(.shards(.reading(shard)))).0
        let text = Self.draw(s).textDump
        #expect(text.contains("✕ neon"), "\(text)")
        #expect(text.contains("connection refused"), "\(text)")
    }

    @Test("Gauges that read the same keep their order in the closest-to-limits list whatever order the report gives")
    func closestTies() {
        let a = QuotaGauge(entry: SnapshotReportTests.entry, used: 1, percent: 781, severity: .critical)
        var entry = SnapshotReportTests.entry; entry.provider = "imagekit"
        let b = QuotaGauge(entry: entry, used: 1, percent: 781, severity: .critical)
        #expect(closestQuotas([a, b]).map(\.entry.key) == closestQuotas([b, a]).map(\.entry.key))
        var c = b; c.projectedPercent = 850.3
        var d = a; d.projectedPercent = 850.1
        #expect(closestQuotas([c, d]).map(\.entry.key) == closestQuotas([a, b]).map(\.entry.key),
                "a fraction of a percent the panel does not show leaves the order alone")
    }
}
