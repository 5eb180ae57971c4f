import Foundation
import StudySpotCore

/// Vercel's FOCUS 1.3 billing charges (PROVIDERS.md §1): `GET
/// /v1/billing/charges?from=&to=[&teamId=]`, bearer token, one JSON object
/// per line (`application/jsonl`). The catalog's only Vercel resource is
/// `bandwidth` (100 GB Fast Data Transfer, rolling 30 days): the sum of the
/// "Fast Data Transfer" lines' `ConsumedQuantity` over the last 30 days.
/// No limit is returned. An answer with no lines (Hobby may get one) is no
/// reading: the gauge says "unknown", never 0.
/// UNCONFIRMED: the field names (3rd-party code), that Fast Data Transfer's
/// `ConsumedUnit` is a byte unit ("GB"; lines in other units are skipped),
/// and whether Hobby teams get rows at all.
public struct VercelCollector: UsageCollector {
    public static let provider = "vercel"
    public static let title = "Vercel API"
    public static let baseURL = "https://api.vercel.com"
    /// Billing data is daily; hourly polls are plenty.
    public static let defaultEvery = 60 * 60.0
    /// UNCONFIRMED: Vercel documents no limit for this endpoint.
    public static let rateLimit = RateLimit.unknown

    static let bandwidthService = "Fast Data Transfer"
    let teamID: String?

    public init(config: CollectorConfig) { teamID = config.ids["team_id"].flatMap { $0.isEmpty ? nil : $0 } }

    public func collect(_ api: ProviderAPI, now: Date) throws(CollectorError) -> [UsageReading] {
        let from = ProviderDates.dayStart(now.addingTimeInterval(-30 * 86_400))
        let to = ProviderDates.dayStart(now).addingTimeInterval(86_400)
        var query = [("from", ProviderDates.iso(from)), ("to", ProviderDates.iso(to))]
        if let teamID { query.append(("teamId", teamID)) }
        let path = "/v1/billing/charges"
        let reply = try api.get(path, query: query)
        let lines = try Self.lines(reply.bytes, contentType: reply.headers["content-type"], what: "\(Self.title) \(path)")
        guard let gb = Self.bandwidthGB(lines) else { return [] }
        return [UsageReading(resource: "bandwidth", used: gb, unit: "GB", periodStart: from)]
    }

    /// The JSONL body's objects. A `application/jsonl` answer with no lines
    /// is the documented "no charges"; an empty body of another type, or any
    /// line that is not JSON (a cut stream), is malformed rather than a
    /// smaller figure.
    static func lines(_ bytes: [UInt8], contentType: String?, what: String) throws(CollectorError) -> [JSONValue] {
        let text = String(decoding: bytes, as: UTF8.self)
        let raw = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        if raw.isEmpty {
            let type = (contentType ?? "").lowercased()
            if type.contains("jsonl") || type.contains("ndjson") { return [] }
            throw .malformed("\(what): empty body")
        }
        var out: [JSONValue] = []
        for line in raw { out.append(try JSONValue.parse(Array(line.utf8), what: what)) }
        return out
    }

    /// Gigabytes of Fast Data Transfer; nil when no line is about it.
    static func bandwidthGB(_ lines: [JSONValue]) -> Double? {
        let transfer = lines.filter { $0["ServiceName"].string == bandwidthService }
        let figures = transfer.compactMap { line -> Double? in
            guard let q = line["ConsumedQuantity"].double, let unit = line["ConsumedUnit"].string else { return nil }
            return UsageUnits.convert(q, from: unit, to: "GB")
        }
        return figures.isEmpty ? nil : figures.reduce(0, +)
    }
}
