import Foundation

extension ProviderDates {
    /// ISO 8601 in UTC to the second (`2026-12-06T00:00:00Z`): query
    /// parameters and GraphQL `Time` variables.
    public static func iso(_ d: Date) -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        return f.string(from: d)
    }

    /// An RFC 2822 date as Mailgun writes it (`Tue, 01 Sep 2026 00:00:00 UTC`),
    /// or any form `parse` reads.
    public static func rfc2822(_ text: String?) -> Date? {
        guard let t = text?.trimmingCharacters(in: .whitespaces), !t.isEmpty else { return nil }
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        for format in ["EEE, dd MMM yyyy HH:mm:ss zzz", "EEE, dd MMM yyyy HH:mm:ss Z"] {
            f.dateFormat = format
            if let d = f.date(from: t) { return d }
        }
        return parse(t)
    }
}
