import Foundation
import Testing
@testable import StudySpotConsole
@testable import TerminalUI

@Suite("App shell: update and view")
struct AppShellTests {
    let noon = Date(timeIntervalSince1970: 1_764_072_000) // 2025-11-25 12:00:00 UTC

    func state(_ role: ConsoleRole = .operator, readOnly: Bool = false, size: Size = Size(width: 100, height: 30)) -> State {
        State(role: role, readOnly: readOnly, size: size, themeNames: ["dark", "light"], now: noon, timeZone: TimeZone(identifier: "UTC")!)
    }

    func send(_ s: State, _ keys: String...) -> (State, [Effect]) {
        var st = s, fx: [Effect] = []
        for k in keys {
            let (n, e) = update(st, .key(Key(name: k)!))
            st = n; fx += e
        }
        return (st, fx)
    }

    func render(_ s: State) -> String {
        var b = Buffer(size: s.size)
        view(s, into: &b)
        return b.trimmedTextDump
    }

    @Test("Operators see all nine panes; digits and Tab switch between them")
    func panes() {
        let s = state()
        #expect(s.visiblePanes.count == 9)
        #expect(send(s, "5").0.pane == .instances)
        #expect(send(s, "Tab", "Tab").0.pane == .seats)
        #expect(send(s, "S-Tab").0.pane == .events)
        #expect(send(s, "S-Tab", "S-Tab").0.pane == .alerts)
        // Short of room, the other panes' longest titles give way to their digits: every tab stays whole.
        #expect(render(state(size: Size(width: 120, height: 30))).hasPrefix(" StudySpot ▏1 Overview ▏2 Bookings ▏3 Seats ▏4 Quotas ▏5 Instances ▏6 Shards ▏7 Caches ▏8 Alerts ▏9 Events\n"))
        #expect(render(s).hasPrefix(" StudySpot ▏1 Overview ▏2 Bookings ▏3 Seats ▏4 Quotas ▏5 ▏6 Shards ▏7 Caches ▏8 Alerts ▏9 Events\n"))
        let narrow = state(size: Size(width: 80, height: 30))
        #expect(render(narrow).hasPrefix(" StudySpot ▏1 Overview ▏2 ▏3 Seats ▏4 ▏5 ▏6 ▏7 Caches ▏8 Alerts ▏9 Events\n"))
        // A click on a digit-only tab selects its pane.
        let nine = tabHits(narrow).first { $0.pane == .events }!
        #expect(update(narrow, .mouse(MouseEvent(kind: .press(0), x: nine.range.lowerBound + 1, y: 0))).0.pane == .events)
    }

    @Test("Owners see only Bookings and Seats; other digits are refused with a note")
    func ownerPanes() {
        let s = state(.owner)
        #expect(s.pane == .bookings)
        #expect(s.visiblePanes == [.bookings, .seats])
        let (t, _) = send(s, "1")
        #expect(t.pane == .bookings)
        #expect(t.message?.text == "Overview is not available to owners")
        #expect(send(s, "Tab", "Tab").0.pane == .bookings)
        #expect(render(s).hasPrefix(" StudySpot ▏2 Bookings ▏3 Seats\n"))
    }

    @Test("q and Ctrl-C quit; p pauses; + and - step the refresh interval; t asks for the next theme")
    func basics() {
        #expect(send(state(), "q").1 == [.quit])
        #expect(send(state(), "C-c").1 == [.quit])
        let (p, fx) = send(state(), "p")
        #expect(p.paused && fx == [.setPaused(true)])
        #expect(render(p).contains("┌ Overview ─") && render(p).contains(" paused ┐"))
        #expect(send(state(), "+").0.refreshSeconds == 1)
        #expect(send(state(), "-", "-").0.refreshSeconds == 10)
        #expect(send(state(), "t").1 == [.loadTheme("light")])
    }

    @Test("? opens help generated from the key map; Esc closes it")
    func help() {
        let (h, _) = send(state(), "?")
        #expect(h.overlay == .help(offset: 0))
        let text = render(h)
        #expect(text.contains("Keys · Overview"))
        #expect(text.contains("q C-c   quit"))
        #expect(send(h, "Esc").0.overlay == nil)
        #expect(send(h, "?").0.overlay == nil)
    }

