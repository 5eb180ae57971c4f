import Foundation
import StudySpotCore
import TerminalUI

// The Quotas pane: its state, the monitor events it folds in, its key
// actions and its drawing. Everything for this pane lives in this file and
// files named Quotas*.swift.

/// Which part of the Quotas pane is shown.
public enum QuotasView: String, Sendable, Equatable {
    case gauges, capacity
}

/// What the Quotas pane knows. Synthesized `==`: every field counts, and
/// `revision` first, so a new report differs at once.
public struct QuotasState: Sendable, Equatable {
    /// Set when the first full data has arrived (`snapshot` waits for it).
    public var loaded = false
    /// Bumped on every report.
    public var revision = 0
    /// Every catalog resource with its computed figures: read by Overview, the alert rules and snapshot.
    public var gauges: [QuotaGauge] = []
    /// The console's own operations per target and share of budget: for snapshot's `console_cost`.
    public var cost: [CostLine] = []
    /// The plan's capacity verification, recomputed.
    public var capacity: [CapacityResult] = []
    /// The e-mail router's senders and queue.
    public var email: EmailRouterStatus?
    /// The console's own cost in detail (quota shares, stretches).
    public var costDetail: [CostProjection] = []
    /// Sources that could not be read in the last round.
    public var problems: [String] = []
    /// What `studyspot collect` last found per provider account (alerts read it).
    public var collectors: [CollectorStatus] = []
    public var view: QuotasView = .gauges
    /// The provider opened with Enter (its detail view), if any.
    public var detail: String?
    public init() {}

    /// Gauges in display order: by category, most at risk first within each.
    public var ordered: [QuotaGauge] { QuotaMath.grouped(gauges).flatMap(\.gauges) }
}

/// What the Quotas pane's monitors report.
public enum QuotasEvent: Sendable {
    /// One round of the quota monitor.
    case report(QuotaReport)
}

extension ConsoleKeyMap {
    /// The Quotas pane's own keys.
    static let quotasActions: [Action<ConsoleAction>] = [
        Action(.quotasCapacity, keys: ["c"], "capacity verification / gauges", panes: [Pane.quotas.rawValue]),
    ]
}

extension QuotasState: PaneModel {
    static let pane = Pane.quotas
    static let minimumSize = Size(width: 70, height: 12)
    static let summary = "every free-tier quota: used and limit, burn rate, projected use at period end and the date it runs out, grouped by category."

    /// Folds one monitor event into the state.
    static func update(_ state: State, _ event: QuotasEvent) -> (State, [Effect]) {
        var s = state
        switch event {
        case .report(let r):
            s.quotas.gauges = r.gauges
            s.quotas.capacity = r.capacity
            s.quotas.email = r.email
            s.quotas.costDetail = r.cost
            s.quotas.cost = r.cost.map { CostLine(target: $0.target, operationsToday: $0.operationsToday, budgetShare: $0.budgetShare, measuring: $0.measuring) }
            s.quotas.problems = r.problems
            s.quotas.collectors = r.collectors
            s.quotas.loaded = true
            s.quotas.revision &+= 1
        }
        // Quota alerts follow the quota figures as soon as they arrive.
        return (refreshAlerts(s), [])
    }

    /// The capacity view, a provider's detail.
    static func perform(_ state: State, _ action: ConsoleAction) -> (State, [Effect])? {
        var s = state
        switch action {
        case .quotasCapacity:
            s.quotas.view = s.quotas.view == .gauges ? .capacity : .gauges
            s.quotas.detail = nil
            s.selection = 0
            return (s, [])
        case .open where s.quotas.view == .gauges:
            let rows = shownGauges(s)
            guard !rows.isEmpty else { return (s, []) }
            s.quotas.detail = rows[min(s.selection, rows.count - 1)].entry.provider
            return (s, [])
        case .close where s.quotas.detail != nil:
            s.quotas.detail = nil
            return (s, [])
        default:
            return nil
        }
    }

    /// The gauges, the capacity verification or one provider's detail.
    static func render(_ s: State, _ area: Rect, _ buffer: inout Buffer) {
        guard s.quotas.loaded else {
            renderLoading(s, area, &buffer)
            return
        }
        if let provider = s.quotas.detail {
            renderQuotaDetail(s, provider, area, &buffer)
        } else if s.quotas.view == .capacity {
            renderCapacity(s, area, &buffer)
        } else {
            renderQuotaGauges(s, area, &buffer)
        }
    }
}

/// The gauges the list shows: the search filter applied (provider, resource or category).
func visibleGauges(_ s: State) -> [QuotaGauge] {
    let q = s.searchQuery.lowercased()
    let all = s.quotas.ordered
    guard !q.isEmpty else { return all }
    return all.filter { g in
        g.entry.provider.lowercased().contains(q) || g.entry.resource.lowercased().contains(q)
            || (g.entry.account?.lowercased().contains(q) ?? false)
            || g.entry.category.title.lowercased().contains(q)
    }
}
