import Foundation
import StudySpotCore
import StudySpotWire

/// UptimeRobot's account details (PROVIDERS.md §11f): `POST
/// /v2/getAccountDetails` with `api_key` and `format=json` in the form body
/// (no header credential). Monitors in use = up + down + paused, against
/// `monitor_limit`.
/// UNCONFIRMED: how a wrong key is answered. 3rd-party clients and fakes see
/// HTTP 200 with `{"stat":"fail","error":{"parameter_name":"api_key",…}}`; a
/// 401/403 is handled by ProviderAPI like any provider's. The error's
/// `passed_value` echoes the key, so no part of the body is ever shown.
public struct UptimeRobotCollector: UsageCollector {
    public static let provider = "uptimerobot"
    public static let title = "UptimeRobot API"
    public static let baseURL = "https://api.uptimerobot.com"
    /// Monitors change when someone edits them; hourly is plenty.
    public static let defaultEvery = 60 * 60.0
    /// The free plan's limit (uptimerobot.com/api).
    public static let rateLimit = RateLimit.perMinute(10)

    public static func auth(_ config: CollectorConfig) -> ProviderAuth { .none }

    let apiKey: String

    public init(config: CollectorConfig) { apiKey = config.token ?? "" }

    public func collect(_ api: ProviderAPI, now: Date) throws(CollectorError) -> [UsageReading] {
        let path = "/v2/getAccountDetails"
        let form = "api_key=\(ProviderAPI.escape(apiKey))&format=json"
        let reply: HTTPResponse
        do { reply = try api.post(path, body: Array(form.utf8), contentType: "application/x-www-form-urlencoded") } catch {
            // An error body's hint may echo the key (`passed_value`): the key never leaves.
            var redacted = error
            redacted.message = SecretMasking.redacting(error.message, secrets: [apiKey, ProviderAPI.escape(apiKey)])
            throw redacted
        }
        let body = try JSONValue.parse(reply.bytes, what: "\(Self.title) \(path)")
        if body["stat"].string == "fail" { throw Self.failure(body["error"], path: path) }
        let account = body["account"]
        let counts = ["up_monitors", "down_monitors", "paused_monitors"].map { account[$0].double }
        guard counts.allSatisfy({ $0 != nil }) else { return [] }
        return [UsageReading(resource: "monitors", used: counts.reduce(0) { $0 + $1! }, unit: "monitors",
                             limit: account["monitor_limit"].double)]
    }

    /// A `"stat": "fail"` answer: a refused key when the error names `api_key`.
    /// Names only the error's type and parameter: its message and
    /// `passed_value` may carry the key.
    static func failure(_ error: JSONValue, path: String) -> CollectorError {
        let type = error["type"].string.map(Self.word) ?? "unknown"
        if error["parameter_name"].string == "api_key" {
            return CollectorError(.refused, "\(title) \(path): api_key refused (stat fail, \(type))")
        }
        let parameter = error["parameter_name"].string.map { " \(Self.word($0))" } ?? ""
        return CollectorError(.http, "\(title) \(path): stat fail, \(type)\(parameter)")
    }

    private static func word(_ s: String) -> String {
        String(s.prefix(40).filter { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" })
    }
}
