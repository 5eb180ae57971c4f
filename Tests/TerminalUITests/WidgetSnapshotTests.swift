import Testing
@testable import TerminalUI

@Suite("Widget snapshots on the headless terminal")
struct WidgetSnapshotTests {
    static let keyMap = KeyMap([
        Action("help", keys: ["?"], "help"),
        Action("quit", keys: ["q", "C-c"], "quit"),
        Action("drain", keys: ["d"], "drain instance", dangerous: true, roles: ["operator", "admin"]),
    ])

    static let seats: [SeatCell] = [
        SeatCell(label: "A01", zone: "Quiet", row: 1, column: 1, state: .free),
        SeatCell(label: "A02", zone: "Quiet", row: 1, column: 2, state: .checkedIn),
        SeatCell(label: "A03", zone: "Quiet", row: 1, column: 3, state: .reserved),
        SeatCell(label: "C01", zone: "AC", row: 1, column: 1, state: .maintenance),
        SeatCell(label: "C02", zone: "AC", row: 1, column: 2, state: .retired),
    ]

    /// Every widget with typical content, for the tiny-size sweep.
    static let all: [(String, any Widget & Sendable)] = [
        ("block", Block(title: "Health", rightTitle: "2s")),
        ("table", Table(columns: [TableColumn("NAME"), TableColumn("P50", width: .fixed(5), alignment: .right)],
                        rows: [["railway", "41ms"], ["koyeb", TableCell("-", role: .critical)]], selected: 0, sortColumn: 1)),
        ("gauge", Gauge(ratio: 0.5, label: "50%")),
        ("sparkline", Sparkline(values: [1, 2, 3, 4, 5, 6, 7, 8])),
        ("seat grid", SeatGrid(seats: seats, selected: 1)),
        ("tabs", Tabs(leading: "StudySpot", titles: ["1 Overview", "2 Bookings"], selected: 0)),
        ("status bar", StatusBar(left: [("? help", .accent)], right: [("operator · 14:02", .muted)])),
        ("list", ListView(items: ["a", "b"], selected: 1)),
        ("paragraph", Paragraph("some words to wrap")),
        ("confirm dialog", ConfirmDialog(title: "Drain", message: "Drain koyeb?", phrase: "drain koyeb", typed: "dr")),
        ("help overlay", HelpOverlay(entries: keyMap.help(GateContext(role: "owner", readOnly: false, pane: "overview")))),
    ]

    @Test("Every widget survives 0×0, 1×1, 1×5, 5×1 and 3×3 and stays in its area",
          arguments: [(0, 0), (1, 1), (1, 5), (5, 1), (3, 3)])
    func tinySizes(_ size: (Int, Int)) {
        for (name, w) in Self.all {
            // Draw into the middle of a larger buffer: nothing may land outside the area.
            var b = Buffer(width: size.0 + 4, height: size.1 + 4, fill: Cell("x", width: 1))
            let area = Rect(x: 2, y: 2, width: size.0, height: size.1)
            w.render(area, into: &b, theme: testTheme)
            for y in 0..<b.height {
                for x in 0..<b.width where !area.contains(x: x, y: y) {
                    #expect(b.grapheme(x, y) == "x", "\(name) drew outside its \(size) area at \(x),\(y)")
                }
            }
        }
    }

