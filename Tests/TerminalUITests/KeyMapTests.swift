import Testing
@testable import TerminalUI

@Suite("Keys, the key map and the gate")
struct KeyMapTests {
    let map = KeyMap([
        Action("quit", keys: ["q", "C-c"], "quit"),
        Action("next", keys: ["Tab"], "next pane"),
        Action("prev", keys: ["S-Tab"], "previous pane"),
        Action("down", keys: ["j", "Down"], "move down"),
        Action("drain", keys: ["d"], "drain instance", dangerous: true, panes: ["instances"], roles: ["operator", "admin"]),
        Action("detail", keys: ["d"], "details", panes: ["bookings"]),
    ])

    @Test("Key names parse and print back", arguments: ["j", "Down", "C-c", "F5", "S-Tab", "M-x", "PgUp", "PgDn", "Home", "End", "Enter", "Esc", "Space", "?", "/", "+", "-"])
    func names(_ n: String) {
        let k = Key(name: n)
        #expect(k != nil)
        #expect(k?.description == n)
    }

    @Test("Aliases and bad names")
    func aliases() {
        #expect(Key(name: "PageDown") == Key(.pageDown))
        #expect(Key(name: "C-C") == Key.ctrl("c"))
        #expect(Key(name: "F25") == nil)
        #expect(Key(name: "Hyper-x") == nil)
        #expect(Key(name: "X-y") == nil)
        #expect(Key(name: "") == nil)
        #expect(Key(name: "\u{1B}") == nil)
    }

    @Test("Pane actions win over global ones for the same key")
    func lookup() {
        #expect(map.action(for: .char("d"), pane: "instances")?.id == "drain")
        #expect(map.action(for: .char("d"), pane: "bookings")?.id == "detail")
        #expect(map.action(for: .char("d"), pane: "overview") == nil)
        #expect(map.action(for: Key(.tab, shift: true), pane: "overview")?.id == "prev")
    }

    @Test("Dangerous actions are refused in read-only mode and for owners")
    func gate() {
        let drain = map.action(id: "drain")!
        #expect(KeyMap.gate(drain, GateContext(role: "operator", readOnly: false, pane: "instances")) == .allowed)
        #expect(!KeyMap.gate(drain, GateContext(role: "operator", readOnly: true, pane: "instances")).isAllowed)
        #expect(!KeyMap.gate(drain, GateContext(role: "owner", readOnly: false, pane: "instances")).isAllowed)
        #expect(KeyMap.gate(map.action(id: "quit")!, GateContext(role: "owner", readOnly: true, pane: "x")) == .allowed)
        let (a, d) = map.resolve(.char("d"), GateContext(role: "admin", readOnly: true, pane: "instances"))!
        #expect(a.id == "drain")
        #expect(d == .refused("drain instance: read-only mode"))
    }

    @Test("Help is generated from the same table, with refusals; the pane's own actions first")
    func help() {
        let h = map.help(GateContext(role: "operator", readOnly: true, pane: "instances"))
        #expect(h.map(\.keys) == ["d", "q C-c", "Tab", "S-Tab", "j Down"])
        #expect(h.first?.refusal == "read-only")
        #expect(h.last?.refusal == nil)
        #expect(map.help(GateContext(role: "operator", readOnly: true, pane: "shards")).map(\.keys) == ["q C-c", "Tab", "S-Tab", "j Down"])
    }

    @Test("Remapping from config applies keys and reports unknown names with lines")
    func remap() {
        var m = map
        let issues = m.remap(["down": ["n", "Down"], "launch": ["x"], "quit": ["Q", "Ctrl+Q"]],
                             lines: ["down": 3, "launch": 4, "quit": 5])
        #expect(m.action(for: .char("n"), pane: "x")?.id == "down")
        #expect(m.action(for: .char("j"), pane: "x") == nil)
        #expect(m.action(for: .char("Q"), pane: "x")?.id == "quit")
        #expect(issues.count == 2)
        #expect(issues.contains { $0.line == 4 && $0.description.hasPrefix("line 4: [keys] unknown action \"launch\"") })
        #expect(issues.contains { $0.line == 5 && $0.message.contains("unknown key name \"Ctrl+Q\"") })
    }

    @Test("A key bound twice in the same scope is reported")
    func conflict() {
        var m = map
        let issues = m.remap(["next": ["q"]])
        #expect(issues.map(\.message) == ["[keys] q is bound to both quit and next"])
    }
}
