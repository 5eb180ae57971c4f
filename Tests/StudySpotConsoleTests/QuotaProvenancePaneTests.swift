import Foundation
import Testing
import StudySpotCore
import StudySpotConfig
@testable import StudySpotConsole
@testable import TerminalUI

/// The Quotas pane says where each figure came from, how old it is, and why
/// its collector fails; the snapshot JSON and the alerts say the same.
@Suite struct QuotaProvenancePaneTests {
    let now = Date(timeIntervalSince1970: 1_795_608_000) // 2026-11-25 12:00 UTC
    var utc: ZoneOffsets { ZoneOffsets(TimeZone(identifier: "UTC")!, around: now) }
    func at(_ hh: Int, _ mm: Int, daysAgo: Int = 0) -> Date {
        Date(timeIntervalSince1970: 1_795_564_800 + Double(hh * 3_600 + mm * 60 - daysAgo * 86_400)) // 2026-11-25 00:00 UTC
    }

    static let ages: [(Double, String)] = [
        (0, "just now"), (59, "just now"), (360, "6 min ago"), (3_599, "59 min ago"), (10_800, "3 h ago"),
        (169_200, "47 h ago"), (172_800, "2 days ago"), (-30, "just now"), (Double.infinity, "just now"),
    ]

    @Test(arguments: ages)
    func age(_ seconds: Double, _ text: String) {
        #expect(QuotaProvenanceText.age(seconds) == text)
    }

    func gauge(_ provider: String, _ resource: String, used: Double? = 120, source: UsageSource? = nil, minutesAgo: Double = 6,
               collector: CollectorStatus? = nil, account: String? = nil, apiLimit: Double? = nil) -> QuotaGauge {
        let entry = QuotaEntry(provider: provider, resource: resource, category: .frontend, limit: 300, unit: "credits", period: .month,
                               planLimit: nil, planText: "—", currentText: "", source: "", checked: "", verdict: .confirmed, account: account)
        var g = QuotaGauge(entry: entry, used: used, percent: used.map { $0 / 3 }, severity: used == nil ? .unknown : .ok)
        g.provenance = source.map { QuotaProvenance(source: $0, observedAt: now.addingTimeInterval(-minutesAgo * 60), apiLimit: apiLimit) }
        g.collector = collector
        return g
    }

    @Test func whereEachFigureCameFrom() {
        #expect(QuotaProvenanceText.figure(gauge("netlify", "credits", source: .api(provider: "netlify")), now: now) == "Netlify API · 6 min ago")
        #expect(QuotaProvenanceText.figure(gauge("uptimerobot", "monitors", source: .api(provider: "uptimerobot")), now: now) == "UptimeRobot API · 6 min ago")
        #expect(QuotaProvenanceText.figure(gauge("fleek", "bandwidth", source: .manual, minutesAgo: 2 * 1_440), now: now) == "entered by hand 2 days ago")
        #expect(QuotaProvenanceText.figure(gauge("render", "compute", source: .simulation, minutesAgo: 1), now: now) == "simulation · 1 min ago")
        #expect(QuotaProvenanceText.figure(gauge("neon", "storage", source: .platform, minutesAgo: 3), now: now) == "platform metering · 3 min ago")
        #expect(QuotaProvenanceText.figure(gauge("neon", "storage"), now: now) == "measured by the console")
        #expect(QuotaProvenanceText.figure(gauge("vercel", "bandwidth", used: nil), now: now) == nil)
        #expect(QuotaProvenanceText.sourceLabel(gauge("vercel", "bandwidth", used: nil)) == nil)
        #expect(QuotaProvenanceText.sourceLabel(gauge("neon", "storage", source: .platform)) == "platform")
        #expect(QuotaProvenanceText.sourceLabel(gauge("netlify", "credits", source: .api(provider: "netlify"))) == "api:netlify")
    }

    @Test func theListsShortForm() {
        #expect(QuotaProvenanceText.short(gauge("netlify", "credits", source: .api(provider: "netlify")), now: now) == "API 6m")
        #expect(QuotaProvenanceText.short(gauge("fleek", "bandwidth", source: .manual, minutesAgo: 2 * 1_440), now: now) == "hand 2d")
        #expect(QuotaProvenanceText.short(gauge("neon", "storage", source: .platform, minutesAgo: 180), now: now) == "meter 3h")
        #expect(QuotaProvenanceText.short(gauge("render", "compute", source: .simulation, minutesAgo: 0.5), now: now) == "sim now")
        #expect(QuotaProvenanceText.short(gauge("neon", "storage"), now: now) == "measured")
        #expect(QuotaProvenanceText.short(gauge("vercel", "bandwidth", used: nil), now: now) == nil)
    }

