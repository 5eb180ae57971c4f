import Foundation
import StudySpotCore

/// Cloudinary's Admin API usage report (PROVIDERS.md §7): `GET
/// /v1_1/{cloud_name}/usage`, HTTP Basic with the API key as user and the API
/// secret as password. One pool of credits (storage, bandwidth and
/// transformations together), so the gauge is `credits.usage` against
/// `credits.limit`, over Cloudinary's rolling 30 days.
/// UNCONFIRMED: the `credits` block's placement and keys (assembled from
/// 3rd-party code; the vendor-derived page shows only `transformations`).
public struct CloudinaryCollector: UsageCollector {
    public static let provider = "cloudinary"
    public static let title = "Cloudinary Admin API"
    public static let baseURL = "https://api.cloudinary.com"
    /// The report is refreshed about once a day (`last_updated` is the day before).
    public static let defaultEvery = 60 * 60.0
    /// Admin API on the free plan (a 3rd-party deep dive; not on a vendor page read here).
    public static let rateLimit = RateLimit.perHour(500)
    public static let requiredKeys = ["user", "cloud_name"]

    public static func auth(_ config: CollectorConfig) -> ProviderAuth {
        .basic(user: config.user ?? "", password: config.token ?? "")
    }

    let cloudName: String

    public init(config: CollectorConfig) { cloudName = config.ids["cloud_name"] ?? "" }

    public func collect(_ api: ProviderAPI, now: Date) throws(CollectorError) -> [UsageReading] {
        let report = try api.getJSON("/v1_1/\(ProviderAPI.escape(cloudName))/usage")
        let credits = report["credits"]
        guard let used = credits["usage"].double else { return [] }
        return [UsageReading(resource: "credits", used: used, unit: "credits", limit: credits["limit"].double)]
    }
}
