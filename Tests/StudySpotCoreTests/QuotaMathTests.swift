import Foundation
import Testing
@testable import StudySpotCore

func entry(_ period: QuotaPeriod, limit: Double?, verdict: QuotaVerdict = .confirmed) -> QuotaEntry {
    QuotaEntry(provider: "p", resource: "r", category: .email, limit: limit, unit: "emails", period: period,
               planLimit: limit, planText: "", currentText: "", source: "test", checked: "n.d.", verdict: verdict)
}

/// Samples at "hours after `base`": (hours, used).
func series(_ base: String, _ points: [(Double, Double)], periodStart: String? = nil) -> [QuotaSample] {
    points.map { QuotaSample(used: $0.1, periodStart: periodStart.map(utc), observedAt: utc(base).addingTimeInterval($0.0 * 3_600)) }
}

@Suite struct QuotaMathTests {
    struct Row: Sendable, CustomTestStringConvertible {
        var name: String
        var period: QuotaPeriod
        var limit: Double?
        var samples: [QuotaSample]
        var now: String
        var used: Double?
        var percent: Double?
        var burn24h: Double?
        var projectedPercent: Double?
        var runsOut: String?
        var severity: Severity
        var verdict: QuotaVerdict = .confirmed
        var testDescription: String { name }
    }

    static let rows: [Row] = [
        Row(name: "no samples yet: nothing projected", period: .month, limit: 100, samples: [], now: "2026-11-15T00:00:00Z",
            used: nil, percent: nil, burn24h: nil, projectedPercent: nil, runsOut: nil, severity: .unknown),
        Row(name: "zero usage", period: .month, limit: 100,
            samples: series("2026-11-14T00:00:00Z", [(0, 0), (24, 0)]), now: "2026-11-15T00:00:00Z",
            used: 0, percent: 0, burn24h: 0, projectedPercent: 0, runsOut: nil, severity: .ok),
        // 10 a day from the 1st: 140 by the 15th 00:00, 140 + 16 × 10 = 300 projected at 1 Dec.
        Row(name: "month: steady burn, projected over, runs out mid-month", period: .month, limit: 200,
            samples: series("2026-11-14T00:00:00Z", [(0, 130), (12, 135), (24, 140)]), now: "2026-11-15T00:00:00Z",
            used: 140, percent: 70, burn24h: 10, projectedPercent: 150, runsOut: "2026-11-21T00:00:00Z", severity: .critical),
        Row(name: "month: 85% but on pace to stay under → warning", period: .month, limit: 100,
            samples: series("2026-11-29T00:00:00Z", [(0, 84), (24, 85)]), now: "2026-11-30T00:00:00Z",
            used: 85, percent: 85, burn24h: 1, projectedPercent: 86, runsOut: nil, severity: .warning),
        Row(name: "over limit", period: .month, limit: 100,
            samples: series("2026-11-20T00:00:00Z", [(0, 90), (24, 120)]), now: "2026-11-21T00:00:00Z",
            used: 120, percent: 120, burn24h: 30, projectedPercent: 420, runsOut: "2026-11-21T00:00:00Z", severity: .critical),
        // A reset mid-series: 80 → 5 is a new period; the 24 h burn counts 10 before and 5 after.
        Row(name: "reset in the middle of a series", period: .total, limit: 100,
            samples: series("2026-11-20T00:00:00Z", [(0, 70), (12, 80), (18, 5)]), now: "2026-11-21T00:00:00Z",
            used: 5, percent: 5, burn24h: 20, projectedPercent: 605, runsOut: "2026-11-25T18:00:00Z", severity: .critical),
        Row(name: "limit of zero: any use is critical", period: .month, limit: 0,
            samples: series("2026-11-20T00:00:00Z", [(0, 1), (24, 2)]), now: "2026-11-21T00:00:00Z",
            used: 2, percent: nil, burn24h: 1, projectedPercent: nil, runsOut: nil, severity: .critical),
        Row(name: "day period: yesterday's samples do not count today", period: .day, limit: 100,
            samples: series("2026-11-20T12:00:00Z", [(0, 20), (11, 64)]), now: "2026-11-21T01:00:00Z",
            used: 0, percent: 0, burn24h: 96, projectedPercent: 92, runsOut: nil, severity: .ok),
        // A rolling 24 h window's value is the day's use: steady state projects it.
        Row(name: "rolling 24 h window", period: .rolling24h, limit: 100,
            samples: series("2026-11-20T00:00:00Z", [(0, 96), (12, 90), (23, 90)]), now: "2026-11-21T00:00:00Z",
            used: 90, percent: 90, burn24h: 92, projectedPercent: 92, runsOut: nil, severity: .warning),
        // The 24 h burn is gone with the window; the 7-day one still projects.
        Row(name: "rolling window: samples older than the window slid out", period: .rolling24h, limit: 100,
            samples: series("2026-11-18T00:00:00Z", [(0, 96)]), now: "2026-11-21T00:00:00Z",
            used: 0, percent: 0, burn24h: nil, projectedPercent: 96, runsOut: nil, severity: .ok),
        // February 2024 has 29 days: two days left on the 28th; in 2025 one.
        Row(name: "leap February projects to 1 March", period: .month, limit: 300,
            samples: series("2024-02-27T00:00:00Z", [(0, 270), (24, 280)]), now: "2024-02-28T00:00:00Z",
            used: 280, percent: 93.33, burn24h: 10, projectedPercent: 100, runsOut: nil, severity: .warning),
        Row(name: "common February projects to 1 March", period: .month, limit: 300,
            samples: series("2025-02-27T00:00:00Z", [(0, 270), (24, 280)]), now: "2025-02-28T00:00:00Z",
            used: 280, percent: 93.33, burn24h: 10, projectedPercent: 96.67, runsOut: nil, severity: .warning),
        // The month turns at 00:00 UTC: November's 500 is not December's.
        Row(name: "month boundary in UTC", period: .month, limit: 1_000,
            samples: series("2026-11-30T22:30:00Z", [(0, 480), (1, 500)]), now: "2026-12-01T00:30:00Z",
            used: 0, percent: 0, burn24h: 480, projectedPercent: 1_487, runsOut: "2026-12-03T02:30:00Z", severity: .critical),
        Row(name: "gone provider with use", period: .day, limit: nil,
            samples: series("2026-11-21T00:00:00Z", [(1, 3)]), now: "2026-11-21T02:00:00Z",
            used: 3, percent: nil, burn24h: nil, projectedPercent: nil, runsOut: nil, severity: .critical, verdict: .gone),
    ]

