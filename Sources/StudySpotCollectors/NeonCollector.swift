import Foundation
import StudySpotCore

/// Neon's project (PROVIDERS.md §4b): `GET /api/v2/projects/{project_id}`,
/// bearer API key; the one usage source that answers on the Free plan (the
/// consumption endpoints of §4a are paid-only and 403 there). Running
/// counters for the current billing period: `synthetic_storage_size` and
/// `data_transfer_bytes` in bytes, `compute_time_seconds` in seconds; limits
/// only where `settings.quota` sets them.
/// `compute_time_seconds` counts CPU-seconds (2 CPUs for 1 s = 2), so ÷ 3,600
/// is CU-hours (1 CU = 1 vCPU; neondatabase/website plans.md).
/// UNCONFIRMED: that `synthetic_storage_size` follows the current storage
/// model (the Free plan's 0.5 GB is logical data size, plans.md); it
/// included change history under the older one, so it may read high.
/// UNCONFIRMED: these counters stay 0 on usage-based (Launch) plans (3rd-party
/// report); such an account needs §4a instead.
/// Quota keys carry the metrics' names (`compute_time_seconds`,
/// `data_transfer_bytes`…: neondatabase/website partner-billing.md).
/// UNCONFIRMED: the general API rate limit.
public struct NeonCollector: UsageCollector {
    public static let provider = "neon"
    public static let title = "Neon API"
    public static let baseURL = "https://console.neon.tech"
    /// Neon refreshes its usage figures about every 15 minutes.
    public static let defaultEvery = 15 * 60.0
    public static let rateLimit = RateLimit.unknown
    public static let requiredKeys = ["project_id"]

    let projectID: String

    public init(config: CollectorConfig) { projectID = config.ids["project_id"] ?? "" }

    public func collect(_ api: ProviderAPI, now: Date) throws(CollectorError) -> [UsageReading] {
        let project = try api.getJSON("/api/v2/projects/\(ProviderAPI.escape(projectID))")["project"]
        let quota = project["settings"]["quota"]
        let start = ProviderDates.parse(project["consumption_period_start"].string)
        var readings: [UsageReading] = []
        if let bytes = project["synthetic_storage_size"].double {
            readings.append(UsageReading(resource: "storage", used: bytes / UsageUnits.bytesPerGB, unit: "GB"))
        }
        if let seconds = project["compute_time_seconds"].double {
            readings.append(UsageReading(resource: "compute-hours", used: UsageUnits.hours(fromSeconds: seconds), unit: "hours",
                                         limit: quota["compute_time_seconds"].double.map(UsageUnits.hours(fromSeconds:)), periodStart: start))
        }
        if let bytes = project["data_transfer_bytes"].double {
            readings.append(UsageReading(resource: "egress", used: bytes / UsageUnits.bytesPerGB, unit: "GB",
                                         limit: quota["data_transfer_bytes"].double.map { $0 / UsageUnits.bytesPerGB }, periodStart: start))
        }
        return readings
    }
}
