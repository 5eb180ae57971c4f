import Foundation
import Testing
@testable import StudySpotCore

/// A catalog slice with the figures of QUOTAS.md for the needs under test.
let emailCatalog: [QuotaEntry] = {
    func e(_ p: String, _ r: String, _ period: QuotaPeriod, _ limit: Double?, _ plan: Double?, _ v: QuotaVerdict) -> QuotaEntry {
        QuotaEntry(provider: p, resource: r, category: .email, limit: limit, unit: "emails", period: period, planLimit: plan,
                   planText: "", currentText: "", source: "QUOTAS.md", checked: "n.d.", verdict: v)
    }
    return [
        e("resend", "emails-day", .rolling24h, 100, 100, .confirmed), e("resend", "emails-month", .month, 3000, 3000, .confirmed),
        e("sendgrid", "emails-day", .day, nil, 100, .gone),
        e("mailgun", "emails-day", .day, 100, nil, .changed), e("mailgun", "emails-month", .month, nil, 5000, .changed),
        e("brevo", "emails-day", .day, 300, 300, .confirmed),
        e("postmark", "emails-month", .month, 100, 100, .confirmed),
        e("elastic-email", "emails-day", .day, nil, nil, .gone), e("elastic-email", "emails-month", .month, nil, 3000, .gone),
        e("mailersend", "emails-month", .rolling30d, 500, 12000, .changed),
    ]
}()

@Suite struct CapacityTests {
    let email = CapacityNeed.plan.first { $0.name == "e-mail" }!

    @Test func emailPlanIs35100AndCurrentTermsAreShort() {
        let r = Capacity.evaluate(email, catalog: emailCatalog, gauges: [], now: utc("2026-11-05T12:00:00Z"))
        #expect(r.plan == .limited(35_100))
        #expect(r.current == .limited(3_000 + 3_000 + 9_000 + 100 + 500))
        #expect(r.shortBy == 24_400.0)
        // 15,600 at 40,000 a month lasts 11.7 days: short from the 12th.
        #expect(r.shortFrom == utc("2026-11-12T00:00:00Z"))
        #expect(r.gone == ["sendgrid", "elastic-email"])
        #expect(r.sentence == "e-mail: plan 35,100/month, current terms 15,600/month, need 40,000: short by 24,400 from 12 Nov")
        let later = Capacity.evaluate(email, catalog: emailCatalog, gauges: [], now: utc("2026-11-25T12:00:00Z"))
        #expect(later.sentence.hasSuffix("short by 24,400 since 12 Nov"))
    }

    @Test func burnAboveTheNeedRaisesTheDemand() {
        var g = QuotaGauge(entry: emailCatalog[5]); g.burnPerDay24h = 2_000 // brevo sending 60,000 a month
        let r = Capacity.evaluate(email, catalog: emailCatalog, gauges: [g], now: utc("2026-11-25T12:00:00Z"))
        #expect(r.burn == 60_000)
        #expect(r.shortBy == 44_400.0)
    }

    @Test func unlimitedProviderCoversTheNeed() {
        let need = CapacityNeed(name: "x", unit: "GB", amount: 150, isStock: false, providers: [.init("cf", ["bw"])])
        let cat = [QuotaEntry(provider: "cf", resource: "bw", category: .frontend, limit: nil, unit: "GB", period: .month,
                              planLimit: nil, planText: "unlimited", currentText: "static requests unlimited",
                              source: "", checked: "", verdict: .confirmed)]
        let r = Capacity.evaluate(need, catalog: cat, gauges: [], now: Date())
        #expect(r.current == .unlimited && r.shortBy == nil)
        #expect(r.sentence.hasSuffix("enough"))
    }

    @Test func stockShortFromGrowth() {
        let need = CapacityNeed(name: "database", unit: "GB", amount: 3, isStock: true, providers: [.init("neon", ["storage"])])
        let e = QuotaEntry(provider: "neon", resource: "storage", category: .database, limit: 0.5, unit: "GB", period: .total,
                           planLimit: 3, planText: "3 GB", currentText: "0.5 GB", source: "", checked: "", verdict: .changed)
        var g = QuotaGauge(entry: e, used: 0.4); g.burnPerDay7d = 0.05
        let r = Capacity.evaluate(need, catalog: [e], gauges: [g], now: utc("2026-11-25T00:00:00Z"))
        #expect(r.plan == .limited(3) && r.current == .limited(0.5))
        #expect(r.shortBy == 2.5)
        #expect(r.shortFrom == utc("2026-11-27T00:00:00Z"))
    }
}
