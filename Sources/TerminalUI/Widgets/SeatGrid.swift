/// What a seat is doing now.
public enum SeatState: String, Sendable, CaseIterable, Hashable {
    case free, reserved, checkedIn = "checked_in", maintenance, retired

    public var role: Role {
        switch self {
        case .free: .free
        case .reserved: .reserved
        case .checkedIn: .checkedIn
        case .maintenance: .maintenance
        case .retired: .retired
        }
    }

    /// Three columns that tell states apart without colour.
    public var glyph: String {
        switch self {
        case .free: "░░░"
        case .reserved: "▒▒▒"
        case .checkedIn: "███"
        case .maintenance: "╳╳╳"
        case .retired: "···"
        }
    }

    public var label: String {
        switch self {
        case .free: "free"
        case .reserved: "reserved"
        case .checkedIn: "checked in"
        case .maintenance: "maintenance"
        case .retired: "retired"
        }
    }
}

/// One seat as the grid places it.
public struct SeatCell: Sendable, Hashable {
    public var label: String
    public var zone: String
    public var row: Int
    public var column: Int
    public var state: SeatState
    public init(label: String, zone: String, row: Int, column: Int, state: SeatState) {
        self.label = label; self.zone = zone; self.row = row; self.column = column; self.state = state
    }
}

/// Seats grouped by zone, laid out by row and column, each as a label over a
/// coloured block, with a legend on the last line. Rows wider than the area
/// wrap; the grid scrolls by lines so thousands of seats stay usable.
public struct SeatGrid: Widget, Sendable {
    public var seats: [SeatCell]
    /// Index into `seats` of the highlighted seat.
    public var selected: Int?
    /// First line shown; adjusted so the selected seat stays visible.
    public var offset: Int
    /// Text after each zone's name ("1/45 taken"): the caller counts, by its
    /// own definition of a seat that counts, so the grid never disagrees with it.
    public var zoneNotes: [String: String]

    public init(seats: [SeatCell], selected: Int? = nil, offset: Int = 0, zoneNotes: [String: String] = [:]) {
        self.seats = seats; self.selected = selected; self.offset = offset; self.zoneNotes = zoneNotes
    }

    /// A line of the laid-out grid.
    enum Line {
        case zone(String)
        case labels([Int])
        case blocks([Int])
        case gap
    }

    static let cellWidth = 4

    /// The grid as lines for a given width (independent of height, so
    /// scrolling is a slice).
    static func lines(_ seats: [SeatCell], width: Int) -> [Line] {
        var zones: [String] = []
        var byZone: [String: [Int]] = [:]
        for (i, s) in seats.enumerated() {
            if byZone[s.zone] == nil { zones.append(s.zone) }
            byZone[s.zone, default: []].append(i)
        }
        let perLine = max(1, (width - 2) / cellWidth)
        var out: [Line] = []
        for (zi, z) in zones.enumerated() {
            let idx = byZone[z]!
            if zi > 0 { out.append(.gap) }
            out.append(.zone(z))
            var rows: [Int: [Int]] = [:]
            for i in idx { rows[seats[i].row, default: []].append(i) }
            for r in rows.keys.sorted() {
                let ordered = rows[r]!.sorted { seats[$0].column < seats[$1].column }
                var k = 0
                while k < ordered.count {
                    let chunk = Array(ordered[k..<min(ordered.count, k + perLine)])
                    out.append(.labels(chunk)); out.append(.blocks(chunk))
                    k += perLine
                }
            }
        }
        return out
    }

    public func render(_ area: Rect, into buffer: inout Buffer, theme: Theme) {
        guard !area.isEmpty else { return }
        let gridArea = area.height > 1 ? area.inset(bottom: 1) : area
        let all = SeatGrid.lines(seats, width: area.width)
        var selLine: Int? = nil
        if let s = selected {
            selLine = all.firstIndex { if case .blocks(let ix) = $0 { return ix.contains(s) } else { return false } }
        }
        let start = Table.scrollOffset(selected: selLine, offset: offset, visibleRows: gridArea.height, rowCount: all.count)
        for (i, line) in all.dropFirst(start).prefix(gridArea.height).enumerated() {
            let y = gridArea.y + i
            switch line {
            case .gap: break
            case .zone(let name):
                let x = gridArea.x + buffer.put(name, x: gridArea.x, y: y, style: theme[.title], clip: gridArea)
                if let note = zoneNotes[name] { buffer.put("  " + note, x: x, y: y, style: theme[.muted], clip: gridArea) }
            case .labels(let ix), .blocks(let ix):
                var x = gridArea.x + 2
                let isLabels: Bool = { if case .labels = line { return true } else { return false } }()
                for si in ix {
                    let seat = seats[si]
                    if isLabels {
                        let st = si == selected ? theme[.text].patched(theme[.selection]) : theme[.muted]
                        buffer.put(TextFit.pad(seat.label, to: 3), x: x, y: y, style: st, clip: gridArea)
                    } else {
                        buffer.put(seat.state.glyph, x: x, y: y, style: theme[seat.state.role], clip: gridArea)
                    }
                    x += SeatGrid.cellWidth
                }
            }
        }
        if area.height > 1 {
            var x = area.x
            let y = area.bottom - 1
            for st in SeatState.allCases {
                x += buffer.put(String(st.glyph.first!), x: x, y: y, style: theme[st.role], clip: area)
                x += buffer.put(" \(st.label)  ", x: x, y: y, style: theme[.muted], clip: area)
            }
            if let s = selected, s < seats.count {
                let note = "\(seats[s].label): \(seats[s].state.label)"
                let w = DisplayWidth.of(Sanitizer.clean(note))
                if area.width - x > w + 1 { buffer.put(note, x: area.right - w, y: y, style: theme[.text], clip: area) }
            }
        }
    }
}
