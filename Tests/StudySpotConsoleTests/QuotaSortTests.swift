import Foundation
import Testing
import StudySpotCore
@testable import StudySpotConsole
@testable import TerminalUI

/// Sorting the Quotas pane's gauges: numbers as numbers, one flat list once
/// sorted, the sort and the selected gauge kept across a report, Enter and
/// clicks on the row shown.
@Suite("Quotas pane: sortable like the other tables")
struct QuotaSortTests {
    let now = Date(timeIntervalSince1970: 1_795_608_000) // 2026-11-25 12:00 UTC

    func entry(_ provider: String, _ category: QuotaCategory, limit: Double) -> QuotaEntry {
        QuotaEntry(provider: provider, resource: "r", category: category, limit: limit, unit: "units", period: .month,
                   planLimit: limit, planText: "", currentText: "", source: "test", checked: "n.d.", verdict: .confirmed)
    }

    /// Used 9, 1,000, 25 and nothing: their text order is not their numeric order; two categories.
    func gauges(_ used: [String: Double?] = ["alpha": 9, "bravo": 1_000, "charlie": 25, "delta": nil]) -> [QuotaGauge] {
        let categories: [String: QuotaCategory] = ["alpha": .database, "bravo": .email, "charlie": .database, "delta": .email]
        return used.keys.sorted().map { p in
            let e = entry(p, categories[p]!, limit: 2_000)
            let u = used[p]!
            var g = QuotaGauge(entry: e, used: u, percent: u.map { $0 / 20 }, projectedPercent: u.map { $0 / 10 },
                               burnPerDay24h: u.map { $0 / 24 }, severity: .ok)
            if p == "bravo" { g.runsOutAt = now.addingTimeInterval(3 * 86_400) }
            if p == "charlie" { g.runsOutAt = now.addingTimeInterval(20 * 86_400) }
            return g
        }
    }

    func state(_ gauges: [QuotaGauge], width: Int = 160) -> State {
        var s = State(role: .admin, readOnly: false, size: Size(width: width, height: 40), now: now, timeZone: TimeZone(identifier: "UTC")!)
        s = update(s, .key(Key(name: "4")!)).0
        return update(s, .data(.quotas(.report(QuotaReport(gauges: gauges, generatedAt: now))))).0
    }

    func send(_ s: State, _ keys: String...) -> State { keys.reduce(s) { update($0, .key(Key(name: $1)!)).0 } }

    func sorted(_ s: State, by column: String, ascending: Bool = true) -> State {
        var st = s
        for _ in 0...20 where st.sorts[.quotas]?.column != column { st = send(st, ">") }
        #expect(st.sorts[.quotas]?.column == column, "no > reaches \(column)")
        return ascending ? st : send(st, "I")
    }

    func screen(_ s: State) -> [String] {
        var b = Buffer(size: s.size)
        view(s, into: &b)
        return b.trimmedTextDump.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    /// The providers as drawn, top to bottom.
    func drawn(_ s: State) -> [String] {
        let lines = screen(s)
        return ["alpha", "bravo", "charlie", "delta"].compactMap { n in lines.firstIndex { $0.contains(" \(n) ") }.map { (n, $0) } }
            .sorted { $0.1 < $1.1 }.map(\.0)
    }

    @Test("Numbers sort by value, missing last both ways", arguments: [
        ("USED/LIMIT", ["alpha", "charlie", "bravo", "delta"]),   // 9 25 1,000 –
        ("%", ["alpha", "charlie", "bravo", "delta"]),
        ("PROJ", ["alpha", "charlie", "bravo", "delta"]),
        ("BURN 24H", ["alpha", "charlie", "bravo", "delta"]),
        ("RUNS OUT", ["bravo", "charlie", "alpha", "delta"]),     // 3 days, 20 days, never, never (own order)
    ])
    func numbers(_ column: String, _ ascending: [String]) {
        let up = sorted(state(gauges()), by: column)
        #expect(shownGauges(up).map(\.entry.provider) == ascending)
        #expect(drawn(up) == ascending)
        let down = send(up, "I")
        let present = ascending.filter { column == "RUNS OUT" ? ["bravo", "charlie"].contains($0) : $0 != "delta" }
        #expect(Array(drawn(down).prefix(present.count)) == present.reversed())
        #expect(drawn(down).last == "delta")
    }

    @Test("Sorted, the gauges are one flat list with the marker on the header; in the pane's order, grouped")
    func flatWhenSorted() throws {
        let base = state(gauges())
        #expect(screen(base).contains { $0.contains("▸ Database") })
        let s = sorted(base, by: "%", ascending: false)
        #expect(!screen(s).contains { $0.contains("▸ ") })
        let header = try #require(screen(s).first { $0.contains("PROVIDER") })
        #expect(header.contains("% ▼") || header.contains("%▼"))
        // Every column sorts and the rows all stay.
        for id in try #require(SortedTable.all[.quotas]).columnIDs {
            #expect(drawn(sorted(base, by: id)).count == 4, "\(id)")
        }
        // Past the last column: the grouped list again.
        var back = sorted(base, by: quotaSortColumns.last!.id)
        back = send(back, ">")
        #expect(back.sorts[.quotas] == nil && drawn(back) == drawn(base))
    }

