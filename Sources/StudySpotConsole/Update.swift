import Foundation
import TerminalUI

/// Folds one event into the state. Pure: no I/O, no clock, no terminal;
/// anything outside the state comes back as an `Effect`.
public func update(_ state: State, _ event: Event) -> (State, [Effect]) {
    var s = state
    switch event {
    case .resize(let size):
        s.size = size
        return (s, [])
    case .tick(let date):
        s.now = date
        rollBookingMinutes(&s.bookings, now: date)
        rollOverviewMinute(&s, now: date)
        return (s, [])
    case .data(let m):
        var (next, effects) = updateData(s, m)
        foldOverviewMinute(&next, m)
        let (noticed, fx) = noticeChanges(from: s, to: next, effects)
        return (followSelection(from: state, to: noticed), fx)
    case .themeLoaded(let theme, let issue):
        s.theme = theme
        s.message = issue.map { StatusMessage($0, role: .warning) } ?? StatusMessage("theme \(theme.name)", role: .muted)
        return (s, [])
    case .paste(let text):
        // Pasted text only ever lands in a text field; it never runs actions.
        switch s.overlay {
        case .search(let t): s.overlay = .search(text: t + text)
        case .confirm(let a, var d): d.typed += text; s.overlay = .confirm(action: a, dialog: d)
        default: break
        }
        return (s, [])
    case .mouse(let m):
        return mouse(s, m)
    case .key(let key):
        return handleKey(s, key)
    }
}

private func handleKey(_ state: State, _ key: Key) -> (State, [Effect]) {
    var s = state
    // Text fields take typed characters before the key map sees them.
    switch s.overlay {
    case .search(let text):
        switch key.code {
        case .escape: s.overlay = nil
        case .enter: s.searchQuery = text; s.overlay = nil
            s.message = text.isEmpty ? StatusMessage("search cleared", role: .muted) : StatusMessage("filter: \(text)", role: .accent)
        case .backspace: s.overlay = .search(text: String(text.dropLast()))
        case .char(let c) where !key.ctrl && !key.alt: s.overlay = .search(text: text + String(c))
        default: if key == .ctrl("c") { s.overlay = nil }
        }
        return (s, [])
    case .confirm(let action, var dialog):
        switch key.code {
        case .escape:
            s.overlay = nil; s.message = StatusMessage("cancelled", role: .muted)
        case .enter:
            return confirm(s, action, dialog)
        case .backspace: dialog.typed = String(dialog.typed.dropLast()); s.overlay = .confirm(action: action, dialog: dialog)
        case .char(let c) where !key.ctrl && !key.alt: dialog.typed.append(c); s.overlay = .confirm(action: action, dialog: dialog)
        default: if key == .ctrl("c") { s.overlay = nil }
        }
        return (s, [])
    case .help(let offset):
        if let a = s.keyMap.action(for: key, pane: s.pane.rawValue) {
            switch a.id {
            case .help, .close: s.overlay = nil; return (s, [])
            case .quit: return (s, [.quit])
            case .moveDown: s.overlay = .help(offset: offset + 1); return (s, [])
            case .moveUp: s.overlay = .help(offset: max(0, offset - 1)); return (s, [])
            default: break  // Other keys do nothing while help is open.
            }
        }
        if key.code == .escape { s.overlay = nil }
        return (s, [])
    case nil:
        break
    }

    guard let action = s.keyMap.action(for: key, pane: s.pane.rawValue) else { return (s, []) }
    if case .refused(let why) = KeyMap.gate(action, s.gateContext) {
        s.message = StatusMessage("refused: \(why)", role: .critical)
        return (s, [])
    }
    s.message = nil
    if let sorted = performSort(s, action.id) { return sorted }
    // A pane may take any action first (its own selection, Enter, filters).
    if let handled = performPaneAction(s, action.id) { return handled }
    return perform(s, action)
}

