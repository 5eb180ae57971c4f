import Foundation
import StudySpotCore

/// ImageKit's account usage (PROVIDERS.md §8): `GET
/// /v1/accounts/usage?startDate=&endDate=` (end date excluded), HTTP Basic
/// with the private key as user and an empty password; all figures bytes
/// or counts, no limits. Asked for the current UTC month to date.
/// UNCONFIRMED: that ImageKit's bandwidth resets on the calendar month (a
/// billing cycle may start on another day).
/// Storage is `mediaLibraryStorageBytes` alone: the plan counts only files
/// uploaded to the media library, not caches (help.imagekit.io, "How does
/// ImageKit's pricing work?").
/// UNCONFIRMED: the usage API's rate limit.
public struct ImageKitCollector: UsageCollector {
    public static let provider = "imagekit"
    public static let title = "ImageKit API"
    public static let baseURL = "https://api.imagekit.io"
    public static let defaultEvery = 60 * 60.0
    public static let rateLimit = RateLimit.unknown

    public static func auth(_ config: CollectorConfig) -> ProviderAuth {
        .basic(user: config.token ?? "", password: "")
    }

    public init(config: CollectorConfig) {}

    public func collect(_ api: ProviderAPI, now: Date) throws(CollectorError) -> [UsageReading] {
        let (start, end) = Self.window(now)
        let usage = try api.getJSON("/v1/accounts/usage", query: [("startDate", start), ("endDate", end)])
        var readings: [UsageReading] = []
        if let bytes = usage["bandwidthBytes"].double {
            readings.append(UsageReading(resource: "bandwidth", used: bytes / UsageUnits.bytesPerGB, unit: "GB", periodStart: ProviderDates.monthStart(now)))
        }
        if let bytes = usage["mediaLibraryStorageBytes"].double {
            readings.append(UsageReading(resource: "storage", used: bytes / UsageUnits.bytesPerGB, unit: "GB"))
        }
        return readings
    }

    /// The UTC month to date as ImageKit's dates: its first day, and
    /// tomorrow (the end date is excluded).
    static func window(_ now: Date) -> (start: String, end: String) {
        (ProviderDates.day(ProviderDates.monthStart(now)), ProviderDates.day(ProviderDates.dayStart(now).addingTimeInterval(86_400)))
    }
}