    @Test("Search prompt takes typed text and pastes; a paste never runs actions")
    func search() {
        var (s, _) = send(state(), "/", "n", "e")
        s = update(s, .paste("on")).0
        #expect(s.overlay == .search(text: "neon"))
        #expect(render(s).contains("/ neon▏"))
        s = send(s, "Enter").0
        #expect(s.searchQuery == "neon" && s.overlay == nil)
        let (pasted, fx) = update(state(), .paste("q5?"))
        #expect(fx.isEmpty && pasted == state())
    }

    @Test("A dangerous action asks for typed confirmation, then becomes an effect")
    func dangerous() {
        var (s, _) = send(state(), "5", "d")
        guard case .confirm(let id, _) = s.overlay else { Issue.record("no dialog"); return }
        #expect(id == .drain)
        #expect(render(s).contains("Type \"drain\" to confirm:"))
        #expect(send(s, "Enter").1.isEmpty)  // nothing typed yet
        (s, _) = send(s, "d", "r", "a", "i", "n")
        let (done, fx) = send(s, "Enter")
        // No instance reading yet: nothing to drain, so no command leaves the console.
        #expect(fx.isEmpty)
        #expect(done.overlay == nil)
        #expect(done.message == StatusMessage("instances.drain: nothing selected, nothing changed", role: .critical))
    }

    @Test("Dangerous actions are refused in read-only mode and for owners, in one place")
    func refused() {
        let (ro, fx) = send(state(readOnly: true), "5", "d")
        #expect(ro.overlay == nil && fx.isEmpty)
        #expect(ro.message?.text == "refused: drain the selected instance: read-only mode")
        var owner = state(.owner)
        owner.pane = .instances  // even if an owner got there, the gate says no
        let (o, _) = send(owner, "d")
        #expect(o.overlay == nil)
        #expect(o.message?.text.hasPrefix("refused: drain the selected instance: not allowed for role owner") == true)
        let help = state(readOnly: true).keyMap.help(GateContext(role: "operator", readOnly: true, pane: "instances"))
        #expect(help.first { $0.description.hasPrefix("drain") }?.refusal == "read-only")
    }

    @Test("Below the minimum size the screen says so; resizing back re-lays out, dialogs included")
    func resize() {
        var (s, _) = send(state(), "5", "d")
        s = update(s, .resize(Size(width: 30, height: 8))).0
        let small = render(s)
        #expect(small.contains("terminal too small: 30×8,"))
        #expect(small.contains("80×14"))
        s = update(s, .resize(Size(width: 120, height: 40))).0
        var b = Buffer(size: s.size)
        view(s, into: &b)
        let text = b.textDump.split(separator: "\n")
        let dialogRow = text.firstIndex { $0.contains("┌ Confirm") }!
        #expect(dialogRow > 10)  // centred in the 40-row screen
        #expect(text[dialogRow].firstIndex(of: "┌")!.utf16Offset(in: text[dialogRow]) > 20)
    }

    @Test("Clicking a tab switches panes")
    func click() {
        let s = update(state(), .mouse(MouseEvent(kind: .press(0), x: 40, y: 0))).0
        #expect(s.pane == .seats)
    }

    @Test("Status bar shows keys, role and clock")
    func status() {
        let last = render(state(readOnly: true)).split(separator: "\n").last!
        #expect(last.hasPrefix(" ? help  / search  Tab next  p pause  + - refresh 2s  q quit"))  // "t theme" gave way
        #expect(last.hasSuffix("operator (read-only) · 12:00"))
        var seconds = state(readOnly: true)
        seconds.clockSeconds = true
        #expect(render(seconds).split(separator: "\n").last!.hasSuffix("operator (read-only) · 12:00:00"))
    }

