import Foundation
import StudySpotCore

/// Cloudflare's GraphQL Analytics API (PROVIDERS.md §2), shared by the Pages
/// and R2 collectors: one `POST /client/v4/graphql` per poll, bearer API
/// token, one account per query. GraphQL errors come back with HTTP 200 and
/// an `errors` array (analytics/graphql-api/errors), so they are read here
/// rather than by status. A token without Account Analytics read on the
/// account is answered that way too: "not authorized for that account" (seen
/// by several 3rd-party clients) or the documented "does not have access to
/// the path…"; those read as a refused credential.
enum CloudflareGraphQL {
    static let baseURL = "https://api.cloudflare.com"
    static let path = "/client/v4/graphql"
    /// 300 queries per 5-minute window per user (analytics/graphql-api/limits).
    static let rateLimit = RateLimit.perHour(3_600)

    /// The account node (`data.viewer.accounts[0]`) of the answer to `query`.
    static func account(_ api: ProviderAPI, query: String, variables: [String: String]) throws(CollectorError) -> JSONValue {
        let payload: [String: Any] = ["query": query, "variables": variables]
        let body = (try? JSONSerialization.data(withJSONObject: payload, options: [.sortedKeys])).map(Array.init) ?? []
        let reply = try api.post(path, body: body, contentType: "application/json")
        let json = try JSONValue.parse(reply.bytes, what: "\(api.title) \(path)")
        if let first = json["errors"].array.first {
            let said = SecretMasking.masked(String((first["message"].string ?? "error").prefix(120)))
            let kind: CollectorError.Kind = refusal(said) ? .refused : .http
            throw CollectorError(kind, "\(api.title) \(path): GraphQL \(kind == .refused ? "token refused" : "error"): \(said)")
        }
        guard case .object = json["data"] else { throw .malformed("\(api.title) \(path): no data in the answer") }
        return json["data"]["viewer"]["accounts"][0]
    }

    /// Sum of `sum.requests` over a dataset's groups; nil when the dataset is
    /// absent from the answer or no group carries a figure (an empty list is
    /// a real answer: nothing happened in the window).
    static func sumOfRequests(_ groups: JSONValue) -> Double? {
        guard case .array(let list) = groups else { return nil }
        let figures = list.compactMap { $0["sum"]["requests"].double }
        return list.isEmpty || !figures.isEmpty ? figures.reduce(0, +) : nil
    }

    /// A GraphQL error that says the token may not read the account.
    static func refusal(_ message: String) -> Bool {
        let m = message.lowercased()
        return m.contains("not authorized") || m.contains("does not have access") || m == "unauthorized"
    }
}
