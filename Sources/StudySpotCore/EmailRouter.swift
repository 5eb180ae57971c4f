/// The plan's e-mail router: senders in a fixed order, each used until its
/// daily (or monthly) limit is spent, then the next; when every sender is
/// spent, messages wait in `email_queue`.
public struct EmailRouter: Sendable {
    public struct Sender: Sendable, Hashable {
        public var provider: String
        public var dailyLimit: Int?
        public var monthlyLimit: Int?
        public init(provider: String, dailyLimit: Int?, monthlyLimit: Int?) {
            self.provider = provider; self.dailyLimit = dailyLimit; self.monthlyLimit = monthlyLimit
        }
    }

    public var senders: [Sender]
    public init(senders: [Sender]) { self.senders = senders }

    /// The plan's senders and limits, in the plan's order (35,100 a month in all).
    public static let plan = EmailRouter(senders: [
        Sender(provider: "resend", dailyLimit: 100, monthlyLimit: 3_000),
        Sender(provider: "sendgrid", dailyLimit: 100, monthlyLimit: nil),
        Sender(provider: "mailgun", dailyLimit: nil, monthlyLimit: 5_000),
        Sender(provider: "brevo", dailyLimit: 300, monthlyLimit: nil),
        Sender(provider: "postmark", dailyLimit: nil, monthlyLimit: 100),
        Sender(provider: "elastic-email", dailyLimit: nil, monthlyLimit: 3_000),
        Sender(provider: "mailersend", dailyLimit: nil, monthlyLimit: 12_000),
    ])

    /// How many more messages `sender` may send now.
    public func remaining(_ sender: Sender, sentToday: Int, sentThisMonth: Int) -> Int {
        var r = Int.max
        if let d = sender.dailyLimit { r = min(r, d - sentToday) }
        if let m = sender.monthlyLimit { r = min(r, m - sentThisMonth) }
        return max(0, r)
    }

    /// The sender the next message goes to, or nil when it must be queued.
    public func next(sentToday: [String: Int], sentThisMonth: [String: Int]) -> Sender? {
        senders.first { remaining($0, sentToday: sentToday[$0.provider] ?? 0, sentThisMonth: sentThisMonth[$0.provider] ?? 0) > 0 }
    }

    /// Capacity of all senders over a month of `days` days, under these limits.
    public func monthlyCapacity(days: Int = 30) -> Int {
        senders.reduce(0) { total, s in
            let byDay = s.dailyLimit.map { $0 * days }
            switch (byDay, s.monthlyLimit) {
            case let (d?, m?): return total + min(d, m)
            case let (d?, nil): return total + d
            case let (nil, m?): return total + m
            case (nil, nil): return total
            }
        }
    }
}