    @Test("An unchanged state renders to zero bytes; a tick changes only the clock")
    func frames() {
        let t = HeadlessTerminal(width: 100, height: 30)
        // The first tick starts the per-minute booking series; from then on a tick moves only the clock.
        var s = update(state(), .tick(noon)).0
        var b = Buffer(size: s.size); view(s, into: &b); t.present(b)
        b = Buffer(size: s.size); view(s, into: &b)
        #expect(t.present(b) == 0 && t.lastFrameBytes == 0)
        // A clock of minutes: a second later nothing changed, nothing is sent.
        s = update(s, .tick(noon.addingTimeInterval(1))).0
        b = Buffer(size: s.size); view(s, into: &b)
        #expect(t.present(b) == 0 && t.lastFrameBytes == 0)
        s = update(s, .tick(noon.addingTimeInterval(60))).0
        b = Buffer(size: s.size); view(s, into: &b)
        #expect(t.present(b) == 1)  // "12:00" → "12:01"
        // Seconds when asked for (`clock_seconds`): one cell a second.
        s.clockSeconds = true
        b = Buffer(size: s.size); view(s, into: &b); t.present(b)
        s = update(s, .tick(noon.addingTimeInterval(61))).0
        b = Buffer(size: s.size); view(s, into: &b)
        #expect(t.present(b) == 1)  // "12:01:00" → "12:01:01"
    }

    @Test("Key remapping from config; unknown actions and keys are reported with their lines")
    func remap() {
        let runner = DashboardRunner(options: DashboardOptions(
            keyBindings: ["quit": ["x"], "explode": ["e"], "help": ["Hyper-h"]],
            keyBindingLines: ["quit": 10, "explode": 11, "help": 12]))
        let s = runner.initialState(size: Size(width: 100, height: 30))
        #expect(send(s, "x").1 == [.quit])
        #expect(send(s, "q").1.isEmpty)
        let m = s.message?.text ?? ""
        #expect(m.contains("line 11: [keys] unknown action \"explode\""))
        #expect(m.contains("line 12: [keys] help: unknown key name \"Hyper-h\""))
    }

    @Test("An unknown --theme falls back to dark and says so; t cycles through the catalog")
    func themes() {
        let s = DashboardRunner(options: DashboardOptions(themeName: "solarized")).initialState(size: Size(width: 100, height: 30))
        #expect(s.theme == .dark)
        #expect(s.message?.text.contains("unknown theme \"solarized\"") == true)
        #expect(s.themeNames.starts(with: ["dark", "light", "high-contrast", "16-colour"]))
        let loaded = update(s, .themeLoaded(ThemeCatalog(directories: []).load("light").theme, issue: nil)).0
        #expect(loaded.theme.name == "light")
        #expect(send(loaded, "t").1 == [.loadTheme("high-contrast")])
    }

    @Test("Monitor events update the state without touching the terminal")
    func data() {
        let s = update(state(), .data(.status(source: "overview", text: "3 shards up"))).0
        #expect(render(s).contains("3 shards up"))
    }

    @Test("Every action is declared once, under the names configs and help use")
    func actionNames() {
        let declared = ConsoleKeyMap.standard.actions.map(\.id)
        #expect(declared.count == ConsoleAction.allCases.count && Set(declared) == Set(ConsoleAction.allCases))
        #expect(ConsoleKeyMap.standard.actions.map(\.name) == [
            "pane.overview", "pane.bookings", "pane.seats", "pane.quotas", "pane.instances", "pane.shards", "pane.caches",
            "pane.alerts", "pane.events", "pane.next", "pane.previous", "help", "search", "close", "quit", "pause", "refresh.faster",
            "refresh.slower", "theme.cycle", "move.up", "move.down", "page.up", "page.down", "move.top", "move.bottom",
            "open", "instances.drain", "instances.weight", "sort.next", "sort.previous", "sort.invert", "bookings.status", "bookings.shard", "bookings.library",
            "bookings.clear", "seats.pick", "seats.left", "seats.right", "quotas.capacity", "alerts.ack",
        ])
        // A `[keys]` table still names actions by those strings.
        var keys = ConsoleKeyMap.standard
        #expect(keys.remap(["instances.drain": ["D"], "move.down": ["n"]]).isEmpty)
        #expect(keys.action(for: Key(name: "D")!, pane: "instances")?.id == .drain)
        #expect(keys.action(for: Key(name: "n")!, pane: "overview")?.id == .moveDown)
    }

    @Test("A pane whose monitor has not reported says it is loading and what it will show")
    func loading() {
        var s = send(state(), "4").0
        #expect(render(s).contains("loading… every free-tier quota"))
        #expect(!render(s).contains("later issue"))
        s = update(s, .data(.status(source: "quotas", text: "reading usage samples"))).0
        #expect(render(s).contains("reading usage samples"))
        #expect(Pane.allCases.allSatisfy { $0.model.pane == $0 })
    }
}
