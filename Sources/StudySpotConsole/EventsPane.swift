import Foundation
import StudySpotCore
import TerminalUI

// The Events pane: everything that changed, newest first. Changes in the
// readings are found in the update step (EventsPane+Notice.swift); the
// operators' actions come from `ops.audit_log` (AuditLogMonitor).

/// What the Events pane knows.
public struct EventsState: Sendable, Equatable {
    public var ring = EventRing()
    /// Why the audit log could not be read, when it could not.
    public var auditProblem: String?
    /// `[notify]`: what a new critical alert sets off.
    public var notify = NotifySettings()
    /// Critical alerts already known (rung for, or standing at start):
    /// an id leaves when its alert clears, so only a new occurrence rings.
    public var noticed: Set<String> = []
    /// When the first reading came (start-up lasts until every source reported).
    public var watchingSince: Date?
    public init() {}
}

/// What the Events pane's monitors report.
public enum EventsEvent: Sendable {
    /// New `ops.audit_log` rows (id order) and the read's problem, if any.
    case audit([AuditEntry], problem: String?)
    /// Events a part of the console knows of without comparing readings:
    /// collector failures (`EventDerivation.collectors`) are posted here.
    case posted([ConsoleEvent])
}

extension EventsState: PaneModel {
    static let pane = Pane.events
    static let minimumSize = Size(width: 50, height: 8)
    static let summary = "what changed, newest first: instances, shards and caches lost and back, alerts raised and cleared, collector failures and operators' actions."

    static func update(_ state: State, _ event: EventsEvent) -> (State, [Effect]) {
        var s = state
        switch event {
        case .audit(let rows, let problem):
            s.events.ring.append(contentsOf: EventDerivation.audit(rows))
            s.events.auditProblem = problem.map(SecretMasking.masked)
        case .posted(let events):
            s.events.ring.append(contentsOf: events)
        }
        return (s, [])
    }

    /// The events matching the search, newest first.
    static func shown(_ s: State) -> [ConsoleEvent] { s.events.ring.newestFirst(matching: s.searchQuery) }

    static func render(_ s: State, _ area: Rect, _ buffer: inout Buffer) {
        let list = shown(s)
        let total = s.events.ring.events.count
        var right = "\(total) event\(total == 1 ? "" : "s")"
        if !s.searchQuery.isEmpty { right = "filter: \(s.searchQuery) · \(list.count) of \(total)" }
        let block = Block(title: "Events", rightTitle: right)
        buffer.render(block, in: area, theme: s.theme)
        let inner = block.inner(area).inset(left: 1, right: 1)
        guard !list.isEmpty else {
            let text = total > 0 ? "no event matches \"\(s.searchQuery)\" (\(keyName(s, .close)) clears the search)"
                : "nothing has changed since the console started"
            buffer.put(text, x: inner.x, y: inner.y, style: s.theme[.muted], clip: inner)
            if let p = s.events.auditProblem { putAuditProblem(s, p, inner, &buffer) }
            return
        }
        let cols: [TableColumn] = [
            TableColumn("", width: .fixed(2), id: "SEVERITY"), TableColumn("TIME", width: .fixed(8)), TableColumn("KIND", width: .fixed(9)),
            TableColumn("SOURCE", width: .fixed(16)), TableColumn("WHAT", width: .fill(1)),
        ]
        let rows: [[TableCell]] = sortedRows(list, s.sorts[.events], eventSortColumns, s).map { e in
            let (glyph, role) = mark(e.severity)
            return [TableCell(glyph, role: role), TableCell(ClockText.feedTime(e.at, now: s.now, s.zoneOffsets)),
                    TableCell(e.kind.rawValue, role: .muted), TableCell(e.source), TableCell(e.text, role: role == .ok ? nil : role)]
        }
        let problemLines = s.events.auditProblem == nil ? 0 : 1
        let t = Rect(x: inner.x, y: inner.y, width: inner.width, height: max(0, inner.height - problemLines))
        buffer.render(sortedTable(s, .events, cols, rows), in: t, theme: s.theme)
        if let p = s.events.auditProblem { putAuditProblem(s, p, inner, &buffer) }
    }

    private static func putAuditProblem(_ s: State, _ p: String, _ inner: Rect, _ buffer: inout Buffer) {
        guard inner.height > 1 else { return }
        buffer.put("✕ audit log: \(p)", x: inner.x, y: inner.bottom - 1, style: s.theme[.critical], clip: inner)
    }

    /// The severity glyph and its role.
    static func mark(_ severity: Severity) -> (String, Role) {
        switch severity {
        case .critical: ("✕", .critical)
        case .warning: ("⚠", .warning)
        case .ok: ("●", .ok)
        case .unknown: ("·", .accent)
        }
    }
}
