import Foundation
import StudySpotCore

/// Upstash Redis database stats (PROVIDERS.md §6): `GET
/// /v2/redis/stats/{database_id}`, HTTP Basic with the account e-mail as user
/// and the Developer API key as password. Limits are not in this answer
/// (the catalog's apply).
/// `total_monthly_bandwidth` and `current_storage` are bytes (the
/// Developer API's OpenAPI, upstash/docs devops/developer-api/openapi.yml);
/// the free plan's 256 MB is on the data size, `current_storage`.
/// UNCONFIRMED: the Developer API's rate limit.
public struct UpstashCollector: UsageCollector {
    public static let provider = "upstash"
    public static let title = "Upstash API"
    public static let baseURL = "https://api.upstash.com"
    public static let defaultEvery = 15 * 60.0
    public static let rateLimit = RateLimit.unknown
    public static let requiredKeys = ["user", "database_id"]

    public static func auth(_ config: CollectorConfig) -> ProviderAuth {
        .basic(user: config.user ?? "", password: config.token ?? "")
    }

    let databaseID: String

    public init(config: CollectorConfig) { databaseID = config.ids["database_id"] ?? "" }

    public func collect(_ api: ProviderAPI, now: Date) throws(CollectorError) -> [UsageReading] {
        let stats = try api.getJSON("/v2/redis/stats/\(ProviderAPI.escape(databaseID))")
        var readings: [UsageReading] = []
        if let commands = stats["total_monthly_requests"].double {
            readings.append(UsageReading(resource: "commands-month", used: commands, unit: "commands"))
        }
        if let bytes = stats["current_storage"].double {
            readings.append(UsageReading(resource: "memory", used: bytes / UsageUnits.bytesPerMB, unit: "MB"))
        }
        if let bytes = stats["total_monthly_bandwidth"].double {
            readings.append(UsageReading(resource: "bandwidth", used: bytes / UsageUnits.bytesPerGB, unit: "GB"))
        }
        return readings
    }
}
