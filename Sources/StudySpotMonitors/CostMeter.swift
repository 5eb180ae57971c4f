import Foundation
import StudySpotCore
import StudySpotWire

/// The console's own cost: looks at `OperationCounter` now and then, turns
/// the operations since the last look into a daily rate per target,
/// projects it against each target's cost model and budget, and stretches
/// that target's polling (`PollingPolicy`) to stay inside the budget.
public final class CostMeter: @unchecked Sendable {
    public struct Target: Sendable, Hashable {
        public var name: String
        public var kind: CostTargetKind
        public var model: CostModel?
    }

    public let targets: [Target]
    public let budgetPercent: Double
    let policy: PollingPolicy
    let counter: OperationCounter
    /// Where each target's rate is measured from: the last stretch change.
    private var reference: [String: (at: Date, count: Int)] = [:]
    private var rates: [String: Double] = [:]
    /// When each target was first looked at: its projection says "measuring"
    /// until `CostBudget.minimumWindow` has passed.
    private var firstLook: [String: Date] = [:]
    /// When the platform itself last wrote to a target (its metering writes to
    /// the ops shard every minute): a database the platform keeps awake costs
    /// nothing extra to look at.
    private var platformWrites: [String: Date] = [:]
    private var now = Date()
    /// Relaxing needs evidence: this long a window, or this many operations
    /// in it (a window shorter than one stretched poll would read as zero).
    static let relaxAfterSeconds = 3_600.0
    static let relaxAfterOperations = 5

    public init(topology: Topology, catalog: [QuotaEntry], budgetPercent: Double,
                policy: PollingPolicy = PollingPolicy(), counter: OperationCounter = OperationCounter()) {
        var t: [Target] = []
        // Each target spends its own account's quota (two Render accounts: two budgets).
        func model(_ name: String, _ provider: String, _ account: String?, _ kind: CostTargetKind, sleeps: Bool) -> CostModel? {
            CostModel.forTarget(provider: provider, kind: kind, sleeps: sleeps, catalog: catalog,
                                account: QuotaAccounts.account(name: name, provider: provider, explicit: account, entries: catalog))
        }
        for s in topology.shards {
            t.append(Target(name: s.name, kind: .shard, model: model(s.name, s.provider, s.account, .shard, sleeps: false)))
        }
        for c in topology.caches {
            t.append(Target(name: c.name, kind: .cache, model: model(c.name, c.provider, c.account, .cache, sleeps: false)))
        }
        for i in topology.instances {
            t.append(Target(name: i.name, kind: .instance, model: model(i.name, i.provider, i.account, .instance, sleeps: i.sleeps)))
        }
        targets = t
        self.budgetPercent = budgetPercent
        self.policy = policy
        self.counter = counter
    }

    /// Projects every target and applies the stretches. `gauges` tell how much
    /// of the day the platform itself keeps a waking target awake.
    @discardableResult
    public func evaluate(now: Date, gauges: [QuotaGauge] = [], platformWrites: [String: Date] = [:]) -> [CostProjection] {
        self.platformWrites = platformWrites
        self.now = now
        let counts = counter.today()
        // Targets that spend the same quota share its budget.
        var sharing: [String: Int] = [:]
        for t in targets { if let k = t.model?.quotaKey { sharing[k, default: 0] += 1 } }
        return targets.map { t in
            var p = measure(t, counts: counts, sharing: sharing, gauges: gauges, now: now)
            let since = firstLook[t.name] ?? now
            firstLook[t.name] = since
            p.watchedSeconds = now.timeIntervalSince(since)
            p.measuring = p.watchedSeconds < CostBudget.minimumWindow
            return p
        }
    }

    private func measure(_ t: Target, counts: [String: Int], sharing: [String: Int], gauges: [QuotaGauge], now: Date) -> CostProjection {
        let count = counts[t.name] ?? 0
        guard let ref = reference[t.name], count >= ref.count, now > ref.at else {
            // First look (or the counter rolled over at midnight): measure from here.
            reference[t.name] = (now, count)
            return project(t, count, sharing, gauges)
        }
        let window = now.timeIntervalSince(ref.at)
        let operations = count - ref.count
        rates[t.name] = Double(operations) / window * 86_400
        var p = project(t, count, sharing, gauges)
        guard t.model != nil else { return p }
        let current = policy.stretchFactor(for: t.name)
        let tighten = p.stretch > current * 1.05
        let relax = p.stretch < current / 1.05 && (window >= Self.relaxAfterSeconds || operations >= Self.relaxAfterOperations)
        if tighten || relax {
            policy.setStretch(p.stretch, for: t.name)
            reference[t.name] = (now, count)
        } else {
            p.stretch = current
        }
        return p
    }

    private func project(_ t: Target, _ count: Int, _ sharing: [String: Int], _ gauges: [QuotaGauge]) -> CostProjection {
        let share = Double(sharing[t.model?.quotaKey ?? ""] ?? 1)
        return CostBudget.project(target: t.name, operationsToday: count, operationsPerDay: rates[t.name] ?? 0, model: t.model,
                                  budgetPercent: budgetPercent / max(1, share),
                                  currentStretch: policy.stretchFactor(for: t.name),
                                  platformAwakeShare: awakeShare(t, gauges))
    }

    /// For a waking target: the part of the day the platform's own use keeps
    /// it awake, from the metered burn of the quota it spends.
    func awakeShare(_ t: Target, _ gauges: [QuotaGauge]) -> Double {
        if let m = t.model, case let .wakeHours(idle, _) = m.kind,
           let wrote = platformWrites[t.name], now.timeIntervalSince(wrote) < idle {
            return 1
        }
        guard let m = t.model, case let .wakeHours(_, units) = m.kind,
              let g = gauges.first(where: { $0.entry.key == m.quotaKey }),
              let burn = g.burnPerDay24h ?? g.burnPerDay7d else { return 0 }
        return min(1, burn / (24 * units))
    }
}
