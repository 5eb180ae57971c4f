import TerminalUI

/// The gate for effects, at the boundary where the UI hands work to the
/// monitors. It asks `KeyMap.gate` — the same decision a key gets — about the
/// declared action an effect carries out, so an effect that arrives some other
/// way than through a key (a dialog, a future entry point, a bug) meets the
/// same rules: dangerous actions refused in read-only mode, role limits kept.
public extension ConsoleKeyMap {
    /// The declared action a performed action belongs to: undrain is the
    /// other half of the drain action.
    static func declaredActionID(performing action: String) -> String {
        action == "instances.undrain" ? "instances.drain" : action
    }

    /// Whether the monitors may carry out `effect` for this console. Effects
    /// that change nothing outside the console are always allowed; a
    /// `.perform` of an action nobody declared is refused.
    static func gate(effect: Effect, role: ConsoleRole, readOnly: Bool, keyMap: KeyMap = standard) -> GateDecision {
        guard case .perform(let id, _) = effect else { return .allowed }
        guard let action = keyMap.action(id: declaredActionID(performing: id)) else {
            return .refused("\(id): not a declared action")
        }
        let context = GateContext(role: role.rawValue, readOnly: readOnly, pane: action.panes?.sorted().first ?? "")
        return KeyMap.gate(action, context)
    }
}
