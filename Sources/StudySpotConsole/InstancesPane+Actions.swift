import Foundation
import StudySpotCore
import TerminalUI

// Drain / undrain and set weight: each opens a confirmation stating the effect
// in traffic shares; the confirmed action goes to the monitors as an
// `Effect.operatorCommand` (`.drain`, `.undrain` or `.setWeight` with the
// instance's name).

/// The selected instance (the selection is clamped to the list).
func selectedInstance(_ s: State) -> InstanceHealth? {
    let list = shownInstances(s)
    guard !list.isEmpty else { return nil }
    return list[min(max(0, s.selection), list.count - 1)]
}

/// Opens the dialog for `d` (drain or undrain) or `w` (weight). The key map's
/// gate has already let the action through.
func beginInstanceAction(_ state: State, _ action: ConsoleAction) -> (State, [Effect]) {
    var s = state
    guard let inst = selectedInstance(s) else {
        s.message = StatusMessage("no instance selected", role: .warning)
        return (s, [])
    }
    let members = s.instances.instances.members
    let order = s.instances.order
    if action == .drain {
        let undrain = inst.drained
        let verb = undrain ? "undrain" : "drain"
        let after = LoadBalancer.sharesIfDrained(inst.name, members, drained: !undrain)
        s.instances.pending = PendingInstanceAction(kind: undrain ? .undrain : .drain, target: inst.name)
        s.overlay = .confirm(action: action, dialog: ConfirmDialog(
            title: "Confirm: \(verb) \(inst.name)",
            message: "\(verb) \(inst.name): \(LoadBalancer.describe(after, order: order)). Now: \(LoadBalancer.describe(s.instances.shares, order: order)). Written to the audit log.",
            phrase: "\(verb) \(inst.name)"))
    } else {
        s.instances.pending = PendingInstanceAction(kind: .weight, target: inst.name)
        s.overlay = .confirm(action: action, dialog: ConfirmDialog(
            title: "Weight of \(inst.name)",
            message: "New weight for \(inst.name) (configured \(inst.configuredWeight), now \(inst.effectiveWeight)); type a whole number 0–1000, then Enter.",
            phrase: nil))
    }
    return (s, [])
}

/// Enter (typed phrase complete, gate passed) in a drain or weight dialog;
/// nil when no instance was pending (the dialog opened before any reading).
func confirmInstanceAction(_ state: State, _ dialog: ConfirmDialog) -> (State, [Effect])? {
    var s = state
    guard var p = s.instances.pending else { return nil }
    switch p.kind {
    case .drain, .undrain:
        s.overlay = nil; s.instances.pending = nil
        s.message = StatusMessage("\(p.kind.rawValue) \(p.target)…", role: .accent)
        return (s, [.operatorCommand(p.kind == .drain ? .drain(instance: p.target) : .undrain(instance: p.target))])
    case .weight where p.weight == nil:
        let text = dialog.typed.trimmingCharacters(in: .whitespaces)
        guard let w = Int(text), (0...1000).contains(w) else {
            var d = dialog
            d.typed = ""
            d.message = "\"\(text)\" is not a weight: type a whole number 0–1000 for \(p.target), then Enter."
            s.overlay = .confirm(action: .setWeight, dialog: d)
            return (s, [])
        }
        p.weight = w
        s.instances.pending = p
        let order = s.instances.order
        let after = LoadBalancer.sharesWithWeight(p.target, w, s.instances.instances.members)
        s.overlay = .confirm(action: .setWeight, dialog: ConfirmDialog(
            title: "Confirm: weight \(p.target) \(w)",
            message: "weight \(p.target) \(w): \(LoadBalancer.describe(after, order: order)). Now: \(LoadBalancer.describe(s.instances.shares, order: order)). Written to the audit log.",
            phrase: "weight \(p.target) \(w)"))
        return (s, [])
    case .weight:
        s.overlay = nil; s.instances.pending = nil
        s.message = StatusMessage("weight \(p.target) \(p.weight!)…", role: .accent)
        return (s, [.operatorCommand(.setWeight(instance: p.target, weight: p.weight!))])
    }
}