    @Test func whyTheCollectorFails() {
        func text(_ c: CollectorStatus) -> String? {
            QuotaProvenanceText.failure(gauge("netlify", "credits", collector: c), now: now, zone: utc)
        }
        let ok = CollectorStatus(provider: "netlify", lastSuccessAt: at(11, 55), updatedAt: at(11, 55))
        #expect(text(ok) == nil)
        #expect(text(CollectorStatus(provider: "netlify", failingSince: at(9, 12), httpStatus: 401, error: "token refused", updatedAt: now))
                == "401 token refused since 09:12")
        #expect(text(CollectorStatus(provider: "netlify", failingSince: at(11, 40), httpStatus: 429, retryAt: at(12, 30), updatedAt: now))
                == "rate-limited until 12:30")
        #expect(text(CollectorStatus(provider: "netlify", failingSince: at(9, 12), httpStatus: 500, updatedAt: now)) == "HTTP 500 since 09:12")
        #expect(text(CollectorStatus(provider: "netlify", failingSince: at(23, 5, daysAgo: 2), error: "timed out", updatedAt: now))
                == "timed out since 23 Nov 23:05")
        // A secret in an error never reaches the screen.
        let leaky = CollectorStatus(provider: "netlify", failingSince: at(9, 12), error: "GET https://u:hunter2@api.x/ refused", updatedAt: now)
        #expect(text(leaky)?.contains("hunter2") == false)
    }

    func state(_ gauges: [QuotaGauge], collectors: [CollectorStatus] = [], width: Int = 200) -> State {
        var s = State(role: .admin, readOnly: false, size: Size(width: width, height: 40), now: now, timeZone: TimeZone(identifier: "UTC")!)
        s = update(s, .key(Key(name: "4")!)).0
        return update(s, .data(.quotas(.report(QuotaReport(gauges: gauges, generatedAt: now, collectors: collectors))))).0
    }

    func render(_ s: State) -> String {
        var b = Buffer(size: s.size)
        view(s, into: &b)
        return b.trimmedTextDump
    }

    static let refused = CollectorStatus(provider: "netlify", lastSuccessAt: Date(timeIntervalSince1970: 1_795_590_000),
                                         failingSince: Date(timeIntervalSince1970: 1_795_597_920), // 09:12 UTC
                                         httpStatus: 401, error: "token refused", callsToday: 12, updatedAt: Date(timeIntervalSince1970: 1_795_607_900))

    var gauges: [QuotaGauge] {
        [gauge("netlify", "credits", source: .api(provider: "netlify"), collector: Self.refused),
         gauge("render", "compute", source: .simulation, minutesAgo: 1, account: "render-1"),
         gauge("render", "compute", used: 300, source: .api(provider: "render"), minutesAgo: 10, account: "render-2", apiLimit: 750),
         gauge("vercel", "bandwidth", used: nil)]
    }

    @Test func theGaugeListSaysSourceAgeAndTheRefusedToken() {
        let text = render(state(gauges, collectors: [Self.refused]))
        let netlify = text.split(separator: "\n").first { $0.contains("netlify") && $0.contains("credits") }
        // The failure leads the note, then the figure's source and age, short.
        #expect(netlify?.contains("401 token refused since 09:12 · API 6m") == true, "\(text)")
        #expect(text.contains("render-1") && text.contains("render-2"))
        let render1 = text.split(separator: "\n").first { $0.contains("render-1") }
        #expect(render1?.contains("sim 1m") == true)
        let vercel = text.split(separator: "\n").first { $0.contains("vercel") }
        #expect(vercel?.contains("no data") == true)
        #expect(vercel?.contains("0/") == false)
        // At 80 columns the failure still leads the note.
        let narrow = render(state(gauges, collectors: [Self.refused], width: 100))
        #expect(narrow.split(separator: "\n").contains { $0.contains("netlify") && $0.contains("401 token") }, "\(narrow)")
    }

    @Test func theDetailShowsSourceAgeAccountAndStatus() {
        var s = state(gauges, collectors: [Self.refused])
        s.quotas.detail = "netlify"
        let netlify = render(s)
        #expect(netlify.contains("figure: Netlify API · 6 min ago"))
        #expect(netlify.contains("collector netlify: 401 token refused since 09:12"))
        s.quotas.detail = "render"
        let render = self.render(s)
        #expect(render.contains("compute @render-2"))
        #expect(render.contains("figure: Render API · 10 min ago · account render-2"))
        #expect(render.contains("figure: simulation · 1 min ago · account render-1"))
        // The configured limit (300 here) stays; the API's different one is said beside it.
        #expect(render.contains("API says limit 750 credits"))
    }

    @Test func aFailingCollectorIsAWarningAlert() {
        let s = state(gauges, collectors: [Self.refused])
        let alert = s.alerts.alerts.first { $0.id == "collector:netlify@" }
        #expect(alert?.severity == .warning)
        #expect(alert?.message == "usage collector netlify failing: 401 token refused since 09:12")
        #expect(alert?.since == Self.refused.failingSince)
        var ok = Self.refused; ok.failingSince = nil; ok.httpStatus = nil; ok.error = nil
        #expect(state(gauges, collectors: [ok]).alerts.alerts.contains { $0.id.hasPrefix("collector:") } == false)
    }

    @Test func snapshotJSONNamesAccountSourceObservedAtAndCollectorError() throws {
        let s = state(gauges, collectors: [Self.refused])
        let json = SnapshotReport.json(s, status: .warning, generatedAt: now)
        let obj = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let quotas = try #require(obj["quotas"] as? [[String: Any]])
        func item(_ provider: String, _ account: String? = nil) throws -> [String: Any] {
            try #require(quotas.first { $0["provider"] as? String == provider && ($0["account"] as? String) == account })
        }
        let netlify = try item("netlify")
        #expect(netlify["account"] is NSNull)
        #expect(netlify["source"] as? String == "api:netlify")
        #expect(netlify["observed_at"] as? String == "2026-11-25T11:54:00Z")
        #expect(netlify["collector_error"] as? String == "401 token refused since 09:12")
        #expect(netlify["used"] as? Double == 120 && netlify["limit"] as? Double == 300) // the fields of before stay
        let r1 = try item("render", "render-1")
        #expect(r1["source"] as? String == "simulation" && r1["collector_error"] is NSNull)
        let vercel = try item("vercel")
        #expect(vercel["source"] is NSNull && vercel["observed_at"] is NSNull && vercel["used"] is NSNull)
    }
}
