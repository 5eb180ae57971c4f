import Foundation
import Testing
import StudySpotCore
import StudySpotConfig
@testable import StudySpotConsole
@testable import TerminalUI

/// Headless renderings of the Quotas pane and the capacity view.
@Suite struct QuotasPaneTests {
    let now = Date(timeIntervalSince1970: 1_795_608_000) // 2026-11-25 12:00 UTC

    /// A report from the shipped catalog with hand-made samples.
    func report() -> QuotaReport {
        let catalog = ConsoleConfig.defaults.quotas
        let gauges = catalog.map { e -> QuotaGauge in
            var samples: [QuotaSample] = []
            let used: Double? = switch e.key {
            case "neon/storage": 0.46
            case "upstash/commands-month": 261_000
            case "supabase/storage": 0.08
            case "planetscale/storage": 1.2
            case "resend/emails-day": 100
            default: e.limit.map { $0 * 0.3 }
            }
            if let used {
                samples = [QuotaSample(used: used * 0.9, observedAt: now.addingTimeInterval(-86_400)),
                           QuotaSample(used: used, observedAt: now.addingTimeInterval(-60))]
            }
            return QuotaMath.gauge(entry: e, samples: samples, now: now)
        }
        let email = EmailRouterStatus.make(router: .plan, sentToday: ["resend": 100, "sendgrid": 100, "mailgun": 12],
                                           sentThisMonth: ["resend": 1_912, "sendgrid": 2_400, "mailgun": 300],
                                           catalog: catalog, queueLength: 0, oldestQueuedAt: nil)
        let cost = [CostProjection(target: "upstash", operationsToday: 1_200, operationsPerDay: 300, dailyUse: 300,
                                   dailyBudget: 333, quotaShare: 0.018, budgetShare: 0.9, stretch: 130, quotaKey: "upstash/commands-month")]
        return QuotaReport(gauges: gauges, capacity: Capacity.evaluate(catalog: catalog, gauges: gauges, now: now),
                           email: email, cost: cost, generatedAt: now)
    }

    func state(_ w: Int, _ h: Int) -> State {
        var s = State(role: .admin, readOnly: false, size: Size(width: w, height: h), now: now, timeZone: TimeZone(identifier: "UTC")!)
        s = update(s, .key(Key(name: "4")!)).0
        return update(s, .data(.quotas(.report(report())))).0
    }

    func send(_ s: State, _ keys: String...) -> State {
        keys.reduce(s) { update($0, .key(Key(name: $1)!)).0 }
    }

    func render(_ s: State) -> String {
        var b = Buffer(size: s.size)
        view(s, into: &b)
        return b.trimmedTextDump
    }

    @Test func reportFillsGaugesCostAndLoaded() {
        let s = state(200, 60)
        #expect(s.quotas.loaded)
        #expect(s.quotas.gauges.count == ConsoleConfig.defaults.quotas.count)
        #expect(s.quotas.cost == [CostLine(target: "upstash", operationsToday: 1_200, budgetShare: 0.9)])
    }

    @Test func gaugesAt200x60() {
        let text = render(state(200, 60))
        #expect(text.contains("Quotas · 61 resources"))
        #expect(text.contains("▸ Frontend bandwidth"))
        #expect(text.contains("neon"))
        #expect(text.contains("0.46/0.50 GB"))
        #expect(text.contains("92%"))
        #expect(text.contains("plan 3 GB (changed)"))
        #expect(text.contains("✕ no free tier"))
        #expect(text.contains("E-mail router · next: mailgun"))
        #expect(text.contains("resend ") && text.contains("today 100/100"))
        #expect(text.contains("Console cost"))
        #expect(text.contains("polling ×130 slower"))
        #expect(text.contains("RUNS OUT") && text.contains("RESETS IN") && text.contains("BURN 7D"))
        #expect(text.contains("5d 12h")) // from noon to 1 December 00:00 UTC
    }

