import Foundation

/// The e-mail router as the Quotas pane shows it: per sender what it sent
/// today and this month against its limits, the sender used next, and the queue.
public struct EmailRouterStatus: Sendable, Hashable, Codable {
    public struct Sender: Sendable, Hashable, Codable {
        public var provider: String
        public var sentToday: Int
        public var sentThisMonth: Int
        /// The router's limits (the plan's, which the platform still uses).
        public var dailyLimit: Int?
        public var monthlyLimit: Int?
        /// The current terms' limits from the catalog, when they differ.
        public var currentDailyLimit: Int?
        public var currentMonthlyLimit: Int?
        /// No free tier any more (SendGrid, Elastic Email).
        public var gone: Bool
    }

    public var senders: [Sender]
    /// The provider the next message goes to (nil: every sender is spent; mail queues).
    public var next: String?
    public var queueLength: Int
    /// When the oldest queued message was queued.
    public var oldestQueuedAt: Date?

    public init(senders: [Sender], next: String?, queueLength: Int, oldestQueuedAt: Date?) {
        self.senders = senders; self.next = next; self.queueLength = queueLength; self.oldestQueuedAt = oldestQueuedAt
    }

    /// Builds the status from the router and the counters
    /// (`email:sent:{provider}:{day}`), marking senders the catalog says are gone.
    public static func make(router: EmailRouter, sentToday: [String: Int], sentThisMonth: [String: Int],
                            catalog: [QuotaEntry], queueLength: Int, oldestQueuedAt: Date?) -> EmailRouterStatus {
        let senders = router.senders.map { s -> Sender in
            let entries = catalog.filter { $0.provider == s.provider }
            let day = entries.first { $0.period == .day || $0.period == .rolling24h }
            let month = entries.first { $0.period == .month || $0.period == .rolling30d }
            return Sender(provider: s.provider, sentToday: sentToday[s.provider] ?? 0,
                          sentThisMonth: sentThisMonth[s.provider] ?? 0,
                          dailyLimit: s.dailyLimit, monthlyLimit: s.monthlyLimit,
                          currentDailyLimit: day?.limit.map { Int($0) }, currentMonthlyLimit: month?.limit.map { Int($0) },
                          gone: entries.contains { $0.verdict == .gone })
        }
        let next = router.next(sentToday: sentToday, sentThisMonth: sentThisMonth)?.provider
        return EmailRouterStatus(senders: senders, next: next, queueLength: queueLength, oldestQueuedAt: oldestQueuedAt)
    }
}
