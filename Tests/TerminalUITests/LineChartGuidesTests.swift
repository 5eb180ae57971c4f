import Testing
@testable import TerminalUI

@Suite("LineChart guides: a limit line and a projection to the period's end")
struct LineChartGuidesTests {
    /// Ten values climbing to 40, then room for the projection: now is index 9 of 40.
    let values: [Double] = (0..<40).map { $0 < 10 ? Double($0 * 4 + 4) : 0 }

    func plot(_ d: LineChart.Drawing) -> [[Character]] {
        d.rows.prefix(d.rows.count - (d.hasXLabels ? 1 : 0)).map { Array(Array($0).dropFirst(d.axisWidth)) }
    }

    @Test("The limit line sits at the limit's height, and the axis names it")
    func limitLineHeight() {
        // Scale top 200 (the projection), 8 plot rows: 100 is the 4th level from the bottom, row 4.
        let d = LineChart.draw(values, width: 60, height: 8, guides: .init(limit: 100, projectFrom: 9, projectTo: 200))
        #expect(d.limitRow == 4)
        let rows = plot(d)
        #expect(rows[4].filter { $0 == LineChart.limitMark }.count > 40)
        #expect(rows.enumerated().allSatisfy { $0.offset == 4 || !$0.element.contains(LineChart.limitMark) })
        #expect(d.rows[4].hasPrefix("100┤"))
        #expect(d.rows[0].hasPrefix("200┤"))
        // No peak label in the plot: the axis names the values.
        #expect(!String(rows[0]).contains("40"))
    }

    @Test("The projection starts after now and reaches the projected value at the right edge")
    func projectionReachesEnd() {
        let d = LineChart.draw(values, width: 60, height: 8, guides: .init(limit: 100, projectFrom: 9, projectTo: 200))
        let plotWidth = 60 - d.axisWidth
        let nowColumn = LineChart.column(of: 9, count: 40, plotWidth: plotWidth)
        #expect(d.projectionRows[plotWidth - 1] == 0)
        #expect(plot(d)[0][plotWidth - 1] == LineChart.projectionMark)
        #expect(d.projectionRows.keys.min() == nowColumn + 1)
        // The line climbs: rows never go down (a smaller row is higher).
        let ordered = d.projectionRows.sorted { $0.key < $1.key }.map(\.value)
        #expect(zip(ordered, ordered.dropFirst()).allSatisfy { $0 >= $1 })
        // No bars right of now.
        for row in plot(d) { #expect(!row.suffix(from: nowColumn + 1).contains("█")) }
    }

    @Test("A projection below the limit ends below the limit line; the used value is on the axis")
    func projectionBelowLimit() {
        let d = LineChart.draw(values, width: 60, height: 8, guides: .init(limit: 400, projectFrom: 9, projectTo: 100))
        #expect(d.limitRow == 0)
        #expect(d.rows[0].hasPrefix("400┤"))
        let end = try! #require(d.projectionRows[60 - d.axisWidth - 1])
        #expect(end == 8 - 2) // 100 of 400 over 8 rows: the 2nd level from the bottom
        #expect(d.rows.contains { $0.hasPrefix(" 40┤") })
    }

    @Test("The last value's label ends at the right edge rather than being left out")
    func endLabel() {
        let d = LineChart.draw([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], xLabels: [0: "start", 9: "end!"], width: 40, height: 4)
        #expect(d.rows[3].hasSuffix("end!"))
        #expect(d.rows[3].hasPrefix(String(repeating: " ", count: d.axisWidth) + "start"))
    }

    @Test("Every width from 40 to 250: rows exactly as wide, the limit and top whole on the axis")
    func everyWidth() {
        let labels = [0: "1 Dec", 9: "now", 39: "1 Jan"]
        for width in 40...250 {
            for height in [4, 6, 8] {
                let d = LineChart.draw(values, xLabels: labels, width: width, height: height,
                                       guides: .init(limit: 1_480_000, projectFrom: 9, projectTo: 2_000_000))
                #expect(d.rows.count == height)
                for row in d.rows { #expect(DisplayWidth.of(row) == width) }
                // On a short plot the limit's row is the top row, and the axis names the limit there.
                #expect(d.rows[0].hasPrefix("  2M┤") || d.rows[0].hasPrefix("1.5M┤"))
                #expect(d.rows.contains { $0.hasPrefix("1.5M┤") })
                if let x = d.rows.last, d.hasXLabels {
                    for word in x.split(separator: " ") { #expect(["1", "Dec", "now", "Jan"].contains(String(word))) }
                    // The end's label is whole, at its column or ending at the right edge.
                    let end = LineChart.column(of: 39, count: 40, plotWidth: width - d.axisWidth) + d.axisWidth
                    #expect(x.hasSuffix("1 Jan") || String(Array(x)[end..<(end + 5)]) == "1 Jan")
                }
            }
        }
    }
}
