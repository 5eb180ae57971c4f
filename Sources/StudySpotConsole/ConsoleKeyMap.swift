import TerminalUI

/// The console's actions, declared once: input, help and the gate read this.
public enum ConsoleKeyMap {
    static let actors: Set<String> = [ConsoleRole.operator.rawValue, ConsoleRole.admin.rawValue]

    public static let standard = KeyMap<ConsoleAction>(
        Pane.allCases.map { Action(.showPane($0), keys: ["\($0.number)"], "show \($0.title)") } + [
            Action(.nextPane, keys: ["Tab"], "next pane"),
            Action(.previousPane, keys: ["S-Tab"], "previous pane"),
            Action(.help, keys: ["?", "F1"], "show or hide this help"),
            Action(.search, keys: ["/"], "search / filter"),
            Action(.close, keys: ["Esc"], "close dialog, help or search"),
            Action(.quit, keys: ["q", "C-c"], "quit"),
            Action(.pause, keys: ["p"], "pause or resume updates"),
            Action(.refreshFaster, keys: ["+"], "refresh more often"),
            Action(.refreshSlower, keys: ["-"], "refresh less often"),
            Action(.cycleTheme, keys: ["t"], "next theme"),
            Action(.moveUp, keys: ["k", "Up"], "move up"),
            Action(.moveDown, keys: ["j", "Down"], "move down"),
            Action(.pageUp, keys: ["PgUp"], "page up"),
            Action(.pageDown, keys: ["PgDn"], "page down"),
            Action(.moveTop, keys: ["Home", "g"], "first row"),
            Action(.moveBottom, keys: ["End", "G"], "last row"),
            Action(.open, keys: ["Enter"], "open details"),
            Action(.drain, keys: ["d"], "drain the selected instance", dangerous: true,
                   panes: [Pane.instances.rawValue], roles: actors),
            Action(.setWeight, keys: ["w"], "change the selected instance's weight", dangerous: true,
                   panes: [Pane.instances.rawValue], roles: actors),
        ] + sortActions + bookingsActions + seatsActions + quotasActions + alertsActions)
}
