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
        return (s, [])
    case .data(let m):
        return updateData(s, m)
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
        if key.code == .enter, let r = confirmOperatorAction(s, action, dialog) { return r }
        switch key.code {
        case .escape:
            s.overlay = nil; s.message = StatusMessage("cancelled", role: .muted)
        case .enter where dialog.canConfirm:
            s.overlay = nil
            // The gate is checked again: the role or mode may have changed.
            if let a = s.keyMap.action(id: action), case .refused(let why) = KeyMap.gate(a, s.gateContext) {
                s.message = StatusMessage("refused: \(why)", role: .critical)
                return (s, [])
            }
            s.message = StatusMessage("\(action) requested", role: .accent)
            return (s, [.perform(action: action, target: nil)])
        case .backspace: dialog.typed = String(dialog.typed.dropLast()); s.overlay = .confirm(action: action, dialog: dialog)
        case .char(let c) where !key.ctrl && !key.alt: dialog.typed.append(c); s.overlay = .confirm(action: action, dialog: dialog)
        default: if key == .ctrl("c") { s.overlay = nil }
        }
        return (s, [])
    case .help(let offset):
        if let a = s.keyMap.action(for: key, pane: s.pane.rawValue) {
            switch a.id {
            case "help", "close": s.overlay = nil; return (s, [])
            case "quit": return (s, [.quit])
            case "move.down": s.overlay = .help(offset: offset + 1); return (s, [])
            case "move.up": s.overlay = .help(offset: max(0, offset - 1)); return (s, [])
            default: break
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
    // A pane may take any action first (its own selection, Enter, filters).
    if let handled = performPaneAction(s, action) { return handled }
    return perform(s, action)
}

private func perform(_ state: State, _ action: Action) -> (State, [Effect]) {
    var s = state
    if action.dangerous {
        let verb = action.id.split(separator: ".").last.map(String.init) ?? action.id
        s.overlay = .confirm(action: action.id, dialog: ConfirmDialog(
            title: "Confirm: \(action.description)",
            message: "This changes what the platform does for everyone. It is written to the audit log.",
            phrase: verb))
        return (s, [])
    }
    switch action.id {
    case let id where id.hasPrefix("pane.") && Pane(rawValue: String(id.dropFirst(5))) != nil:
        let p = Pane(rawValue: String(id.dropFirst(5)))!
        if p.isVisible(to: s.role) { s.pane = p; s.selection = 0 }
        else { s.message = StatusMessage("\(p.title) is not available to \(s.role.rawValue)s", role: .warning) }
    case "pane.next", "pane.previous":
        let v = s.visiblePanes
        let i = v.firstIndex(of: s.pane) ?? 0
        s.pane = v[(i + (action.id == "pane.next" ? 1 : v.count - 1)) % v.count]
        s.selection = 0
    case "help": s.overlay = .help(offset: 0)
    case "search": s.overlay = .search(text: s.searchQuery)
    case "close":
        if !s.searchQuery.isEmpty { s.searchQuery = ""; s.message = StatusMessage("search cleared", role: .muted) }
    case "quit": return (s, [.quit])
    case "pause":
        s.paused.toggle()
        s.message = StatusMessage(s.paused ? "paused" : "resumed", role: s.paused ? .warning : .muted)
        return (s, [.setPaused(s.paused)])
    case "refresh.faster", "refresh.slower":
        let steps = State.refreshSteps
        let i = steps.firstIndex { $0 >= s.refreshSeconds } ?? steps.count - 1
        let j = action.id == "refresh.faster" ? max(0, i - 1) : min(steps.count - 1, i + 1)
        s.refreshSeconds = steps[j]
        return (s, [.setRefreshInterval(seconds: s.refreshSeconds)])
    case "theme.cycle":
        let names = s.themeNames
        let i = names.firstIndex(of: s.theme.name) ?? -1
        return (s, [.loadTheme(names.isEmpty ? "dark" : names[(i + 1) % names.count])])
    case "move.up": s.selection = max(0, s.selection - 1)
    case "move.down": s.selection += 1
    case "page.up": s.selection = max(0, s.selection - max(1, s.size.height - 4))
    case "page.down": s.selection += max(1, s.size.height - 4)
    case "move.top": s.selection = 0
    case "move.bottom": s.selection = Int.max / 2
    default: break
    }
    return (s, [])
}

private func mouse(_ state: State, _ m: MouseEvent) -> (State, [Effect]) {
    var s = state
    switch m.kind {
    case .wheelUp: s.selection = max(0, s.selection - 3)
    case .wheelDown: s.selection += 3
    case .press(0) where m.y == 0 && s.overlay == nil:
        if let hit = tabHits(s).first(where: { $0.range.contains(m.x) }) { s.pane = hit.pane; s.selection = 0 }
    default: break
    }
    return (s, [])
}
