import Foundation
import StudySpotCore

/// Turso's organization usage for the current billing cycle (PROVIDERS.md
/// §10a): `GET /v1/organizations/{org}/usage`, bearer platform API token.
/// `organization.usage.rows_read` in rows, `storage_bytes` in bytes; limits
/// are not in this answer (the catalog's apply).
/// UNCONFIRMED: the platform API's rate limit.
public struct TursoCollector: UsageCollector {
    public static let provider = "turso"
    public static let title = "Turso Platform API"
    public static let baseURL = "https://api.turso.tech"
    public static let defaultEvery = 15 * 60.0
    public static let rateLimit = RateLimit.unknown
    public static let requiredKeys = ["org"]

    let org: String

    public init(config: CollectorConfig) { org = config.ids["org"] ?? "" }

    public func collect(_ api: ProviderAPI, now: Date) throws(CollectorError) -> [UsageReading] {
        let usage = try api.getJSON("/v1/organizations/\(ProviderAPI.escape(org))/usage")["organization"]["usage"]
        var readings: [UsageReading] = []
        if let rows = usage["rows_read"].double {
            readings.append(UsageReading(resource: "rows-read", used: rows, unit: "rows"))
        }
        if let bytes = usage["storage_bytes"].double {
            readings.append(UsageReading(resource: "storage", used: bytes / UsageUnits.bytesPerGB, unit: "GB"))
        }
        return readings
    }
}