    /// Right after start the console's own cost is "measuring", not "102× the budget".
    @Test func aCostStillMeasuredIsNotProjected() {
        var r = report()
        r.cost = r.cost.map { var p = $0; p.budgetShare = 102; p.measuring = true; p.watchedSeconds = 65; return p }
        var s = State(role: .admin, readOnly: false, size: Size(width: 200, height: 60), now: now, timeZone: TimeZone(identifier: "UTC")!)
        s = update(s, .key(Key(name: "4")!)).0
        s = update(s, .data(.quotas(.report(r)))).0
        let text = render(s)
        #expect(text.contains("Console cost · 1.2K operations today · measuring (1 of 10 min)") || text.contains("Console cost · 1,200 operations today · measuring (1 of 10 min)"))
        #expect(text.contains("upstash 1") && text.contains("ops, measuring (1 of 10 min)"))
        #expect(!text.contains("× the budget"))
        #expect(s.quotas.cost.first?.measuring == true)
    }

    @Test func gaugesAt80x24() {
        let text = render(state(80, 24))
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count <= 24 && lines.allSatisfy { DisplayWidth.of(String($0)) <= 80 })
        #expect(text.contains("Quotas · 61 resources"))
        #expect(text.contains("▸ Frontend bandwidth"))
        #expect(text.contains("E-mail router · next: mailgun"))
        #expect(text.contains("Console cost"))
    }

    @Test func risksSortFirstWithinAGroup() {
        let db = QuotaMath.grouped(state(200, 60).quotas.gauges).first { $0.category == .database }!
        // PlanetScale in use with no free tier and Neon at 92% on pace past its limit lead the group.
        #expect(Set(db.gauges.prefix(2).map(\.entry.provider)) == ["planetscale", "neon"])
    }

    @Test func capacityViewAt200x60And80x24() {
        let wide = render(send(state(200, 60), "c"))
        #expect(wide.contains("Capacity · plan vs current terms"))
        #expect(wide.contains("e-mail: plan 35,100/month, current terms 15,600/month, need 40,000: short by 24,400"))
        #expect(wide.contains("compute: plan 4,880/month"))
        #expect(wide.contains("sendgrid ✕ gone"))
        let narrow = render(send(state(80, 24), "c"))
        #expect(narrow.contains("e-mail: plan 35,100/month"))
        #expect(narrow.contains("frontend bandwidth"))
        // Back to the gauges.
        #expect(render(send(state(80, 24), "c", "c")).contains("Quotas · 61 resources"))
    }

    @Test func enterOpensTheProviderWithSourceAndDate() {
        var s = state(200, 60)
        let index = s.quotas.ordered.firstIndex { $0.entry.provider == "neon" }!
        s.selection = index
        s = send(s, "Enter")
        #expect(s.quotas.detail == "neon")
        let text = render(s)
        #expect(text.contains("storage · 0.46/0.50 GB"))
        // Its use over the period as a chart against the 0.5 GB limit, with now marked.
        #expect(text.contains("0.5┤"))
        #expect(text.contains(" now "))
        #expect(text.contains("source: neondatabase/website plans.md, 2026-03-20"))
        #expect(!render(send(s, "Esc")).contains("source: neondatabase"))
        let gone = render(send({ var t = state(120, 40); t.selection = t.quotas.ordered.firstIndex { $0.entry.provider == "planetscale" }!; return t }(), "Enter"))
        #expect(gone.contains("planetscale · ✕ no free tier any more"))
    }

    @Test func searchFiltersByProviderResourceOrCategory() {
        var s = state(200, 60)
        s.searchQuery = "e-mail"
        #expect(visibleGauges(s).allSatisfy { $0.entry.category == .email })
        s.searchQuery = "neon"
        let text = render(s)
        #expect(visibleGauges(s).map(\.entry.provider) == ["neon", "neon", "neon"])
        #expect(text.contains("▸ Databases") && !text.contains("▸ Caches"))
    }
}
