import Foundation

/// Everything the admin monitors learn in one round, for the Quotas pane.
public struct QuotaReport: Sendable, Hashable {
    public var gauges: [QuotaGauge]
    public var capacity: [CapacityResult]
    public var email: EmailRouterStatus?
    public var cost: [CostProjection]
    /// What could not be read this round, by source ("neon: connection refused").
    public var problems: [String]
    public var generatedAt: Date
    /// What `studyspot collect` last found per provider account.
    public var collectors: [CollectorStatus]

    public init(gauges: [QuotaGauge] = [], capacity: [CapacityResult] = [], email: EmailRouterStatus? = nil,
                cost: [CostProjection] = [], problems: [String] = [], generatedAt: Date = Date(),
                collectors: [CollectorStatus] = []) {
        self.gauges = gauges; self.capacity = capacity; self.email = email
        self.cost = cost; self.problems = problems; self.generatedAt = generatedAt; self.collectors = collectors
    }
}
