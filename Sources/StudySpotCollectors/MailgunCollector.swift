import Foundation
import StudySpotCore

/// Mailgun's domain stats (PROVIDERS.md §9c): `GET
/// /v3/{domain}/stats/total?event=accepted&resolution=day&start=&end=`, HTTP
/// Basic with user `api` and the key as password. One call from the 1st of
/// the UTC month gives a `stats[]` entry per day: their accepted outgoing
/// messages summed are `emails-month`, today's entry is `emails-day`.
/// Outgoing is what a sending quota counts; `accepted.total` (which adds
/// inbound routes) stands in only when `outgoing` is absent.
/// The Basic user `api` is what Mailgun's official Go client sends
/// (mailgun/mailgun-go `mailgun.go`: `basicAuthUser = "api"`); `user` in the
/// config overrides it. The endpoint is deprecated in favour of the Metrics
/// API but still documented. EU accounts set `api_url = "https://api.eu.mailgun.net"`.
public struct MailgunCollector: UsageCollector {
    public static let provider = "mailgun"
    public static let title = "Mailgun API"
    public static let baseURL = "https://api.mailgun.net"
    public static let defaultEvery = 30 * 60.0
    /// UNCONFIRMED: Mailgun documents no limit for the stats API.
    public static let rateLimit = RateLimit.unknown
    public static let requiredKeys = ["domain"]

    public static func auth(_ config: CollectorConfig) -> ProviderAuth {
        .basic(user: config.user.flatMap { $0.isEmpty ? nil : $0 } ?? "api", password: config.token ?? "")
    }

    let domain: String

    public init(config: CollectorConfig) { domain = config.ids["domain"] ?? "" }

    public func collect(_ api: ProviderAPI, now: Date) throws(CollectorError) -> [UsageReading] {
        let month = ProviderDates.monthStart(now), today = ProviderDates.dayStart(now)
        let body = try api.getJSON("/v3/\(ProviderAPI.escape(domain))/stats/total", query: [
            ("event", "accepted"), ("resolution", "day"), ("start", String(Int(month.timeIntervalSince1970))),
            ("end", String(Int(now.timeIntervalSince1970))),
        ])
        guard case .array(let stats) = body["stats"] else { return [] }
        var monthTotal: Double?, dayTotal: Double?
        for entry in stats {
            guard let at = ProviderDates.rfc2822(entry["time"].string), at >= month,
                  let n = entry["accepted"]["outgoing"].double ?? entry["accepted"]["total"].double else { continue }
            monthTotal = (monthTotal ?? 0) + n
            if at >= today && at < today.addingTimeInterval(86_400) { dayTotal = (dayTotal ?? 0) + n }
        }
        var readings: [UsageReading] = []
        if let dayTotal { readings.append(UsageReading(resource: "emails-day", used: dayTotal, unit: "emails", periodStart: today)) }
        if let monthTotal { readings.append(UsageReading(resource: "emails-month", used: monthTotal, unit: "emails", periodStart: month)) }
        return readings
    }
}
