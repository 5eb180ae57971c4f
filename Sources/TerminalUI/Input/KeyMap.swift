/// What identifies an action: the program matches on the identifier (an enum,
/// so its switches are exhaustive), while `name` is what users see and write
/// in a `[keys]` table ("instances.drain"). A plain string is its own name.
public protocol ActionID: Hashable, Sendable {
    /// The user-visible name: the `[keys]` key and the word in messages.
    var name: String { get }
}

extension String: ActionID {
    public var name: String { self }
}

/// One thing a user can do, declared once. Input handling, the help overlay
/// and the read-only/role gate all read this declaration.
public struct Action<ID: ActionID>: Sendable, Hashable {
    public var id: ID
    /// The name in config files and messages (`id.name`).
    public var name: String { id.name }
    public var keys: [Key]
    public var description: String
    /// Changes something outside the console (drain, weights): refused in
    /// read-only mode and typed-confirmed before it runs.
    public var dangerous: Bool
    /// Panes where the action applies; nil means every pane.
    public var panes: Set<String>?
    /// Roles that may use it; nil means every role.
    public var roles: Set<String>?

    public init(_ id: ID, keys: [String], _ description: String, dangerous: Bool = false,
                panes: Set<String>? = nil, roles: Set<String>? = nil) {
        self.id = id
        self.keys = keys.compactMap { Key(name: $0) }
        precondition(self.keys.count == keys.count, "bad key name in the built-in declaration of \(id.name)")
        self.description = description; self.dangerous = dangerous; self.panes = panes; self.roles = roles
    }
}

/// Who is asking, and where.
public struct GateContext: Sendable, Hashable {
    public var role: String
    public var readOnly: Bool
    public var pane: String
    public init(role: String, readOnly: Bool, pane: String) { self.role = role; self.readOnly = readOnly; self.pane = pane }
}

/// The gate's answer for one action.
public enum GateDecision: Sendable, Hashable {
    case allowed
    case refused(String)
    public var isAllowed: Bool { self == .allowed }
}

/// Something wrong in a `[keys]` table, with its line when known.
public struct KeyMapIssue: Sendable, Hashable, CustomStringConvertible {
    public var message: String
    public var line: Int?
    public var description: String { line.map { "line \($0): \(message)" } ?? message }
}

/// One line of the help overlay.
public struct HelpEntry: Sendable, Hashable {
    public var keys: String
    public var description: String
    /// Why the action is unavailable here, if it is.
    public var refusal: String?
}

/// Every action, in the order the help lists them. Generic over the
/// program's action identifier; config files and help use `ActionID.name`.
public struct KeyMap<ID: ActionID>: Sendable, Equatable {
    public private(set) var actions: [Action<ID>]

    public init(_ actions: [Action<ID>]) {
        self.actions = actions
        precondition(Set(actions.map(\.name)).count == actions.count, "two actions share a name")
    }

    public func action(id: ID) -> Action<ID>? { actions.first { $0.id == id } }

    /// The action a `[keys]` table or a message calls `name`.
    public func action(named name: String) -> Action<ID>? { actions.first { $0.name == name } }

    /// The action a key triggers in a pane: pane-specific actions win over
    /// global ones.
    public func action(for key: Key, pane: String) -> Action<ID>? {
        actions.first { $0.panes?.contains(pane) == true && $0.keys.contains(key) }
            ?? actions.first { $0.panes == nil && $0.keys.contains(key) }
    }

    /// Whether `context` may run `action`. The one place read-only and roles are enforced.
    public static func gate(_ action: Action<ID>, _ context: GateContext) -> GateDecision {
        if let roles = action.roles, !roles.contains(context.role) {
            return .refused("\(action.description): not allowed for role \(context.role)")
        }
        if action.dangerous && context.readOnly {
            return .refused("\(action.description): read-only mode")
        }
        return .allowed
    }

    /// Looks up the key and checks the gate in one step.
    public func resolve(_ key: Key, _ context: GateContext) -> (Action<ID>, GateDecision)? {
        action(for: key, pane: context.pane).map { ($0, KeyMap.gate($0, context)) }
    }

    /// Applies a `[keys]` table (action name → key names). Known actions get
    /// the new keys; unknown actions and key names are reported and skipped.
    /// Keys bound twice in overlapping scopes are reported too.
    public mutating func remap(_ table: [String: [String]], lines: [String: Int] = [:]) -> [KeyMapIssue] {
        var issues: [KeyMapIssue] = []
        for id in table.keys.sorted() {
            let names = table[id]!
            guard let idx = actions.firstIndex(where: { $0.name == id }) else {
                let known = actions.map(\.name).joined(separator: ", ")
                issues.append(KeyMapIssue(message: "[keys] unknown action \"\(id)\" (known: \(known))", line: lines[id]))
                continue
            }
            var keys: [Key] = []
            for n in names {
                if let k = Key(name: n) { keys.append(k) } else {
                    issues.append(KeyMapIssue(message: "[keys] \(id): unknown key name \"\(Sanitizer.clean(n))\" (e.g. \"j\", \"Down\", \"C-c\", \"F5\", \"S-Tab\", \"M-x\")", line: lines[id]))
                }
            }
            if !keys.isEmpty || names.isEmpty { actions[idx].keys = keys }
        }
        for (i, a) in actions.enumerated() {
            for b in actions[(i + 1)...] where a.panes == nil || b.panes == nil || !(a.panes!.isDisjoint(with: b.panes!)) {
                for k in a.keys where b.keys.contains(k) && (a.panes == b.panes) {
                    issues.append(KeyMapIssue(message: "[keys] \(k) is bound to both \(a.name) and \(b.name)", line: lines[b.name] ?? lines[a.name]))
                }
            }
        }
        return issues
    }

    /// Help lines for a context: every action that applies in the pane, with
    /// the reason it is refused when the gate says no.
    /// The pane's own actions come first: they are what a user opening help
    /// on that pane looks for, and the shared ones follow (a short terminal
    /// shows the first page only until scrolled).
    public func help(_ context: GateContext) -> [HelpEntry] {
        let shown = actions.filter { $0.panes?.contains(context.pane) == true } + actions.filter { $0.panes == nil }
        return shown.map { a in
            let d = KeyMap.gate(a, context)
            let refusal: String? = if case .refused = d { a.roles.map { $0.contains(context.role) } == false ? "not for \(context.role)" : "read-only" } else { nil }
            return HelpEntry(keys: a.keys.map(\.description).joined(separator: " "), description: a.description, refusal: refusal)
        }
    }
}
