import Foundation
import StudySpotCore

/// One figure a provider's API gave: the amount used so far in the current
/// period, by the quota catalog's resource name and in the catalog's unit.
public struct UsageReading: Sendable, Hashable {
    public var resource: String
    public var used: Double
    public var unit: String
    /// The limit, when the API returns one (in `unit`).
    public var limit: Double?
    /// The period's first day, when the API says (else the catalog's period is assumed).
    public var periodStart: Date?

    public init(resource: String, used: Double, unit: String, limit: Double? = nil, periodStart: Date? = nil) {
        self.resource = resource; self.used = used; self.unit = unit; self.limit = limit; self.periodStart = periodStart
    }
}

/// The rate limit a provider documents for the API the collector calls;
/// the runner stretches a collector's interval so it spends at most a share of it.
public enum RateLimit: Sendable, Hashable {
    case perMinute(Int)
    case perHour(Int)
    case perDay(Int)
    /// No documented limit (the collector's own interval applies).
    case unknown

    /// Calls allowed per day (nil when unknown).
    public var perDay: Double? {
        switch self {
        case .perMinute(let n): Double(n) * 1_440
        case .perHour(let n): Double(n) * 24
        case .perDay(let n): Double(n)
        case .unknown: nil
        }
    }
}

/// One provider's usage API (PROVIDERS.md). A collector reads; the runner
/// (`CollectorRunner`) schedules, retries and writes. Where PROVIDERS.md
/// marks a fact UNCONFIRMED, the collector codes to the documented shape,
/// says so in a comment, and tolerates missing fields: a figure the API did
/// not give is left out (the gauge then says "unknown"), never written as 0.
public protocol UsageCollector: Sendable {
    /// The quota catalog's provider name ("netlify").
    static var provider: String { get }
    /// How messages name the API ("Netlify API").
    static var title: String { get }
    /// The documented base URL: scheme, host and port (`api_url` replaces them).
    static var baseURL: String { get }
    /// Seconds between polls unless `every` says otherwise.
    static var defaultEvery: Double { get }
    static var rateLimit: RateLimit { get }
    /// Config keys it cannot work without besides `token` (`cloud_name`…).
    static var requiredKeys: [String] { get }
    /// What credential `token` must be, for doctor's fix ("a personal access token").
    static var credentialHint: String { get }
    /// Requests one poll makes (pages, one per resource…), for the rate-limit share.
    static var callsPerPoll: Int { get }

    /// How the credential travels (bearer unless the provider says otherwise).
    static func auth(_ config: CollectorConfig) -> ProviderAuth

    init(config: CollectorConfig)

    /// One poll: every figure it could read.
    func collect(_ api: ProviderAPI, now: Date) throws(CollectorError) -> [UsageReading]
}

extension UsageCollector {
    public static var requiredKeys: [String] { [] }
    public static var callsPerPoll: Int { 1 }
    public static var credentialHint: String { "an API token of the account" }
    public static func auth(_ config: CollectorConfig) -> ProviderAuth { .bearer(config.token ?? "") }
}
