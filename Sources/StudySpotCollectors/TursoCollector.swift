import Foundation
import StudySpotCore

/// Turso's organization usage for the current billing cycle (PROVIDERS.md
/// §10a): `GET /v1/organizations/{org}/usage`, bearer platform API token.
/// `organization.usage.rows_read` in rows, `storage_bytes` in bytes. The
/// limits come from the plan the organization is subscribed to: `GET
/// …/subscription` names it, `GET …/plans` gives its `quotas` (`rowsRead`,
/// `storage` in bytes) — both in Turso's OpenAPI
/// (tursodatabase/turso-docs api-reference/openapi.json). A failed limit
/// lookup costs the limits only (the catalog's then apply), not the figures.
/// The OpenAPI describes the usage fields as "allowed for the specific
/// plan", copied from the plan quotas' descriptions; the operation is
/// "Fetch current billing cycle usage", which is what is read here.
/// UNCONFIRMED: the platform API's rate limit.
public struct TursoCollector: UsageCollector {
    public static let provider = "turso"
    public static let title = "Turso Platform API"
    public static let baseURL = "https://api.turso.tech"
    public static let defaultEvery = 15 * 60.0
    public static let rateLimit = RateLimit.unknown
    public static let requiredKeys = ["org"]
    /// The usage, then the subscription and its plan's quotas (the limits).
    public static let callsPerPoll = 3

    let org: String

    public init(config: CollectorConfig) { org = config.ids["org"] ?? "" }

    public func collect(_ api: ProviderAPI, now: Date) throws(CollectorError) -> [UsageReading] {
        let base = "/v1/organizations/\(ProviderAPI.escape(org))"
        let usage = try api.getJSON("\(base)/usage")["organization"]["usage"]
        var readings: [UsageReading] = []
        guard usage["rows_read"].double != nil || usage["storage_bytes"].double != nil else { return [] }
        let quotas = planQuotas(api, base: base)
        if let rows = usage["rows_read"].double {
            readings.append(UsageReading(resource: "rows-read", used: rows, unit: "rows", limit: quotas["rowsRead"].double))
        }
        if let bytes = usage["storage_bytes"].double {
            readings.append(UsageReading(resource: "storage", used: bytes / UsageUnits.bytesPerGB, unit: "GB",
                                         limit: quotas["storage"].double.map { $0 / UsageUnits.bytesPerGB }))
        }
        return readings
    }

    /// The subscribed plan's `quotas`; null when either lookup fails.
    func planQuotas(_ api: ProviderAPI, base: String) -> JSONValue {
        guard let subscription = try? api.getJSON("\(base)/subscription")["subscription"],
              let plan = subscription["plan"].string ?? subscription["name"].string,
              let plans = try? api.getJSON("\(base)/plans")["plans"].array
        else { return .null }
        return plans.first { $0["name"].string == plan }?["quotas"] ?? .null
    }
}