    @Test("Block: border, title, right title")
    func block() {
        let t = screen(Block(title: "Health", rightTitle: "2s"), 20, 3)
        #expect(t.text == """
        ┌ Health ────── 2s ┐
        │                  │
        └──────────────────┘
        """)
        #expect(t.styles == """
        ABBBBBBBBAAAAAACCCCA
        A..................A
        AAAAAAAAAAAAAAAAAAAA
        A: fg=blue
        B: bold
        C: fg=bright-black
        """)
    }

    @Test("Table: header with sort marker, alignment, selection, role colours")
    func table() {
        let t = screen(Table(columns: [TableColumn("NAME"), TableColumn("P50", width: .fixed(6), alignment: .right)],
                             rows: [["railway", "41ms"], ["koyeb", TableCell("-", role: .critical)]],
                             selected: 0, sortColumn: 1, sortAscending: false), 16, 3)
        #expect(t.text == """
        NAME       P50 ▼
        railway     41ms
        koyeb          -
        """)
        #expect(t.styles == """
        AAAAAAAAA.AAAAAA
        BBBBBBBBBBBBBBBB
        ..........CCCCCC
        A: bold
        B: reverse
        C: fg=red
        """)
    }

    @Test("Table scrolls to keep the selected row visible")
    func tableScroll() {
        let rows = (0..<100).map { [TableCell("row \($0)")] }
        let t = screen(Table(columns: [TableColumn("N")], rows: rows, selected: 57), 10, 4)
        #expect(trimmed(t.text) == "N\nrow 55\nrow 56\nrow 57")
    }

    @Test("Gauge: eighth-cell precision and thresholds")
    func gauge() {
        #expect(Gauge.bar(ratio: 0.5, width: 8) == "████░░░░")
        #expect(Gauge.bar(ratio: 1.0 / 16, width: 2) == "▏░")
        #expect(Gauge.bar(ratio: 0.95 - 0.0001, width: 10) == "█████████▌")
        #expect(Gauge.bar(ratio: 2, width: 3) == "███")
        #expect(Gauge.bar(ratio: .nan, width: 3) == "░░░")
        #expect(Gauge(ratio: 0.5).severity == .ok)
        #expect(Gauge(ratio: 0.85).severity == .warning)
        #expect(Gauge(ratio: 0.96).severity == .critical)
        let t = screen(Gauge(ratio: 0.92, label: "92%"), 14, 1)
        #expect(t.text == "█████████▎ 92%")
        #expect(t.styles == "AAAAAAAAAA....\nA: fg=yellow")
    }

    @Test("Sparkline: newest values on the right, scaled to the maximum")
    func sparkline() {
        let t = screen(Sparkline(values: [0, 1, 2, 3, 4, 5, 6, 7]), 10, 1)
        #expect(t.text == "   ▂▃▄▅▆▇█")
        #expect(t.styles == "..AAAAAAAA\nA: fg=cyan")
        #expect(Sparkline.line([1, 2, 3], width: 2) == "▆█")
    }

    @Test("Seat grid: zones with the caller's counts, labels over state blocks, legend, selection")
    func seatGrid() {
        // The grid does not count seats itself (it once counted maintenance and retired ones, unlike the title).
        let t = screen(SeatGrid(seats: Self.seats, selected: 1, zoneNotes: ["Quiet": "2/3 taken", "AC": "0/0 taken"]), 64, 8)
        #expect(trimmed(t.text) == """
        Quiet  2/3 taken
          A01 A02 A03
          ░░░ ███ ▒▒▒

        AC  0/0 taken
          C01 C02
          ╳╳╳ ···
        ░ free  ▒ reserved  █ checked in  ╳ maintenance  · retired
        """)
        let rows = t.styles.split(separator: "\n")
        #expect(rows[1].hasPrefix("..BBB.CCC.BBB"))  // selected label reversed
        #expect(rows[2].hasPrefix("..DDD.EEE.FFF"))  // state colours
    }

    @Test("Seat grid wraps wide rows and scrolls thousands of seats to the selection")
    func seatGridMany() {
        let seats = (0..<3000).map { SeatCell(label: "S\($0)", zone: "Z\($0 / 1000)", row: $0 / 50, column: $0 % 50, state: .free) }
        let t = screen(SeatGrid(seats: seats, selected: 2999), 42, 10)
        #expect(t.text.contains("S2…"))  // labels are cut to three columns with an ellipsis
        #expect(t.styles.contains("reverse"))  // the selected seat (the last one) was scrolled into view
        #expect(t.text.contains("free"))
        let lines = SeatGrid.lines(seats, width: 42)
        #expect(lines.count > 100)
    }

    @Test("Tabs: selected tab highlighted, badges coloured")
    func tabs() {
        let t = screen(Tabs(leading: "S", titles: ["1 A", "2 B"], selected: 1, badges: [0: ("⚠3", .warning)]), 20, 1)
        #expect(t.text == " S ▏1 A ⚠3 ▏2 B     ")
        #expect(t.styles == "AAABCCCDDD.BEEE.....\nA: fg=cyan\nB: fg=blue\nC: fg=bright-black\nD: fg=yellow\nE: reverse")
    }

    @Test("Status bar: keys on the left, clock on the right, right wins when narrow")
    func statusBar() {
        let bar = StatusBar(left: [("? help", .accent), ("q quit", .accent)], right: [("operator · 14:02", .muted)])
        #expect(screen(bar, 40, 1).text == " ? help  q quit        operator · 14:02 ")
        #expect(screen(bar, 24, 1).text == " ? he… operator · 14:02 ")
        #expect(screen(bar, 10, 1).text == " operato… ")
    }

    @Test("List: marker and style on the selected line")
    func list() {
        let t = screen(ListView(items: ["alpha", ListItem("beta", role: .critical)], selected: 1), 8, 2)
        #expect(t.text == " alpha  \n›beta   ")
        #expect(t.styles == "........\nAAAAAAAA\nA: fg=red reverse")
    }

    @Test("Paragraph: word wrap, long words broken, newlines kept")
    func paragraph() {
        let t = screen(Paragraph("the quick brown fox\nsupercalifragilistic"), 10, 5)
        #expect(trimmed(t.text) == "the quick\nbrown fox\nsupercalif\nragilistic\n")
        #expect(screen(Paragraph("warn", role: .warning), 5, 1).styles == "AAAAA\nA: fg=yellow")
    }

    @Test("Confirm dialog: typed confirmation, centred, recentred on resize")
    func confirm() {
        var d = ConfirmDialog(title: "Drain", message: "Drain koyeb?", phrase: "drain koyeb", typed: "drain")
        #expect(!d.canConfirm)
        let t = screen(d, 44, 8)
        #expect(trimmed(t.text) == """
          ┌ Drain ───────────────────────────────┐
          │ Drain koyeb?                         │
          │                                      │
          │ Type "drain koyeb" to confirm:       │
          │ > drain▏                             │
          │ Esc cancel                           │
          └──────────────────────────────────────┘
        """ + "\n")
        let rows = t.styles.split(separator: "\n")
        #expect(rows[0] == "..ABBBBBBBAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA..")  // a dangerous dialog has a critical border
        #expect(rows.contains("A: fg=red"))
        d.typed = "drain koyeb"
        #expect(d.canConfirm)
        #expect(screen(d, 44, 8).styles.contains("fg=green"))  // the typed phrase turns ok
        #expect(screen(d, 60, 12).text.contains("Enter confirm · Esc cancel"))
        #expect(d.frame(in: Rect(x: 0, y: 0, width: 60, height: 12)) == Rect(x: 10, y: 2, width: 40, height: 7))
    }

    @Test("Help overlay lists the key map and marks refused actions")
    func help() {
        let entries = Self.keyMap.help(GateContext(role: "owner", readOnly: false, pane: "overview"))
        let t = screen(HelpOverlay(entries: entries), 50, 7)
        #expect(trimmed(t.text).contains("│ ?      help"))
        #expect(t.text.contains("q C-c  quit"))
        #expect(t.text.contains("d      drain instance (not for owner)"))
        let lines = t.text.split(separator: "\n"), styleRows = t.styles.split(separator: "\n")
        let y = lines.firstIndex { $0.contains("drain instance") }!
        let x = lines[y].distance(from: lines[y].startIndex, to: lines[y].range(of: "drain")!.lowerBound)
        #expect(t.styles.contains("fg=bright-black"))
        let letter = Array(styleRows[y])[x]
        #expect(styleRows.contains { $0 == "\(letter): fg=bright-black" })  // refused actions are muted
    }

    @Test("Too-small screen names both sizes")
    func tooSmall() {
        var b = Buffer(width: 30, height: 8)
        let drew = Layout.drawTooSmallIfNeeded(b.area, need: Size(width: 80, height: 24), into: &b, theme: testTheme)
        #expect(drew)
        #expect(b.textDump.contains("terminal too small: 30×8,"))
        #expect(b.textDump.contains("need") && b.textDump.contains("80×24"))
        var big = Buffer(width: 100, height: 30)
        #expect(!Layout.drawTooSmallIfNeeded(big.area, need: Size(width: 80, height: 24), into: &big, theme: testTheme))
    }
}
