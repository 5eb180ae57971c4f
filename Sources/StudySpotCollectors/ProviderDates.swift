import Foundation

/// The date forms providers answer with: ISO 8601 with or without
/// fractional seconds and offset, a bare `YYYY-MM-DD` (UTC), epoch seconds.
public enum ProviderDates {
    public static func parse(_ text: String?) -> Date? {
        guard let t = text?.trimmingCharacters(in: .whitespaces), !t.isEmpty else { return nil }
        if let n = Double(t), n > 1e9 { return Date(timeIntervalSince1970: n > 1e12 ? n / 1_000 : n) }
        let iso = ISO8601DateFormatter()
        iso.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let d = iso.date(from: t) { return d }
        iso.formatOptions = [.withInternetDateTime]
        if let d = iso.date(from: t) { return d }
        iso.formatOptions = [.withFullDate]
        iso.timeZone = TimeZone(identifier: "UTC")
        return iso.date(from: String(t.prefix(10)))
    }

    /// `YYYY-MM-DD` of a date in UTC (query parameters).
    public static func day(_ d: Date) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyy-MM-dd"
        return f.string(from: d)
    }

    /// The first instant of the UTC month of `d`.
    public static func monthStart(_ d: Date) -> Date {
        var c = Calendar(identifier: .gregorian)
        c.timeZone = TimeZone(identifier: "UTC")!
        return c.date(from: c.dateComponents([.year, .month], from: d)) ?? d
    }

    /// The first instant of the UTC day of `d`.
    public static func dayStart(_ d: Date) -> Date {
        Date(timeIntervalSince1970: (d.timeIntervalSince1970 / 86_400).rounded(.down) * 86_400)
    }
}
