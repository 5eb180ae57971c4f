import Foundation
import Testing
import StudySpotCore
@testable import StudySpotConsole
@testable import TerminalUI

/// The quota detail's chart input: pure, from a gauge made by the quota arithmetic.
@Suite struct QuotaChartTests {
    let now = Date(timeIntervalSince1970: 1_795_608_000) // 2026-11-25 12:00 UTC

    func entry(_ period: QuotaPeriod, limit: Double?) -> QuotaEntry {
        QuotaEntry(provider: "p", resource: "r", category: .email, limit: limit, unit: "emails", period: period,
                   planLimit: limit, planText: "", currentText: "", source: "test", checked: "n.d.", verdict: .confirmed)
    }

    /// A month quota used steadily since the 1st: 10 a day.
    func monthGauge() -> QuotaGauge {
        let start = Date(timeIntervalSince1970: 1_793_491_200) // 2026-11-01 00:00 UTC
        let samples = stride(from: 0.0, through: 24 * 24.5, by: 12).map {
            QuotaSample(used: $0 / 24 * 10, observedAt: start.addingTimeInterval($0 * 3_600))
        }
        return QuotaMath.gauge(entry: entry(.month, limit: 500), samples: samples, now: now)
    }

    @Test("A month quota: bars to now, projection to the month's end, the limit, labels start/now/end")
    func monthChart() throws {
        let g = monthGauge()
        #expect(g.periodSamples.count == 50)
        let input = try #require(QuotaChart.input(g, now: now, points: 100))
        #expect(input.guides.limit == 500)
        // 24.5 of 30 days gone: now is at 81 of 99.
        let nowIndex = try #require(input.guides.projectFrom)
        #expect(nowIndex == 80)
        #expect(input.values[nowIndex] == g.used)
        #expect(input.values.suffix(from: nowIndex + 1).allSatisfy { $0 == 0 })
        #expect(input.values.prefix(nowIndex).allSatisfy { $0 <= g.used! })
        let projected = try #require(input.guides.projectTo)
        #expect(abs(projected - g.projectedPercent! * 5) < 0.001)
        #expect(projected > 290 && projected < 310) // 10 a day over 30 days
        #expect(input.xLabels == [0: "1 Nov", nowIndex: "now", 99: "1 Dec"])
    }

    @Test("A total quota (no reset) runs from its first sample to the projection's horizon")
    func totalChart() throws {
        let samples = [QuotaSample(used: 10, observedAt: now.addingTimeInterval(-10 * 86_400)),
                       QuotaSample(used: 30, observedAt: now.addingTimeInterval(-86_400)),
                       QuotaSample(used: 40, observedAt: now.addingTimeInterval(-60))]
        let g = QuotaMath.gauge(entry: entry(.total, limit: 1_000), samples: samples, now: now)
        let input = try #require(QuotaChart.input(g, now: now, points: 41))
        #expect(input.values.first == 10)
        // 10 days behind, 30 ahead: now is a quarter of the way.
        #expect(input.guides.projectFrom == 10)
        #expect(input.values[10] == 40)
        #expect(input.xLabels[0] == "15 Nov" && input.xLabels[40] == "25 Dec")
        let rows = QuotaChart.rows(g, now: now, width: 60, height: 6)
        #expect(rows.count == 6 && rows[0].hasPrefix("1K┤"))
    }

    @Test("No sample in the period: a clear 'no samples yet', at every width")
    func noSamples() {
        let g = QuotaMath.gauge(entry: entry(.month, limit: 500), samples: [], now: now)
        #expect(QuotaChart.input(g, now: now, points: 80) == nil)
        #expect(QuotaChart.rows(g, now: now, width: 80, height: 6) == ["no samples yet in this period"])
    }

    @Test("The detail shows the chart with the limit on its axis at every width from the minimum (70) to 250")
    func detailEveryWidth() {
        var s = State(role: .admin, readOnly: false, size: Size(width: 100, height: 40), now: now, timeZone: TimeZone(identifier: "UTC")!)
        s = update(s, .key(Key(name: "4")!)).0
        let report = QuotaReport(gauges: [monthGauge()], capacity: [], email: nil, cost: [], generatedAt: now)
        s = update(s, .data(.quotas(.report(report)))).0
        s = update(s, .key(Key(name: "Enter")!)).0
        #expect(s.quotas.detail == "p")
        for width in 70...250 {
            s.size = Size(width: width, height: 40)
            var b = Buffer(size: s.size)
            view(s, into: &b)
            let text = b.trimmedTextDump
            #expect(text.contains("500┤"), "width \(width)")
            #expect(text.contains("now"), "width \(width)")
        }
    }
}
