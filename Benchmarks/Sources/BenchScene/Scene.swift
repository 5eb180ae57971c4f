import TerminalUI

/// A 200×60 dashboard frame that uses every widget, for the benchmarks.
/// `changedRow` alters one table row (state, latencies, requests) so the
/// diff of "one changed table row" can be measured.
public enum Scene {
    public static let width = 200
    public static let height = 60

    static let names = ["railway", "render-1", "render-2", "fly", "koyeb"]

    public static let seats: [SeatCell] = (0..<300).map { i in
        let states: [SeatState] = [.free, .reserved, .checkedIn, .checkedIn, .maintenance, .free, .retired]
        return SeatCell(label: "\(["A", "B", "C"][i / 100])\(i % 100)", zone: ["Quiet zone", "AC cabins", "Open hall"][i / 100],
                        row: (i % 100) / 20, column: i % 20, state: states[(i * 7 + i / 13) % states.count])
    }

    public static let keyMap = KeyMap([
        Action("help", keys: ["?"], "help"), Action("search", keys: ["/"], "search"),
        Action("quit", keys: ["q", "C-c"], "quit"), Action("pause", keys: ["p"], "pause"),
        Action("drain", keys: ["d"], "drain instance", dangerous: true, roles: ["operator"]),
    ])

    static func rows(changedRow: Bool) -> [[TableCell]] {
        (0..<40).map { i -> [TableCell] in
            var state = TableCell("● up", role: .ok), p50 = "\(40 + i % 9)ms", p95 = "\(80 + i % 13)ms"
            var reqs = "\(61_220 + i * 17)"
            if changedRow && i == 5 { state = TableCell("◐ degraded", role: .warning); p50 = "412ms"; p95 = "1.9s"; reqs = "61,309" }
            return [TableCell(names[i % 5] + "-\(i)"), state, TableCell(p50), TableCell(p95), TableCell("\(i % 4)"), TableCell("\(60 - i)"),
                    TableCell(reqs), TableCell(i % 7 == 0 ? "connection refused (22m)" : "")]
        }
    }

    static let columns = [
        TableColumn("NAME", width: .fixed(12)), TableColumn("STATE", width: .fixed(11)),
        TableColumn("P50", width: .fixed(6), alignment: .right), TableColumn("P95", width: .fixed(6), alignment: .right),
        TableColumn("FAILS", width: .fixed(5), alignment: .right), TableColumn("WEIGHT", width: .fixed(6), alignment: .right),
        TableColumn("TODAY", width: .fixed(8), alignment: .right), TableColumn("LAST ERROR", width: .fill(1)),
    ]

    static let history: [Double] = (0..<200).map { Double(($0 * 37) % 23 + ($0 % 5) * 3) }

    /// Draws the whole frame into `buffer` (resized to 200×60 if needed).
    public static func render(into buffer: inout Buffer, changedRow: Bool = false, theme: Theme = .dark) {
        if buffer.width != width || buffer.height != height { buffer = Buffer(width: width, height: height, clusters: buffer.clusters) }
        buffer.fill(buffer.area, style: theme[.background])
        let frameRows = Layout.split(buffer.area, .vertical, [.fixed(1), .fill(1), .fixed(1)])
        buffer.render(Tabs(leading: "StudySpot", titles: ["1 Overview", "2 Bookings", "3 Seats", "4 Quotas", "5 Instances", "6 Shards", "7 Caches", "8 Alerts"],
                           selected: 4, badges: [7: ("⚠3", .warning)]), in: frameRows[0], theme: theme)
        let cols = Layout.split(frameRows[1], .horizontal, [.percentage(35), .fill(1)])
        let left = Layout.split(cols[0], .vertical, [.fixed(14), .fixed(9), .fill(1)])
        // Gauges.
        let gb = Block(title: "Closest to their limits")
        buffer.render(gb, in: left[0], theme: theme)
        let gi = gb.inner(left[0])
        for i in 0..<gi.height {
            let r = Double((i * 13) % 100) / 100
            buffer.render(Gauge(ratio: r, label: "\(Int(r * 100))% neon storage"), in: gi.row(i).inset(left: 1, right: 1), theme: theme)
        }
        // Sparklines.
        let sb = Block(title: "Bookings per minute · ज्ञान केंद्र")
        buffer.render(sb, in: left[1], theme: theme)
        let si = sb.inner(left[1])
        for i in 0..<si.height {
            buffer.render(Sparkline(values: Array(history.dropFirst(i * 3))), in: si.row(i).inset(left: 1, right: 1), theme: theme)
        }
        // List and wrapped text.
        let lr = Layout.split(left[2], .vertical, [.fill(1), .fixed(6)])
        let lb = Block(title: "Alerts")
        buffer.render(lb, in: lr[0], theme: theme)
        buffer.render(ListView(items: (0..<30).map { ListItem("✕ 13:\($0 + 10) supabase unreachable: connection refused", role: $0 % 3 == 0 ? .critical : .warning) },
                               selected: 2), in: lb.inner(lr[0]), theme: theme)
        buffer.render(Paragraph("Neon storage is 92% full and grows 11 MB a day: full in 4 days. Upstash is on pace for 104% of its monthly commands. 図書館 😀"),
                      in: lr[1], theme: theme)
        // Table and seat grid.
        let right = Layout.split(cols[1], .vertical, [.percentage(50), .fill(1)])
        let tb = Block(title: "Instances", rightTitle: "sorted by P50")
        buffer.render(tb, in: right[0], theme: theme)
        buffer.render(Table(columns: columns, rows: rows(changedRow: changedRow), selected: 3, sortColumn: 2),
                      in: tb.inner(right[0]), theme: theme)
        let seatsBlock = Block(title: "Gyan Kendra ज्ञान केंद्र · Pune")
        buffer.render(seatsBlock, in: right[1], theme: theme)
        buffer.render(SeatGrid(seats: seats, selected: 42), in: seatsBlock.inner(right[1]), theme: theme)
        buffer.render(StatusBar(left: [("? help", .accent), ("/ search", .accent), ("q quit", .accent)],
                                right: [("operator · 14:02:11", .muted)]), in: frameRows[2], theme: theme)
        // Overlays: help and a typed confirmation, each in its own corner.
        buffer.render(HelpOverlay(entries: keyMap.help(GateContext(role: "operator", readOnly: false, pane: "instances"))),
                      in: Rect(x: 150, y: 35, width: 48, height: 10), theme: theme)
        buffer.render(ConfirmDialog(title: "Drain koyeb", message: "Drain koyeb?", phrase: "drain koyeb", typed: "drain k"),
                      in: Rect(x: 150, y: 46, width: 48, height: 10), theme: theme)
    }
}
