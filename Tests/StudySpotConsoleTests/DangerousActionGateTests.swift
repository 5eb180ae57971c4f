import Foundation
import Testing
import StudySpotCore
@testable import StudySpotConsole
@testable import TerminalUI

/// Every dangerous action × {owner, read-only operator} × every way into the
/// console refuses, through the one gate; the same path as an operator who may
/// act reaches the dialog or the effect, so the refusals are not vacuous.
@Suite("Security: dangerous actions meet one gate from every entry point")
struct DangerousActionGateTests {
    /// Every action declared dangerous: a new one is covered the day it is declared.
    static let dangerous = ConsoleKeyMap.standard.actions.filter(\.dangerous).map(\.id)
    static let refusedConsoles: [(ConsoleRole, Bool)] = [(.owner, false), (.owner, true), (.operator, true), (.admin, true)]

    enum EntryPoint: String, CaseIterable, CustomTestStringConvertible {
        case key, remappedKey, mouse, paste, forgedDialog, effect
        var testDescription: String { rawValue }
    }

    static var cases: [(ConsoleAction, ConsoleRole, Bool, EntryPoint)] {
        dangerous.flatMap { a in refusedConsoles.flatMap { c in EntryPoint.allCases.map { (a, c.0, c.1, $0) } } }
    }

    @Test func theDeclarationsCoverEveryActionThatChangesThePlatform() {
        #expect(Set(Self.dangerous) == [.drain, .setWeight, .acknowledgeAlert])
        #expect(Self.dangerous.map(\.name) == ["instances.drain", "instances.weight", "alerts.ack"])
        for id in Self.dangerous {
            let a = ConsoleKeyMap.standard.action(id: id)!
            #expect(a.roles == ["operator", "admin"], "\(id) must name the roles that may use it")
        }
    }

    @Test(arguments: cases)
    func refused(_ id: ConsoleAction, _ role: ConsoleRole, _ readOnly: Bool, _ entry: EntryPoint) {
        let (s, fx) = Self.attempt(id, role: role, readOnly: readOnly, entry)
        #expect(!fx.contains { if case .operatorCommand = $0 { true } else { false } }, "\(id) got through as \(role) read-only=\(readOnly) by \(entry)")
        if case .confirm = s.overlay { Issue.record("\(id) opened its dialog for \(role) read-only=\(readOnly) by \(entry)") }
        if entry == .key || entry == .remappedKey || entry == .forgedDialog {
            #expect(s.message?.text.hasPrefix("refused: ") == true, "\(String(describing: s.message))")
        }
    }

    /// The same attempts by an operator who may act get through (dialog or effect).
    @Test(arguments: dangerous, [EntryPoint.key, .remappedKey, .forgedDialog, .effect])
    func allowedForAnOperatorWhoMayAct(_ id: ConsoleAction, _ entry: EntryPoint) {
        let (s, fx) = Self.attempt(id, role: .operator, readOnly: false, entry)
        let performed = fx.contains { if case .operatorCommand = $0 { true } else { false } }
        var dialog = false
        if case .confirm = s.overlay { dialog = true }
        #expect(performed || dialog, "\(id) by \(entry): \(String(describing: s.message))")
    }

    // MARK: the attempts

    static let noon = Date(timeIntervalSince1970: 1_764_072_000)
    /// `[keys]` in a config: each dangerous action moved to another key.
    static let remap = ["instances.drain": ["D"], "instances.weight": ["W"], "alerts.ack": ["A"]]
    static func remapped(_ id: ConsoleAction) -> Key { Key(name: remap[id.name]![0])! }

    /// A console with instances (one down, so there is an alert to acknowledge) on the action's pane.
    static func console(_ role: ConsoleRole, readOnly: Bool, remapped: Bool = false, pane: String) -> State {
        let runner = DashboardRunner(options: DashboardOptions(role: role, readOnly: readOnly,
                                                               keyBindings: remapped ? remap : [:]))
        var s = runner.initialState(size: Size(width: 120, height: 32))
        s.now = noon
        s.timeZone = TimeZone(identifier: "UTC")!
        s = update(s, .data(.instances(.reading(OperatorActionDialogTests.instances(), stateCacheError: nil)))).0
        // Even if an owner somehow reached the pane: the gate must still say no.
        s.pane = Pane(rawValue: pane)!
        s.selection = 1
        return s
    }

