import TerminalUI

/// The console's actions, declared once: input, help and the gate read this.
public enum ConsoleKeyMap {
    static let actors: Set<String> = [ConsoleRole.operator.rawValue, ConsoleRole.admin.rawValue]

    public static let standard = KeyMap(
        Pane.allCases.map { Action("pane.\($0.rawValue)", keys: ["\($0.number)"], "show \($0.title)") } + [
            Action("pane.next", keys: ["Tab"], "next pane"),
            Action("pane.previous", keys: ["S-Tab"], "previous pane"),
            Action("help", keys: ["?", "F1"], "show or hide this help"),
            Action("search", keys: ["/"], "search / filter"),
            Action("close", keys: ["Esc"], "close dialog, help or search"),
            Action("quit", keys: ["q", "C-c"], "quit"),
            Action("pause", keys: ["p"], "pause or resume updates"),
            Action("refresh.faster", keys: ["+"], "refresh more often"),
            Action("refresh.slower", keys: ["-"], "refresh less often"),
            Action("theme.cycle", keys: ["t"], "next theme"),
            Action("move.up", keys: ["k", "Up"], "move up"),
            Action("move.down", keys: ["j", "Down"], "move down"),
            Action("page.up", keys: ["PgUp"], "page up"),
            Action("page.down", keys: ["PgDn"], "page down"),
            Action("move.top", keys: ["Home", "g"], "first row"),
            Action("move.bottom", keys: ["End", "G"], "last row"),
            Action("open", keys: ["Enter"], "open details"),
            Action("instances.drain", keys: ["d"], "drain the selected instance", dangerous: true,
                   panes: [Pane.instances.rawValue], roles: actors),
            Action("instances.weight", keys: ["w"], "change the selected instance's weight", dangerous: true,
                   panes: [Pane.instances.rawValue], roles: actors),
        ] + bookingsActions + seatsActions + quotasActions + alertsActions)
}
