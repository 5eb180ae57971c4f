import Foundation
import StudySpotCore

/// Resend's quota headers (PROVIDERS.md §9a): every API answer carries
/// `x-resend-daily-quota` and `x-resend-monthly-quota`, the emails used in
/// the rolling day and the calendar month (sent + received, every recipient
/// counted). One cheap `GET /domains` per poll reads them; its body is only
/// checked to be JSON. A header that is absent or not a number is no reading.
/// UNCONFIRMED: the headers' meaning (3rd-party code; Resend's own table was
/// cut off), and that they come on `GET /domains` (several clients read them
/// there). A sending-only key is refused by `GET /domains`: use a full-access
/// key. The `/usage` endpoint is private beta and not used.
public struct ResendCollector: UsageCollector {
    public static let provider = "resend"
    public static let title = "Resend API"
    public static let baseURL = "https://api.resend.com"
    public static let defaultEvery = 15 * 60.0
    /// 5 requests/second per team (older pages: 2); the lower one.
    public static let rateLimit = RateLimit.perMinute(120)

    public init(config: CollectorConfig) {}

    public func collect(_ api: ProviderAPI, now: Date) throws(CollectorError) -> [UsageReading] {
        let path = "/domains"
        let reply = try api.get(path)
        _ = try JSONValue.parse(reply.bytes, what: "\(Self.title) \(path)")
        var readings: [UsageReading] = []
        if let day = Self.count(reply.headers["x-resend-daily-quota"]) {
            readings.append(UsageReading(resource: "emails-day", used: day, unit: "emails"))
        }
        if let month = Self.count(reply.headers["x-resend-monthly-quota"]) {
            readings.append(UsageReading(resource: "emails-month", used: month, unit: "emails", periodStart: ProviderDates.monthStart(now)))
        }
        return readings
    }

    /// A header's non-negative count; nil when absent or not a number.
    static func count(_ header: String?) -> Double? {
        guard let n = header.flatMap({ Double($0.trimmingCharacters(in: .whitespaces)) }), n.isFinite, n >= 0 else { return nil }
        return n
    }
}