    static func attempt(_ id: ConsoleAction, role: ConsoleRole, readOnly: Bool, _ entry: EntryPoint) -> (State, [Effect]) {
        let action = ConsoleKeyMap.standard.action(id: id)!
        let pane = action.panes!.first!
        switch entry {
        case .key, .remappedKey:
            let s = console(role, readOnly: readOnly, remapped: entry == .remappedKey, pane: pane)
            let key = entry == .key ? action.keys[0] : remapped(id)
            if entry == .remappedKey {
                // The old key no longer runs it; the new one meets the gate.
                #expect(s.keyMap.action(for: action.keys[0], pane: pane)?.id != id)
            }
            return run(s, [.key(key)])
        case .mouse:
            // Clicks and wheel everywhere on the screen, then Enter: nothing runs an action.
            var s = console(role, readOnly: readOnly, pane: pane)
            var events: [Event] = []
            for y in 0..<s.size.height {
                for x in stride(from: 0, to: s.size.width, by: 3) {
                    for kind in [MouseEvent.Kind.press(0), .release(0), .press(2), .wheelDown] { events.append(.mouse(MouseEvent(kind: kind, x: x, y: y))) }
                }
            }
            s = run(s, events).0
            return run(s, [.key(Key(name: "Enter")!)])
        case .paste:
            // Pasted text is text: not keys, not actions.
            let s = console(role, readOnly: readOnly, pane: pane)
            return run(s, [.paste(action.keys.map(\.description).joined() + "\r\ndrain railway\r\n"), .key(Key(name: "Enter")!)])
        case .forgedDialog:
            // A confirmation already open with the phrase typed (as if opened before the mode changed).
            var s = console(role, readOnly: readOnly, pane: pane)
            let phrase = "confirm"
            s.overlay = .confirm(action: id, dialog: ConfirmDialog(title: "t", message: "m", phrase: phrase, typed: phrase))
            s.instances.pending = PendingInstanceAction(kind: id == .setWeight ? .weight : .drain, target: "railway", weight: 5)
            s.alerts.pendingAck = "instance.down:koyeb"
            return run(s, [.key(Key(name: "Enter")!)])
        case .effect:
            // An effect handed straight to the monitors' boundary.
            let command: OperatorCommand = switch id {
            case .setWeight: .setWeight(instance: "railway", weight: 5)
            case .acknowledgeAlert: .acknowledge(alert: "instance.down:koyeb")
            default: .drain(instance: "railway")
            }
            let effect = Effect.operatorCommand(command)
            let d = ConsoleKeyMap.gate(effect: effect, role: role, readOnly: readOnly)
            let s = console(role, readOnly: readOnly, pane: pane)
            return (s, d.isAllowed ? [effect] : [])
        }
    }

    static func run(_ start: State, _ events: [Event]) -> (State, [Effect]) {
        var s = start, fx: [Effect] = []
        for e in events { let (n, f) = update(s, e); s = n; fx += f }
        return (s, fx)
    }

    @Test func undrainAndUnknownActionsMeetTheGateToo() {
        let undrain = Effect.operatorCommand(.undrain(instance: "railway"))
        #expect(ConsoleKeyMap.gate(effect: undrain, role: .operator, readOnly: false) == .allowed)
        #expect(ConsoleKeyMap.gate(effect: undrain, role: .operator, readOnly: true) == .refused("drain the selected instance: read-only mode"))
        #expect(!ConsoleKeyMap.gate(effect: undrain, role: .owner, readOnly: false).isAllowed)
        // A key map without the action (none is undeclared in the standard one).
        let bare = KeyMap<ConsoleAction>(ConsoleKeyMap.standard.actions.filter { $0.id != .drain })
        #expect(ConsoleKeyMap.gate(effect: undrain, role: .admin, readOnly: false, keyMap: bare)
            == .refused("instances.drain: not a declared action"))
        #expect(ConsoleKeyMap.gate(effect: .setPaused(true), role: .owner, readOnly: true) == .allowed)
        #expect(ConsoleKeyMap.gate(effect: .selectLibrary(id: 1), role: .owner, readOnly: true) == .allowed)
    }

    @Test func helpMarksEveryDangerousActionAsRefused() {
        for (role, ro) in Self.refusedConsoles {
            for id in Self.dangerous {
                let pane = ConsoleKeyMap.standard.action(id: id)!.panes!.first!
                let help = ConsoleKeyMap.standard.help(GateContext(role: role.rawValue, readOnly: ro, pane: pane))
                let desc = ConsoleKeyMap.standard.action(id: id)!.description
                #expect(help.first { $0.description == desc }?.refusal != nil)
            }
        }
    }
}
