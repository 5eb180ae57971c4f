import Testing
@testable import TerminalUI

@Suite("LineChart: block chart with axis, peak and time labels")
struct LineChartTests {
    let hour: [Double] = (0..<60).map { $0 == 41 ? 219 : Double($0 % 7) }
    let labels: [Int: String] = [0: "13:00", 15: "13:15", 30: "13:30", 45: "13:45"]

    @Test("The peak's column is full to the top, and its value is written whole beside it")
    func peakPositionAndLabel() {
        let d = LineChart.draw(hour, xLabels: labels, width: 64, height: 6)
        #expect(d.rows.count == 6 && d.rows.allSatisfy { DisplayWidth.of($0) == 64 })
        #expect(d.peak == 219)
        let pc = try! #require(d.peakColumn)
        let top = Array(d.rows[0]).dropFirst(d.axisWidth)
        #expect(Array(top)[pc] == "█")
        #expect(String(Array(top)[(pc + 1)...]).hasPrefix("219"))
        // The column sits where value 41 is drawn: 60 values over the plot's columns.
        let plotWidth = 64 - d.axisWidth
        #expect(pc == LineChart.column(of: 41, count: 60, plotWidth: plotWidth))
        // Every plot row of the peak's column is full.
        for r in 0..<5 { #expect(Array(Array(d.rows[r]).dropFirst(d.axisWidth))[pc] == "█") }
    }

    @Test("The y axis shows the scale's top and 0; the x labels sit under their values")
    func axisLabels() {
        let d = LineChart.draw(hour, xLabels: labels, width: 80, height: 5)
        #expect(d.rows[0].hasPrefix("219┤"))
        #expect(d.rows[3].hasPrefix("  0┤"))
        #expect(d.rows[1].hasPrefix("   │"))
        let x = d.rows[4]
        for (i, text) in labels {
            let at = d.axisWidth + LineChart.column(of: i, count: 60, plotWidth: 80 - d.axisWidth)
            #expect(String(Array(x)[at..<(at + text.count)]) == text)
        }
    }

    @Test("An empty or all-zero series draws an empty plot and no peak")
    func emptySeries() {
        for values in [[], Array(repeating: 0.0, count: 60)] {
            let d = LineChart.draw(values, xLabels: labels, width: 40, height: 4)
            #expect(d.peakColumn == nil && d.peak == 0)
            #expect(d.rows.count == 4 && d.rows.allSatisfy { DisplayWidth.of($0) == 40 })
            #expect(!d.rows.dropLast().joined().contains("█"))
        }
    }

    @Test("A single spike is one column tall; the others stay blank")
    func singleSpike() {
        var v = Array(repeating: 0.0, count: 60)
        v[59] = 5
        let d = LineChart.draw(v, width: 60 + 2, height: 3)
        let plot = d.rows.map { String(Array($0).dropFirst(d.axisWidth)) }
        #expect(d.peakColumn == 60 + 2 - d.axisWidth - 1)
        for row in plot { #expect(row.filter { $0 == "█" }.count == 1 && row.last == "█") }
        // No room right of the last column: the label goes left of it.
        #expect(plot[0].hasSuffix("5█"))
    }

    @Test("Values NaN, infinite or negative draw as 0")
    func badValues() {
        let d = LineChart.draw([.nan, -.infinity, .infinity, -3, 2], width: 20, height: 2)
        #expect(d.peak == 2)
        #expect(d.peakColumn == LineChart.column(of: 4, count: 5, plotWidth: 20 - d.axisWidth))
    }

    @Test("Every width from 0 to 250 and height from 0 to 8: rows exactly as wide, no number cut")
    func everyWidth() {
        var big = hour
        big[41] = 1_480_000
        for width in 0...250 {
            for height in 0...8 {
                let d = LineChart.draw(big, xLabels: labels, width: width, height: height)
                #expect(d.rows.count == (width == 0 ? 0 : height))
                for row in d.rows { #expect(DisplayWidth.of(row) == width) }
                // A label shows whole or not at all.
                if d.hasXLabels, let x = d.rows.last {
                    for word in x.split(separator: " ") { #expect(labels.values.contains(String(word))) }
                }
                // The axis says 1.5M whole, or is not drawn.
                if d.axisWidth > 0 { #expect(d.rows[0].hasPrefix("1.5M┤")) }
            }
        }
    }

    @Test("Numbers shorten by unit, never by cutting digits")
    func compactNumbers() {
        #expect(LineChart.compact(0) == "0")
        #expect(LineChart.compact(219) == "219")
        #expect(LineChart.compact(999) == "999")
        #expect(LineChart.compact(1_480) == "1.5K")
        #expect(LineChart.compact(9_960) == "10K")
        #expect(LineChart.compact(23_400) == "23K")
        #expect(LineChart.compact(999_400) == "999K")
        #expect(LineChart.compact(999_600) == "1M")
        #expect(LineChart.compact(4_200_000) == "4.2M")
        #expect(LineChart.compact(-1_480) == "-1.5K")
        // Fractions keep their digits: a 0.5 GB limit is not "1".
        #expect(LineChart.compact(0.5) == "0.5")
        #expect(LineChart.compact(0.46) == "0.46")
        #expect(LineChart.compact(0.004) == "0")
        #expect(LineChart.compact(2.25) == "2.3" || LineChart.compact(2.25) == "2.2")
        #expect(LineChart.compact(9.97) == "10")
    }
}

