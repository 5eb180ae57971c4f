import Testing
@testable import TerminalUI

@Suite("Layout by constraints")
struct LayoutTests {
    let r = Rect(x: 0, y: 0, width: 100, height: 10)

    @Test("Fixed, percentage and fill share the width")
    func mixed() {
        let p = Layout.split(r, .horizontal, [.fixed(10), .percentage(20), .fill(1)])
        #expect(p.map(\.width) == [10, 20, 70])
        #expect(p.map(\.x) == [0, 10, 30])
    }

    @Test("Fill parts split by weight; min grows only without fills")
    func weights() {
        #expect(Layout.split(r, .horizontal, [.fill(1), .fill(3)]).map(\.width) == [25, 75])
        #expect(Layout.split(r, .horizontal, [.min(10), .fill(1)]).map(\.width) == [10, 90])
        #expect(Layout.split(r, .horizontal, [.min(10), .min(20)]).map(\.width) == [45, 55])
    }

    @Test("Spacing between parts, vertical split")
    func spacing() {
        let p = Layout.split(r, .vertical, [.fixed(1), .fill(1), .fixed(1)], spacing: 1)
        #expect(p.map(\.height) == [1, 6, 1])
        #expect(p.map(\.y) == [0, 2, 9])
    }

    @Test("When space runs out the last parts shrink and nothing overflows")
    func shortage() {
        let small = Rect(x: 0, y: 0, width: 15, height: 1)
        let p = Layout.split(small, .horizontal, [.fixed(10), .fixed(10), .fill(1)])
        #expect(p.map(\.width) == [10, 5, 0])
        #expect(p.allSatisfy { $0.right <= small.right })
        #expect(Layout.split(.zero, .horizontal, [.fixed(3), .fill(1)]).map(\.width) == [0, 0])
    }

    @Test("Too-small message names have and need")
    func message() {
        #expect(Layout.tooSmallMessage(have: Size(width: 30, height: 8), need: Size(width: 80, height: 24))
                == "terminal too small: 30×8, need 80×24")
    }
}