    @Test("A report keeps the sort, re-sorts, and the selection stays on its gauge")
    func refreshKeepsSortAndSelection() {
        var s = sorted(state(gauges()), by: "USED/LIMIT", ascending: false) // bravo, charlie, alpha, delta
        // The selection followed the grouped list's first gauge through the sorts; Up to the top, then Down to charlie.
        #expect(shownGauges(s)[s.selection].entry.provider == shownGauges(state(gauges()))[0].entry.provider)
        s = send(s, "Up", "Up", "Up", "Down")
        #expect(shownGauges(s)[s.selection].entry.provider == "charlie")
        // charlie now uses the most: it goes to the top and stays selected.
        let report = QuotaReport(gauges: gauges(["alpha": 9, "bravo": 1_000, "charlie": 1_500, "delta": nil]), generatedAt: now)
        s = update(s, .data(.quotas(.report(report)))).0
        #expect(s.sorts[.quotas] == TableSort(column: "USED/LIMIT", ascending: false))
        #expect(drawn(s) == ["charlie", "bravo", "alpha", "delta"])
        #expect(s.selection == 0)
        // Enter opens the selected sorted row.
        #expect(send(s, "Enter").quotas.detail == "charlie")
        #expect(send(send(s, "Down", "Down"), "Enter").quotas.detail == "alpha")
    }

    @Test("The capacity view and a provider's detail are not the gauge table: < > leave the sort and the selection alone")
    func notInCapacityOrDetail() {
        var capacity = send(state(gauges()), "c")
        capacity.selection = 1
        let after = send(capacity, ">")
        #expect(after.sorts[.quotas] == nil && after.selection == 1)
        let detail = send(state(gauges()), "Enter")
        #expect(detail.quotas.detail != nil && send(detail, ">").sorts[.quotas] == nil)
    }

    @Test("A click selects the gauge on its row; a category's title row selects nothing")
    func clicks() throws {
        let s = state(gauges())
        var b = Buffer(size: s.size)
        view(s, into: &b)
        let hit = try #require(b.tableHits.last)
        let lines = screen(s)
        let titleY = try #require(lines.lastIndex { $0.contains("▸ ") })
        #expect(update(s, .mouse(MouseEvent(kind: .press(0), x: hit.columns[0].x.lowerBound + 1, y: titleY))).0.selection == s.selection)
        let deltaY = try #require(lines.firstIndex { $0.contains(" delta ") })
        let clicked = update(s, .mouse(MouseEvent(kind: .press(0), x: hit.columns[0].x.lowerBound + 1, y: deltaY))).0
        #expect(shownGauges(clicked)[clicked.selection].entry.provider == "delta")
        // A second click on it opens its detail, as Enter does.
        #expect(update(clicked, .mouse(MouseEvent(kind: .press(0), x: hit.columns[0].x.lowerBound + 1, y: deltaY))).0.quotas.detail == "delta")
    }
}
