import Foundation
import StudySpotCore

/// Postmark's outbound statistics (PROVIDERS.md §9d): `GET
/// /stats/outbound?fromdate=&todate=` with the server token in
/// `X-Postmark-Server-Token`; `Sent` from the 1st of the month to today is
/// `emails-month`. Per server only (a server token sees one server), no
/// limit returned. Postmark counts days in US Eastern time ("All stats use
/// EST timezone"), so near midnight UTC the month's edge is a few hours off.
public struct PostmarkCollector: UsageCollector {
    public static let provider = "postmark"
    public static let title = "Postmark API"
    public static let baseURL = "https://api.postmarkapp.com"
    public static let defaultEvery = 30 * 60.0
    /// UNCONFIRMED: Postmark documents no rate limit for the stats API.
    public static let rateLimit = RateLimit.unknown

    public static func auth(_ config: CollectorConfig) -> ProviderAuth {
        .header(name: "X-Postmark-Server-Token", value: config.token ?? "")
    }

    public init(config: CollectorConfig) {}

    public func collect(_ api: ProviderAPI, now: Date) throws(CollectorError) -> [UsageReading] {
        let month = ProviderDates.monthStart(now)
        let body = try api.getJSON("/stats/outbound", query: [("fromdate", ProviderDates.day(month)), ("todate", ProviderDates.day(now))],
                                   headers: [("Accept", "application/json")])
        guard let sent = body["Sent"].double, sent >= 0 else { return [] }
        return [UsageReading(resource: "emails-month", used: sent, unit: "emails", periodStart: month)]
    }
}
