import Foundation
import StudySpotCore

/// Brevo's account (PROVIDERS.md §9b): `GET /v3/account`, header `api-key`.
/// The answer gives the credits LEFT in each `plan[]` entry, not the amount
/// used: the free plan's entry with `creditsType` "sendLimit" counts the
/// e-mails still allowed today, so emails-day = daily limit − credits left.
/// UNCONFIRMED: the free plan's daily limit of 300 (the catalog's figure,
/// help.brevo.com) — the API does not return it; a plan whose credits exceed
/// it has another limit, and gives no reading rather than a wrong one.
/// UNCONFIRMED: when Brevo's day resets (the catalog's daily period applies).
public struct BrevoCollector: UsageCollector {
    public static let provider = "brevo"
    public static let title = "Brevo API"
    public static let baseURL = "https://api.brevo.com"
    public static let defaultEvery = 15 * 60.0
    /// "All other endpoints": 100 requests an hour (developers.brevo.com/docs/api-limits).
    public static let rateLimit = RateLimit.perHour(100)
    public static let dailyLimit = 300.0

    public static func auth(_ config: CollectorConfig) -> ProviderAuth {
        .header(name: "api-key", value: config.token ?? "")
    }

    public init(config: CollectorConfig) {}

    public func collect(_ api: ProviderAPI, now: Date) throws(CollectorError) -> [UsageReading] {
        let account = try api.getJSON("/v3/account")
        let daily = account["plan"].array.first { $0["creditsType"].string == "sendLimit" }
        guard let left = daily?["credits"].double, let used = Self.emailsUsed(creditsLeft: left, dailyLimit: Self.dailyLimit)
        else { return [] }
        return [UsageReading(resource: "emails-day", used: used, unit: "emails", limit: Self.dailyLimit)]
    }

    /// Today's e-mails from the credits left; nil when the credits cannot
    /// come from this limit (more left than the limit, or negative).
    public static func emailsUsed(creditsLeft: Double, dailyLimit: Double) -> Double? {
        guard creditsLeft >= 0, creditsLeft <= dailyLimit else { return nil }
        return dailyLimit - creditsLeft
    }
}