    @Test(arguments: rows)
    func gauge(_ r: Row) {
        let g = QuotaMath.gauge(entry: entry(r.period, limit: r.limit, verdict: r.verdict), samples: r.samples, now: utc(r.now))
        func close(_ a: Double?, _ b: Double?) -> Bool {
            switch (a, b) { case (nil, nil): true; case let (x?, y?): abs(x - y) < 0.01; default: false }
        }
        #expect(close(g.used, r.used), "used \(String(describing: g.used))")
        #expect(close(g.percent, r.percent), "percent \(String(describing: g.percent))")
        #expect(close(g.burnPerDay24h, r.burn24h), "burn \(String(describing: g.burnPerDay24h))")
        #expect(close(g.projectedPercent, r.projectedPercent), "projected \(String(describing: g.projectedPercent))")
        #expect(g.runsOutAt == r.runsOut.map(utc), "runs out \(String(describing: g.runsOutAt))")
        #expect(g.severity == r.severity)
    }

    @Test func newPeriodStartIsAReset() {
        // The same value with a later period_start is a new period, not growth.
        let s = [QuotaSample(used: 40, periodStart: utc("2026-10-01T00:00:00Z"), observedAt: utc("2026-10-31T23:00:00Z")),
                 QuotaSample(used: 40, periodStart: utc("2026-11-01T00:00:00Z"), observedAt: utc("2026-11-01T01:00:00Z"))]
        #expect(QuotaMath.currentSegment(s, period: .total, now: utc("2026-11-01T02:00:00Z")).count == 1)
        #expect(QuotaMath.burnPerDay(s, period: .total, over: 86_400, now: utc("2026-11-01T02:00:00Z")) == 480.0)
    }

    @Test func sevenDayBurnUsesTheLongerWindow() {
        let s = series("2026-11-01T00:00:00Z", (0...7).map { (Double($0) * 24, Double($0) * 7) })
        let b = QuotaMath.burnPerDay(s, period: .total, over: 7 * 86_400, now: utc("2026-11-08T00:00:00Z"))
        #expect(b == 7)
    }

    @Test func riskOrderGroupsByCategoryAndSortsBySeverity() {
        func g(_ cat: QuotaCategory, _ key: String, _ sev: Severity, _ pct: Double) -> QuotaGauge {
            var e = entry(.month, limit: 100); e.category = cat; e.provider = key
            return QuotaGauge(entry: e, percent: pct, severity: sev)
        }
        let groups = QuotaMath.grouped([g(.email, "a", .ok, 10), g(.frontend, "b", .warning, 81), g(.email, "c", .critical, 50), g(.email, "d", .ok, 40)])
        #expect(groups.map(\.category) == [.frontend, .email])
        #expect(groups[1].gauges.map(\.entry.provider) == ["c", "d", "a"])
    }
}
