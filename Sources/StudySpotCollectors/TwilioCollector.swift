import Foundation
import StudySpotCore

/// Twilio's usage records (PROVIDERS.md §11g), HTTP Basic with the Account
/// SID as user and the Auth Token as password. The catalog's Twilio resource
/// is `trial-credit` (USD, period "total"): what the trial has spent so far
/// is the `totalprice` category (every category's price summed by Twilio)
/// over the account's whole life, so the collector reads
/// `/Usage/Records/AllTime.json?Category=totalprice` rather than `ThisMonth`
/// (a trial that began last month would read low). Pages are followed
/// through `next_page_uri` (same host only, at most `maxPages`). A price in
/// another currency than USD, or a negative one, is no reading.
/// Twilio's OpenAPI (twilio/twilio-oai `spec/json/twilio_api_v2010.json`)
/// settles what PROVIDERS.md left UNCONFIRMED: the `AllTime.json` path, the
/// list wrapper (`usage_records`, `next_page_uri`…), `price` as a number in
/// `price_unit`, `PageSize` (default 50, at most 1,000) and Basic auth with
/// AccountSid:AuthToken. `price` as a string (older answers) is read too.
public struct TwilioCollector: UsageCollector {
    public static let provider = "twilio"
    public static let title = "Twilio API"
    public static let baseURL = "https://api.twilio.com"
    /// Trial credit moves slowly; a few polls a day follow it.
    public static let defaultEvery = 6 * 60 * 60.0
    /// UNCONFIRMED: Twilio documents concurrency limits, not a request rate.
    public static let rateLimit = RateLimit.unknown
    public static let requiredKeys = ["user"]
    static let maxPages = 10

    public static func auth(_ config: CollectorConfig) -> ProviderAuth {
        .basic(user: config.user ?? "", password: config.token ?? "")
    }

    let accountSid: String
    /// Records asked per page (Twilio's default is 50).
    var pageSize = 50

    public init(config: CollectorConfig) { accountSid = config.user ?? "" }

    public func collect(_ api: ProviderAPI, now: Date) throws(CollectorError) -> [UsageReading] {
        let first = "/2010-04-01/Accounts/\(ProviderAPI.escape(accountSid))/Usage/Records/AllTime.json"
        var body = try api.getJSON(first, query: [("Category", "totalprice"), ("PageSize", String(pageSize))])
        var spent: Double?
        for page in 1...Self.maxPages {
            for record in body["usage_records"].array where record["category"].string == "totalprice" {
                guard (record["price_unit"].string ?? "").lowercased() == "usd", let price = record["price"].double, price >= 0 else { continue }
                spent = (spent ?? 0) + price
            }
            guard page < Self.maxPages, let next = body["next_page_uri"].string, next.hasPrefix("/") else { break }
            body = try api.getJSON(next)
        }
        guard let spent else { return [] }
        return [UsageReading(resource: "trial-credit", used: spent, unit: "USD")]
    }
}
