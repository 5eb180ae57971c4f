import Foundation
import TerminalUI

/// Draws the whole screen from the state. Pure: same state, same cells.
public func view(_ state: State, into buffer: inout Buffer) {
    let theme = state.theme
    let area = buffer.area
    buffer.tableHits = []
    buffer.fill(area, style: theme[.background])
    if Layout.drawTooSmallIfNeeded(area, need: state.minimumSize, into: &buffer, theme: theme) { return }
    let rows = Layout.split(area, .vertical, [.fixed(1), .fill(1), .fixed(1)])
    let panes = state.visiblePanes
    buffer.render(Tabs(leading: tabLeading, titles: tabTitles(state, width: area.width),
                       selected: panes.firstIndex(of: state.pane) ?? 0), in: rows[0], theme: theme)
    renderPane(state, rows[1], &buffer)
    renderStatus(state, rows[2], &buffer)
    switch state.overlay {
    case .help(let offset):
        buffer.render(HelpOverlay(entries: state.keyMap.help(state.gateContext), title: "Keys · \(state.pane.title)", offset: offset),
                      in: rows[1], theme: theme)
    case .confirm(_, let dialog):
        buffer.render(dialog, in: rows[1], theme: theme)
    case .search, nil:
        break
    }
}

private func renderPane(_ s: State, _ area: Rect, _ buffer: inout Buffer) {
    renderPaneBody(s, area, &buffer)
}

private func renderStatus(_ s: State, _ area: Rect, _ buffer: inout Buffer) {
    var right: [(String, Role)] = []
    if let m = s.message { right.append((m.text, m.role)) }
    var who = s.role.rawValue
    if s.readOnly { who += " (read-only)" }
    right.append(("\(who) · \(s.clockSeconds ? clock(s.now, s) : ClockText.hourMinute(s.now, s.zoneOffsets))", .muted))
    if case .search(let text) = s.overlay {
        buffer.render(StatusBar(left: [("/ " + text + "▏", .accent)], right: right), in: area, theme: s.theme)
        return
    }
    func keys(_ a: ConsoleAction) -> String { keyName(s, a) }
    // Hints in display order with a priority each; the least important go
    // first when the line is short, so "q quit" and "? help" stay.
    var hints: [(text: String, priority: Int)] = [
        ("\(keys(.help)) help", 0), ("\(keys(.search)) search", 3), ("\(keys(.nextPane)) next", 2),
        ("\(keys(.pause)) \(s.paused ? "resume" : "pause")", 4),
        ("\(keys(.refreshFaster)) \(keys(.refreshSlower)) refresh \(s.refreshSeconds)s", 5),
        ("\(keys(.cycleTheme)) theme", 6), ("\(keys(.quit)) quit", 1),
    ]
    if SortedTable.all[s.pane] != nil {
        hints.insert(("\(keys(.sortPrevious))\(keys(.sortNext)) sort \(keys(.sortInvert)) invert", 7), at: 3)
    }
    let rightWidth = DisplayWidth.of(right.map(\.0).joined(separator: "  "))
    func width(_ h: [(text: String, priority: Int)]) -> Int { h.reduce(1) { $0 + DisplayWidth.of($1.text) + 2 } }
    while !hints.isEmpty && width(hints) + rightWidth + 2 > area.width {
        hints.remove(at: hints.indices.max { hints[$0].priority < hints[$1].priority }!)
    }
    buffer.render(StatusBar(left: hints.map { ($0.text, Role.accent) }, right: right), in: area, theme: s.theme)
}

/// "14:02:11" in the state's time zone.
func clock(_ d: Date, _ s: State) -> String { ClockText.clock(d, s.zoneOffsets) }

/// The name at the tab bar's left.
let tabLeading = "StudySpot"

/// The tabs' titles for a width: every title when they fit; else the other
/// panes' longest titles give way to their digits until the bar fits, so
/// every tab stays visible and clickable.
func tabTitles(_ s: State, width: Int) -> [String] {
    let panes = s.visiblePanes
    var titles = panes.map { "\($0.number) \($0.title)" }
    var needed = DisplayWidth.of(" \(tabLeading) ") + titles.reduce(0) { $0 + DisplayWidth.of($1) + 2 }
    let shortenable = panes.indices.filter { panes[$0] != s.pane }
        .sorted { (DisplayWidth.of(titles[$0]), $1) > (DisplayWidth.of(titles[$1]), $0) }
    for i in shortenable where needed > width {
        let digit = "\(panes[i].number)"
        needed -= DisplayWidth.of(titles[i]) - DisplayWidth.of(digit)
        titles[i] = digit
    }
    return titles
}

/// Column ranges of the tabs, for mouse clicks (mirrors `Tabs` drawing).
func tabHits(_ s: State) -> [(pane: Pane, range: Range<Int>)] {
    var x = DisplayWidth.of(" \(tabLeading) ")
    var out: [(Pane, Range<Int>)] = []
    for (p, title) in zip(s.visiblePanes, tabTitles(s, width: s.size.width)) {
        let w = 1 + DisplayWidth.of(title) + 1
        out.append((p, x..<(x + w)))
        x += w
    }
    return out
}
