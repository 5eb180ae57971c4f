import Foundation

/// Where a gauge's figure came from: the newest usage sample's source, when
/// it was observed, and the limit the provider's API reported with it.
public struct QuotaProvenance: Sendable, Hashable, Codable {
    public var source: UsageSource
    public var observedAt: Date
    /// The limit the API returned (`ops.usage_samples.limit_amount`), if any.
    public var apiLimit: Double?

    public init(source: UsageSource, observedAt: Date, apiLimit: Double? = nil) {
        self.source = source; self.observedAt = observedAt; self.apiLimit = apiLimit
    }
}

extension UsageSource {
    /// What `snapshot --format json` writes: "api:netlify", "simulation", "manual", "platform".
    public var label: String { column ?? "platform" }
}

extension CollectorStatus {
    /// Whether its last poll failed (or the provider asked it to wait).
    public var isFailing: Bool { failingSince != nil }

    /// Which collector status belongs to an entry: its account's, else the
    /// provider's account-less collector's; an entry without an account takes
    /// any of the provider's collectors (Netlify's `account` is its team slug,
    /// not a quota account), a failing one first so the failure shows.
    public static func matching(_ entry: QuotaEntry, in statuses: [CollectorStatus]) -> CollectorStatus? {
        let mine = statuses.filter { $0.provider == entry.provider }
        if let exact = mine.first(where: { $0.account == entry.account }) { return exact }
        if let plain = mine.first(where: { $0.account == nil }) { return plain }
        guard entry.account == nil else { return nil }
        return mine.first { $0.isFailing } ?? mine.first
    }
}

extension CollectorStatus {
    /// Why its figures are not fresh, in an admin's words: "401 token refused
    /// since 09:12", "rate-limited until 09:30", "HTTP 500 since 09:12",
    /// "timed out since 09:12"; nil while it succeeds. `time` writes a moment
    /// in the console's display zone.
    public func failureText(now: Date, time: (Date) -> String) -> String? {
        if let retryAt, retryAt > now { return "rate-limited until \(time(retryAt))" }
        guard isFailing else { return nil }
        let error = self.error.map { SecretMasking.masked($0) }.flatMap { $0.isEmpty ? nil : $0 }
        var text: String
        switch (httpStatus, error) {
        case let (status?, error?): text = "\(status) \(error)"
        case let (status?, nil): text = "HTTP \(status)"
        case let (nil, error?): text = error
        case (nil, nil): text = "failing"
        }
        if let since = failingSince { text += " since \(time(since))" }
        return text
    }

    /// "render (render-2)": how alerts name the collector.
    public var collectorName: String { account.map { "\(provider) (\($0))" } ?? provider }

    /// "09:12" on `now`'s day in `zone`, "3 Dec 09:12" otherwise (alert texts;
    /// the panes use their own faster clock).
    public static func clockText(_ d: Date, now: Date, zone: TimeZone) -> String {
        let c = CivilTime.fields(d, zone)
        let hm = CivilTime.two(c.hour) + ":" + CivilTime.two(c.minute)
        if c.dayNumber == CivilTime.fields(now, zone).dayNumber { return hm }
        return "\(c.day) \(CivilTime.monthNames[c.month - 1]) \(hm)"
    }
}
