import Foundation
import Testing
@testable import StudySpotCore

/// Which account a target counts against, and a provider's accounts summed. Pure.
@Suite struct QuotaAccountsTests {
    static func entry(_ provider: String, _ resource: String, account: String? = nil, limit: Double = 750) -> QuotaEntry {
        QuotaEntry(provider: provider, resource: resource, category: .compute, limit: limit, unit: "hours", period: .month,
                   planLimit: limit, planText: "", currentText: "", source: "", checked: "", verdict: .confirmed, account: account)
    }

    static let entries = [entry("render", "compute", account: "render-1"), entry("render", "compute", account: "render-2"),
                          entry("render", "bandwidth", limit: 100)]

    /// Netlify's collector says `account = "studyspot"` (its team slug) while
    /// its gauge has no account: the gauge still shows that collector's 401.
    @Test func aGaugeWithoutAnAccountFindsItsProvidersCollector() {
        let t = Date(timeIntervalSince1970: 1_800_000_000)
        let netlify = QuotaEntry(provider: "netlify", resource: "bandwidth", category: .frontend, limit: 30, unit: "GB", period: .month,
                                 planLimit: nil, planText: "", currentText: "", source: "", checked: "", verdict: .confirmed)
        let slug = CollectorStatus(provider: "netlify", account: "studyspot", failingSince: t, httpStatus: 401, error: "token refused", updatedAt: t)
        let ok = CollectorStatus(provider: "netlify", account: "studyspot-2", lastSuccessAt: t, updatedAt: t)
        #expect(CollectorStatus.matching(netlify, in: [ok, slug]) == slug)
        #expect(CollectorStatus.matching(Self.entries[1], in: [slug]) == nil, "an account's gauge takes only its own")
        #expect(CollectorStatus.matching(Self.entries[1], in: [CollectorStatus(provider: "render", account: "render-2", updatedAt: t)])?.account == "render-2")
    }

    @Test func aTargetBelongsToTheAccountItNamesOrIsNamedAfter() {
        #expect(QuotaAccounts.account(name: "render-2", provider: "render", explicit: nil, entries: Self.entries) == "render-2")
        #expect(QuotaAccounts.account(name: "api", provider: "render", explicit: "render-1", entries: Self.entries) == "render-1")
        #expect(QuotaAccounts.account(name: "api", provider: "render", explicit: nil, entries: Self.entries) == nil)
        // A name matching an account of another provider is no claim.
        #expect(QuotaAccounts.account(name: "render-2", provider: "fly", explicit: nil, entries: Self.entries) == nil)
    }

    @Test func eachEntryTakesItsAccountsTargetsAndTheAccountlessOneTheRest() {
        let (r1, r2, bandwidth) = (Self.entries[0], Self.entries[1], Self.entries[2])
        #expect(QuotaAccounts.feeds(r1, account: "render-1", entries: Self.entries))
        #expect(!QuotaAccounts.feeds(r1, account: "render-2", entries: Self.entries))
        #expect(!QuotaAccounts.feeds(r2, account: nil, entries: Self.entries))
        // render/bandwidth is kept for the provider as a whole: every instance counts.
        #expect(QuotaAccounts.feeds(bandwidth, account: "render-1", entries: Self.entries))
        #expect(QuotaAccounts.feeds(bandwidth, account: nil, entries: Self.entries))
        let split = Self.entries + [Self.entry("render", "bandwidth", account: "render-2", limit: 100)]
        #expect(!QuotaAccounts.feeds(split[2], account: "render-2", entries: split))
    }

    @Test func eachRenderInstanceSpendsItsOwnAccountsHours() {
        let m = CostModel.forTarget(provider: "render", kind: .instance, sleeps: true, catalog: Self.entries, account: "render-2")
        #expect(m?.quotaKey == "render/compute@render-2" && m?.monthlyQuota == 750)
        // An instance of no named account still costs hours: the first account's.
        #expect(CostModel.forTarget(provider: "render", kind: .instance, sleeps: true, catalog: Self.entries)?.quotaKey
                == "render/compute@render-1")
    }

    @Test func capacityAndBurnAddUpAcrossAccounts() {
        let need = CapacityNeed(name: "compute", unit: "hours", amount: 2_000, isStock: false,
                                providers: [CapacityNeed.Provider("render", ["compute"])])
        let now = Date(timeIntervalSince1970: 1_795_608_000)
        var g1 = QuotaGauge(entry: Self.entries[0]); g1.burnPerDay24h = 10
        var g2 = QuotaGauge(entry: Self.entries[1]); g2.burnPerDay24h = 20
        let r = Capacity.evaluate(need, catalog: Self.entries, gauges: [g1, g2], now: now)
        #expect(r.current == .limited(1_500) && r.plan == .limited(1_500))
        #expect(r.burn == 900) // (10 + 20) a day × 30
        #expect(r.shortBy == 500)
        // One account alone: the old figure.
        let one = Capacity.evaluate(need, catalog: [Self.entry("render", "compute")], gauges: [], now: now)
        #expect(one.current == .limited(750))
    }

    @Test func aFailingCollectorIsAWarningNamingAccountStatusAndSince() throws {
        var inputs = AlertInputs(now: Date(timeIntervalSince1970: 1_795_608_000)) // 12:00 UTC
        inputs.displayZone = TimeZone(identifier: "UTC")!
        inputs.collectors = [
            CollectorStatus(provider: "render", account: "render-2", failingSince: Date(timeIntervalSince1970: 1_795_597_920),
                            httpStatus: 500, updatedAt: inputs.now),
            CollectorStatus(provider: "netlify", lastSuccessAt: inputs.now, updatedAt: inputs.now),
        ]
        let alerts = AlertRules.evaluate(inputs)
        #expect(alerts.count == 1)
        let a = try #require(alerts.first)
        #expect(a.severity == .warning && a.source == "render" && a.id == "collector:render@render-2")
        #expect(a.message == "usage collector render (render-2) failing: HTTP 500 since 09:12")
        #expect(a.since == Date(timeIntervalSince1970: 1_795_597_920))
    }
}
