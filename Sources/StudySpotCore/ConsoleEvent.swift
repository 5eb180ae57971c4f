import Foundation

/// One line of the Events pane: something that changed, when, how bad and
/// where. Derived by comparing readings (`EventDerivation`), read from
/// `ops.audit_log`, or posted by a part of the console that knows of a
/// change nobody compares (a collector that started failing).
public struct ConsoleEvent: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case instance, shard, cache, alert
        /// A usage collector's status turned failing or recovered (posted by the quota side).
        case collector
        /// An operator action from `ops.audit_log`.
        case audit
    }

    public var at: Date
    public var kind: Kind
    /// `.ok` for a recovery, `.warning`/`.critical` for a loss, `.unknown` for plain news.
    public var severity: Severity
    /// The instance, shard, cache, alert source, collector or actor.
    public var source: String
    public var text: String

    public init(at: Date, kind: Kind, severity: Severity, source: String, text: String) {
        self.at = at; self.kind = kind; self.severity = severity; self.source = source; self.text = text
    }

    /// Case-insensitive match of the search text against source, kind and text.
    public func matches(_ query: String) -> Bool {
        let q = query.trimmingCharacters(in: .whitespaces)
        if q.isEmpty { return true }
        return [source, kind.rawValue, text].contains { $0.range(of: q, options: .caseInsensitive) != nil }
    }
}

/// One row of `ops.audit_log`: who did what to what, when.
public struct AuditEntry: Sendable, Hashable {
    public var id: Int64
    public var at: Date
    public var actor: String
    public var role: String
    public var action: String
    public var target: String
    /// `detail` as its JSON text (nil: NULL).
    public var detail: String?

    public init(id: Int64, at: Date, actor: String, role: String, action: String, target: String, detail: String? = nil) {
        self.id = id; self.at = at; self.actor = actor; self.role = role
        self.action = action; self.target = target; self.detail = detail
    }
}
