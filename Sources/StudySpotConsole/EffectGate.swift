import TerminalUI

/// The gate for effects, at the boundary where the UI hands work to the
/// monitors. It asks `KeyMap.gate` — the same decision a key gets — about the
/// declared action an effect carries out, so an effect that arrives some other
/// way than through a key (a dialog, a future entry point, a bug) meets the
/// same rules: dangerous actions refused in read-only mode, role limits kept.
public extension ConsoleKeyMap {
    /// Whether the monitors may carry out `effect` for this console. Effects
    /// that change nothing outside the console are always allowed; an
    /// operator command whose action the key map does not declare is refused.
    static func gate(effect: Effect, role: ConsoleRole, readOnly: Bool, keyMap: KeyMap<ConsoleAction> = standard) -> GateDecision {
        guard case .operatorCommand(let command) = effect else { return .allowed }
        guard let action = keyMap.action(id: command.action) else {
            return .refused("\(command.action.name): not a declared action")
        }
        let context = GateContext(role: role.rawValue, readOnly: readOnly, pane: action.panes?.sorted().first ?? "")
        return KeyMap.gate(action, context)
    }
}
