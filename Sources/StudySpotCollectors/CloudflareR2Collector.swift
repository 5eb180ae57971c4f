import Foundation
import StudySpotCore

/// Cloudflare R2 this calendar month (PROVIDERS.md §2c), one GraphQL query
/// over both datasets: `r2OperationsAdaptiveGroups` summed by `actionType`
/// into class A and class B (the lists of r2/pricing; free and unlisted
/// actions count toward neither), and `r2StorageAdaptiveGroups`' peak
/// `payloadSize + metadataSize` per bucket, summed. R2 bills storage as the
/// average of daily peaks (GB-month); the month's peak is the conservative
/// figure for that gauge.
/// UNCONFIRMED: `payloadSize`/`metadataSize` are bytes (a 3rd-party fixture);
/// the free account's billing period starts on the 1st (calendar month used).
public struct CloudflareR2Collector: UsageCollector {
    public static let provider = "cloudflare-r2"
    public static let title = "Cloudflare GraphQL API (R2)"
    public static let baseURL = CloudflareGraphQL.baseURL
    public static let defaultEvery = 60 * 60.0
    public static let rateLimit = CloudflareGraphQL.rateLimit
    public static let requiredKeys = ["account_id"]

    static let classA: Set<String> = [
        "ListBuckets", "PutBucket", "ListObjects", "PutObject", "CopyObject", "CompleteMultipartUpload",
        "CreateMultipartUpload", "LifecycleStorageTierTransition", "ListMultipartUploads", "UploadPart",
        "UploadPartCopy", "ListParts", "PutBucketEncryption", "PutBucketCors", "PutBucketLifecycleConfiguration",
    ]
    static let classB: Set<String> = [
        "HeadBucket", "HeadObject", "GetObject", "UsageSummary", "GetBucketEncryption", "GetBucketLocation",
        "GetBucketCors", "GetBucketLifecycleConfiguration",
    ]

    static let query = """
        query R2ThisMonth($accountTag: string!, $start: Time, $end: Time) {
          viewer { accounts(filter: {accountTag: $accountTag}) {
            r2OperationsAdaptiveGroups(limit: 10000, filter: {datetime_geq: $start, datetime_leq: $end}) {
              sum { requests } dimensions { actionType } }
            r2StorageAdaptiveGroups(limit: 10000, filter: {datetime_geq: $start, datetime_leq: $end}) {
              max { payloadSize metadataSize } dimensions { bucketName } }
          } } }
        """

    let accountID: String

    public init(config: CollectorConfig) { accountID = config.ids["account_id"] ?? "" }

    public func collect(_ api: ProviderAPI, now: Date) throws(CollectorError) -> [UsageReading] {
        let month = ProviderDates.monthStart(now)
        let account = try CloudflareGraphQL.account(api, query: Self.query, variables: [
            "accountTag": accountID, "start": ProviderDates.iso(month), "end": ProviderDates.iso(now),
        ])
        var readings: [UsageReading] = []
        if case .array(let operations) = account["r2OperationsAdaptiveGroups"] {
            for (resource, actions) in [("class-a-operations", Self.classA), ("class-b-operations", Self.classB)] {
                let groups = operations.filter { actions.contains($0["dimensions"]["actionType"].string ?? "") }
                guard let n = CloudflareGraphQL.sumOfRequests(.array(groups)) else { continue }
                readings.append(UsageReading(resource: resource, used: n, unit: "operations", periodStart: month))
            }
        }
        if let bytes = Self.storedBytes(account["r2StorageAdaptiveGroups"]) {
            readings.append(UsageReading(resource: "storage", used: UsageUnits.fromBytes(bytes, to: "GB")!, unit: "GB", periodStart: month))
        }
        return readings
    }

    /// Each bucket's peak payload plus metadata, summed; nil when the dataset
    /// is absent or no bucket carries a payload figure.
    static func storedBytes(_ groups: JSONValue) -> Double? {
        guard case .array(let list) = groups else { return nil }
        var peak: [String: Double] = [:]
        for g in list {
            guard let payload = g["max"]["payloadSize"].double else { continue }
            let bucket = g["dimensions"]["bucketName"].string ?? ""
            peak[bucket] = max(peak[bucket] ?? 0, payload + (g["max"]["metadataSize"].double ?? 0))
        }
        return list.isEmpty || !peak.isEmpty ? peak.values.reduce(0, +) : nil
    }
}
