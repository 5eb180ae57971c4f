import Foundation
import StudySpotCore

/// Sentry's organization stats (PROVIDERS.md §11e): `GET
/// /api/0/organizations/{org}/stats_v2/` with `field=sum(quantity)`,
/// `category=error`, `outcome=accepted`, grouped by category and outcome,
/// from the 1st of the UTC month. Accepted errors are what the catalog's
/// `errors` quota (5,000/month) counts; each group's
/// `totals["sum(quantity)"]`, else its summed `series`, is added up. A
/// `groups` list that is present but empty is a real answer (no errors);
/// an absent one is no reading. No limit returned. The response shape
/// (`start`, `end`, `intervals`, `groups[] {by, totals, series}`), the
/// `error` category (which rolls in `default` and `security`) and the rate
/// limit are from Sentry's endpoint source, getsentry/sentry
/// `src/sentry/api/endpoints/organization_stats_v2.py`.
/// UNCONFIRMED: that the subscription month starts on the 1st (calendar
/// month used), and the token scope (`org:read`).
public struct SentryCollector: UsageCollector {
    public static let provider = "sentry"
    public static let title = "Sentry API"
    public static let baseURL = "https://sentry.io"
    public static let defaultEvery = 30 * 60.0
    /// 20 requests a second per user, IP and organization (the endpoint's `rate_limits`).
    public static let rateLimit = RateLimit.perMinute(1_200)
    public static let requiredKeys = ["org"]

    static let field = "sum(quantity)"
    let org: String

    public init(config: CollectorConfig) { org = config.ids["org"] ?? "" }

    public func collect(_ api: ProviderAPI, now: Date) throws(CollectorError) -> [UsageReading] {
        let month = ProviderDates.monthStart(now)
        let body = try api.getJSON("/api/0/organizations/\(ProviderAPI.escape(org))/stats_v2/", query: [
            ("field", Self.field), ("groupBy", "category"), ("groupBy", "outcome"), ("category", "error"),
            ("outcome", "accepted"), ("start", ProviderDates.iso(month)), ("end", ProviderDates.iso(now)), ("interval", "1d"),
        ])
        guard let errors = Self.acceptedErrors(body["groups"]) else { return [] }
        return [UsageReading(resource: "errors", used: errors, unit: "errors", periodStart: month)]
    }

    /// Accepted error events over the groups; a group another category or
    /// outcome (when `by` names one) is not counted.
    static func acceptedErrors(_ groups: JSONValue) -> Double? {
        guard case .array(let list) = groups else { return nil }
        let wanted = list.filter {
            ($0["by"]["category"].string ?? "error") == "error" && ($0["by"]["outcome"].string ?? "accepted") == "accepted"
        }
        let figures = wanted.compactMap { g -> Double? in
            if let total = g["totals"][field].double { return total }
            let series = g["series"][field].array.compactMap(\.double)
            return series.isEmpty ? nil : series.reduce(0, +)
        }
        return wanted.isEmpty || !figures.isEmpty ? figures.reduce(0, +) : nil
    }
}
