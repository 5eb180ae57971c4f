import Foundation
import StudySpotCore

/// Netlify's account bandwidth (PROVIDERS.md §3): `GET
/// /api/v1/accounts/{slug}/bandwidth`, bearer token. The endpoint is not in
/// Netlify's OpenAPI (UNCONFIRMED as a contract: shape from a community
/// write-up); `used` and `included` are bytes.
public struct NetlifyCollector: UsageCollector {
    public static let provider = "netlify"
    public static let title = "Netlify API"
    public static let baseURL = "https://api.netlify.com"
    /// The figure is cached on Netlify's side for tens of minutes.
    public static let defaultEvery = 15 * 60.0
    /// Netlify's general API limit is UNCONFIRMED (500/min is the figure
    /// commonly quoted for its REST API); one call per poll is far below it.
    public static let rateLimit = RateLimit.perMinute(500)
    public static let requiredKeys = ["account"]
    public static let credentialHint = "a personal access token (Netlify: User settings → Applications)"

    let slug: String

    public init(config: CollectorConfig) { slug = config.account ?? "" }

    public func collect(_ api: ProviderAPI, now: Date) throws(CollectorError) -> [UsageReading] {
        let path = "/api/v1/accounts/\(ProviderAPI.escape(slug))/bandwidth"
        let body = try api.getJSON(path)
        guard let used = body["used"].double else { return [] }
        let start = ProviderDates.parse(body["period_start_date"].string)
        let limit = body["included"].double.map { $0 + (body["additional"].double ?? 0) }
        return [UsageReading(resource: "bandwidth", used: UsageUnits.fromBytes(used, to: "GB")!, unit: "GB",
                             limit: limit.flatMap { UsageUnits.fromBytes($0, to: "GB") }, periodStart: start)]
    }
}
