import Foundation
import StudySpotCore
import TerminalUI

// Drain / undrain and set weight: each opens a confirmation stating the effect
// in traffic shares; the confirmed action goes to the monitors as
// `Effect.perform(action:target:)` ("instances.drain" / "instances.undrain"
// with the instance name, "instances.weight" with "name=weight").

/// The selected instance (the selection is clamped to the list).
func selectedInstance(_ s: State) -> InstanceHealth? {
    let list = s.instances.instances
    guard !list.isEmpty else { return nil }
    return list[min(max(0, s.selection), list.count - 1)]
}

/// Opens the dialog for `d` (drain or undrain) or `w` (weight). The key map's
/// gate has already let the action through.
func beginInstanceAction(_ state: State, _ action: Action) -> (State, [Effect]) {
    var s = state
    guard let inst = selectedInstance(s) else {
        s.message = StatusMessage("no instance selected", role: .warning)
        return (s, [])
    }
    let members = s.instances.instances.members
    let order = s.instances.order
    if action.id == "instances.drain" {
        let undrain = inst.drained
        let verb = undrain ? "undrain" : "drain"
        let after = LoadBalancer.sharesIfDrained(inst.name, members, drained: !undrain)
        s.instances.pending = PendingInstanceAction(kind: undrain ? .undrain : .drain, target: inst.name)
        s.overlay = .confirm(action: action.id, dialog: ConfirmDialog(
            title: "Confirm: \(verb) \(inst.name)",
            message: "\(verb) \(inst.name): \(LoadBalancer.describe(after, order: order)). Now: \(LoadBalancer.describe(s.instances.shares, order: order)). Written to the audit log.",
            phrase: "\(verb) \(inst.name)"))
    } else {
        s.instances.pending = PendingInstanceAction(kind: .weight, target: inst.name)
        s.overlay = .confirm(action: action.id, dialog: ConfirmDialog(
            title: "Weight of \(inst.name)",
            message: "New weight for \(inst.name) (configured \(inst.configuredWeight), now \(inst.effectiveWeight)); type a whole number 0–1000, then Enter.",
            phrase: nil))
    }
    return (s, [])
}

/// Enter in a confirmation dialog of this pane's actions (and the Alerts
/// pane's acknowledgement); nil for other dialogs. Re-checks the one gate.
func confirmOperatorAction(_ state: State, _ actionID: String, _ dialog: ConfirmDialog) -> (State, [Effect])? {
    var s = state
    switch actionID {
    case "instances.drain", "instances.weight", "alerts.ack": break
    default: return nil
    }
    guard dialog.canConfirm else { return (s, []) }
    if let a = s.keyMap.action(id: actionID), case .refused(let why) = KeyMap.gate(a, s.gateContext) {
        s.overlay = nil; s.instances.pending = nil
        s.message = StatusMessage("refused: \(why)", role: .critical)
        return (s, [])
    }
    if actionID == "alerts.ack" { return confirmAcknowledge(s) }
    // No pending target: the generic dialog (opened before any reading) handles it.
    guard var p = s.instances.pending else { return actionID == "alerts.ack" ? (s, []) : nil }
    switch p.kind {
    case .drain, .undrain:
        s.overlay = nil; s.instances.pending = nil
        s.message = StatusMessage("\(p.kind.rawValue) \(p.target)…", role: .accent)
        return (s, [.perform(action: "instances.\(p.kind.rawValue)", target: p.target)])
    case .weight where p.weight == nil:
        let text = dialog.typed.trimmingCharacters(in: .whitespaces)
        guard let w = Int(text), (0...1000).contains(w) else {
            var d = dialog
            d.typed = ""
            d.message = "\"\(text)\" is not a weight: type a whole number 0–1000 for \(p.target), then Enter."
            s.overlay = .confirm(action: actionID, dialog: d)
            return (s, [])
        }
        p.weight = w
        s.instances.pending = p
        let order = s.instances.order
        let after = LoadBalancer.sharesWithWeight(p.target, w, s.instances.instances.members)
        s.overlay = .confirm(action: actionID, dialog: ConfirmDialog(
            title: "Confirm: weight \(p.target) \(w)",
            message: "weight \(p.target) \(w): \(LoadBalancer.describe(after, order: order)). Now: \(LoadBalancer.describe(s.instances.shares, order: order)). Written to the audit log.",
            phrase: "weight \(p.target) \(w)"))
        return (s, [])
    case .weight:
        s.overlay = nil; s.instances.pending = nil
        s.message = StatusMessage("weight \(p.target) \(p.weight!)…", role: .accent)
        return (s, [.perform(action: "instances.weight", target: "\(p.target)=\(p.weight!)")])
    }
}
