import Foundation
import StudySpotCore

/// Cloudflare Pages Functions requests today (PROVIDERS.md §2b) through the
/// GraphQL Analytics API: `pagesFunctionsInvocationsAdaptiveGroups` summed
/// since 00:00 UTC, when the free plan's 100,000 requests/day resets (§2a).
/// UNCONFIRMED: the dataset is not in Cloudflare's docs; its name, filter
/// and `sum { requests }` are those several independent clients use.
/// Variables are declared `string` as in the official Workers tutorial.
public struct CloudflarePagesCollector: UsageCollector {
    public static let provider = "cloudflare-pages"
    public static let title = "Cloudflare GraphQL API (Pages)"
    public static let baseURL = CloudflareGraphQL.baseURL
    /// A daily quota: a figure every 15 minutes shows it filling in time.
    public static let defaultEvery = 15 * 60.0
    public static let rateLimit = CloudflareGraphQL.rateLimit
    public static let requiredKeys = ["account_id"]

    static let query = """
        query PagesFunctionsToday($accountTag: string, $start: string, $end: string) {
          viewer { accounts(filter: {accountTag: $accountTag}) {
            pagesFunctionsInvocationsAdaptiveGroups(limit: 1000, filter: {datetime_geq: $start, datetime_leq: $end}) {
              sum { requests }
            } } } }
        """

    let accountID: String

    public init(config: CollectorConfig) { accountID = config.ids["account_id"] ?? "" }

    public func collect(_ api: ProviderAPI, now: Date) throws(CollectorError) -> [UsageReading] {
        let day = ProviderDates.dayStart(now)
        let account = try CloudflareGraphQL.account(api, query: Self.query, variables: [
            "accountTag": accountID, "start": ProviderDates.iso(day), "end": ProviderDates.iso(now),
        ])
        guard let requests = CloudflareGraphQL.sumOfRequests(account["pagesFunctionsInvocationsAdaptiveGroups"]) else { return [] }
        return [UsageReading(resource: "functions-requests", used: requests, unit: "requests", periodStart: day)]
    }
}
