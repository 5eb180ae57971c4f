import Testing
@testable import StudySpotConsole
@testable import TerminalUI

/// The Overview's layout rule as a pure function: at every size from 80×20
/// to 250×70 the panels it places stay inside the area, never overlap, are
/// never below their minimum, fill the area, and a panel is only left out
/// when a less important one placed instead is no bigger.
@Suite("Overview layout rule")
struct OverviewLayoutTests {
    static func spec(_ p: OverviewPanel, _ priority: Int, min: Size = Size(width: 36, height: 3), preferred: Int, grows: Bool = false) -> PanelSpec {
        PanelSpec(panel: p, priority: priority, minimum: min, preferredHeight: preferred, grows: grows)
    }

    /// The demo's panels, a set with nothing growing and long preferred
    /// heights, and one with a big important panel that often does not fit.
    static let specSets: [[PanelSpec]] = [
        [spec(.instances, 0, preferred: 7), spec(.alerts, 1, preferred: 5), spec(.bookings, 2, min: Size(width: 36, height: 4), preferred: 9, grows: true),
         spec(.shards, 3, preferred: 7), spec(.caches, 4, preferred: 6), spec(.quotas, 5, preferred: 20, grows: true), spec(.email, 6, preferred: 8)],
        [spec(.instances, 0, preferred: 40), spec(.alerts, 1, preferred: 30), spec(.bookings, 2, preferred: 3),
         spec(.shards, 3, preferred: 3), spec(.caches, 4, preferred: 12), spec(.quotas, 5, preferred: 3), spec(.email, 6, preferred: 3)],
        [spec(.instances, 0, min: Size(width: 90, height: 30), preferred: 30), spec(.alerts, 1, min: Size(width: 50, height: 12), preferred: 12),
         spec(.bookings, 2, min: Size(width: 36, height: 5), preferred: 5, grows: true), spec(.shards, 3, min: Size(width: 70, height: 4), preferred: 4),
         spec(.caches, 4, preferred: 3), spec(.quotas, 5, min: Size(width: 36, height: 8), preferred: 8, grows: true), spec(.email, 6, preferred: 3)],
    ]

    /// The Overview's inside at a terminal size: tab bar, status line and the outer border off.
    static func area(_ w: Int, _ h: Int) -> Rect { Rect(x: 1, y: 2, width: w - 2, height: h - 4) }

    /// Nil when the placement keeps the rule, else what it breaks.
    static func broken(_ placed: [PanelPlacement], _ specs: [PanelSpec], _ area: Rect) -> String? {
        let byPanel = Dictionary(uniqueKeysWithValues: specs.map { ($0.panel, $0) })
        for p in placed {
            let r = p.rect, m = byPanel[p.panel]!.minimum
            if r.x < area.x || r.y < area.y || r.right > area.right || r.bottom > area.bottom { return "\(p.panel) at \(r) leaves \(area)" }
            if r.width < m.width || r.height < m.height { return "\(p.panel) is \(r.width)×\(r.height), below its minimum \(m.width)×\(m.height)" }
        }
        for (i, a) in placed.enumerated() {
            for b in placed[(i + 1)...] where a.rect.intersection(b.rect).width > 0 && a.rect.intersection(b.rect).height > 0 { return "\(a.panel) \(a.rect) overlaps \(b.panel) \(b.rect)" }
        }
        if Set(placed.map(\.panel)).count != placed.count { return "a panel placed twice" }
        let covered = placed.reduce(0) { $0 + $1.rect.width * $1.rect.height }
        if !placed.isEmpty, covered != area.width * area.height { return "covers \(covered) of \(area.width * area.height) cells" }
        let shown = Set(placed.map(\.panel))
        for left in specs where !shown.contains(left.panel) {
            for p in placed where p.priority > left.priority {
                let m = byPanel[p.panel]!.minimum
                if left.minimum.width <= m.width && left.minimum.height <= m.height {
                    return "\(left.panel) (priority \(left.priority)) left out while \(p.panel) (priority \(p.priority)), no smaller, is shown"
                }
            }
        }
        // The most important panel that fits the area alone is always shown.
        if let first = specs.sorted(by: { $0.priority < $1.priority }).first,
           first.minimum.fits(in: Size(width: area.width, height: area.height)), !shown.contains(first.panel) {
            return "the most important panel \(first.panel) is missing"
        }
        return nil
    }

    @Test func theRuleHoldsAtEverySizeFrom80x20To250x70() {
        var failures: [String] = []
        var checked = 0
        for (k, specs) in Self.specSets.enumerated() {
            for w in stride(from: 80, through: 250, by: 5) {
                for h in stride(from: 20, through: 70, by: 5) {
                    let area = Self.area(w, h)
                    let placed = OverviewLayout.place(specs, in: area)
                    checked += 1
                    if let why = Self.broken(placed, specs, area), failures.count < 10 { failures.append("set \(k) at \(w)×\(h): \(why)") }
                }
            }
        }
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
        #expect(checked == 3 * 35 * 11)
    }

    @Test func moreRoomShowsMorePanels() {
        let specs = Self.specSets[0]
        let small = OverviewLayout.place(specs, in: Self.area(80, 20)).count
        let medium = OverviewLayout.place(specs, in: Self.area(160, 48)).count
        let large = OverviewLayout.place(specs, in: Self.area(250, 70)).count
        #expect(small >= 3 && small < medium, "80×20 shows \(small), 160×48 \(medium)")
        #expect(medium == specs.count && large == specs.count)
        #expect(OverviewLayout.columnCount(width: 78) == 1 && OverviewLayout.columnCount(width: 158) == 2 && OverviewLayout.columnCount(width: 248) == 3)
    }

    @Test func aPanelThatDoesNotFitIsLeftOutAndTheOthersGrowIntoItsRoom() {
        let specs = [Self.spec(.instances, 0, preferred: 4), Self.spec(.alerts, 1, min: Size(width: 36, height: 20), preferred: 20),
                     Self.spec(.quotas, 2, preferred: 3, grows: true)]
        let placed = OverviewLayout.place(specs, in: Rect(x: 0, y: 0, width: 60, height: 12))
        #expect(placed.map(\.panel) == [.instances, .quotas])
        #expect(placed.map(\.rect.height) == [4, 8], "instances get their preferred height, the growing quotas the rest")
    }

    @Test func theMostImportantGetTheirPreferredHeightFirst() {
        let specs = [Self.spec(.instances, 0, preferred: 9), Self.spec(.alerts, 1, preferred: 9)]
        let placed = OverviewLayout.place(specs, in: Rect(x: 0, y: 0, width: 60, height: 14))
        #expect(placed.map(\.rect.height) == [9, 5])
    }

    @Test func tableColumnsKeepTheMostImportantInTheirOrder() {
        // Widths 12, 8, 6, 5 with priorities 0, 2, 3, 1: at 25 cells the name, the share and the 6-wide one.
        #expect(OverviewLayout.columnsThatFit(widths: [12, 8, 6, 5], priorities: [0, 2, 3, 1], width: 25) == [0, 2, 3])
        #expect(OverviewLayout.columnsThatFit(widths: [12, 8, 6, 5], priorities: [0, 2, 3, 1], width: 34) == [0, 1, 2, 3])
        #expect(OverviewLayout.columnsThatFit(widths: [12, 8], priorities: [0, 1], width: 11) == [])
    }
}