/// The global meaning of an action (after the shown pane declined it).
private func perform(_ state: State, _ declared: Action<ConsoleAction>) -> (State, [Effect]) {
    var s = state
    if declared.dangerous {
        s.overlay = .confirm(action: declared.id, dialog: ConfirmDialog(
            title: "Confirm: \(declared.description)",
            message: "This changes what the platform does for everyone. It is written to the audit log.",
            phrase: declared.id.verb))
        return (s, [])
    }
    switch declared.id {
    case .showPane(let p):
        if p.isVisible(to: s.role) { s.pane = p; s.selection = 0 }
        else { s.message = StatusMessage("\(p.title) is not available to \(s.role.rawValue)s", role: .warning) }
    case .nextPane, .previousPane:
        let v = s.visiblePanes
        let i = v.firstIndex(of: s.pane) ?? 0
        s.pane = v[(i + (declared.id == .nextPane ? 1 : v.count - 1)) % v.count]
        s.selection = 0
    case .help: s.overlay = .help(offset: 0)
    case .search: s.overlay = .search(text: s.searchQuery)
    case .close:
        if !s.searchQuery.isEmpty { s.searchQuery = ""; s.message = StatusMessage("search cleared", role: .muted) }
    case .quit: return (s, [.quit])
    case .pause:
        s.paused.toggle()
        s.message = StatusMessage(s.paused ? "paused" : "resumed", role: s.paused ? .warning : .muted)
        return (s, [.setPaused(s.paused)])
    case .refreshFaster, .refreshSlower:
        let steps = State.refreshSteps
        let i = steps.firstIndex { $0 >= s.refreshSeconds } ?? steps.count - 1
        let j = declared.id == .refreshFaster ? max(0, i - 1) : min(steps.count - 1, i + 1)
        s.refreshSeconds = steps[j]
        return (s, [.setRefreshInterval(seconds: s.refreshSeconds)])
    case .cycleTheme:
        let names = s.themeNames
        let i = names.firstIndex(of: s.theme.name) ?? -1
        return (s, [.loadTheme(names.isEmpty ? "dark" : names[(i + 1) % names.count])])
    case .moveUp: s.selection = max(0, s.selection - 1)
    case .moveDown: s.selection += 1
    case .pageUp: s.selection = max(0, s.selection - max(1, s.size.height - 4))
    case .pageDown: s.selection += max(1, s.size.height - 4)
    case .moveTop: s.selection = 0
    case .moveBottom: s.selection = Int.max / 2
    case .open, .sortNext, .sortPrevious, .sortInvert, .bookingsStatus, .bookingsShard, .bookingsLibrary, .bookingsClear, .seatsPick, .seatsLeft,
         .seatsRight, .quotasCapacity, .drain, .setWeight, .acknowledgeAlert:
        // Only a pane gives these a meaning (the dangerous ones opened their dialog above).
        break
    }
    return (s, [])
}

/// Enter in a confirmation dialog. The gate is checked again: the role or
/// mode may have changed since the dialog opened.
private func confirm(_ state: State, _ action: ConsoleAction, _ dialog: ConfirmDialog) -> (State, [Effect]) {
    var s = state
    guard dialog.canConfirm else { return (s, []) }
    if let a = s.keyMap.action(id: action), case .refused(let why) = KeyMap.gate(a, s.gateContext) {
        s.overlay = nil; s.instances.pending = nil
        s.message = StatusMessage("refused: \(why)", role: .critical)
        return (s, [])
    }
    switch action {
    case .drain, .setWeight:
        if let r = confirmInstanceAction(s, dialog) { return r }
    case .acknowledgeAlert:
        return confirmAcknowledge(s)
    default:
        break
    }
    // A dialog opened before there was anything to act on (no instance reading yet).
    s.overlay = nil
    s.message = StatusMessage("\(action.name): nothing selected, nothing changed", role: .critical)
    return (s, [])
}

private func mouse(_ state: State, _ m: MouseEvent) -> (State, [Effect]) {
    var s = state
    switch m.kind {
    case .wheelUp: s.selection = max(0, s.selection - 3)
    case .wheelDown: s.selection += 3
    case .press(0) where m.y == 0 && s.overlay == nil:
        if let hit = tabHits(s).first(where: { $0.range.contains(m.x) }) { s.pane = hit.pane; s.selection = 0 }
    case .press(0) where s.pane == .seats && s.overlay == nil:
        if let opened = clickOnSeats(s, x: m.x, y: m.y) { return opened }
    case .press(0) where s.overlay == nil:
        return clickTable(s, x: m.x, y: m.y) ?? (s, [])
    default: break
    }
    return (s, [])
}
