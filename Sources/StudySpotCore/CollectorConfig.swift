import Foundation

/// One `[[collector]]` (CONTRACT §9): a provider's usage API to poll and the
/// credential it takes. The credential is never printed: `description` masks it.
public struct CollectorConfig: Sendable, Hashable, CustomStringConvertible {
    public var provider: String
    /// The quota account its figures belong to (`render-2`); for Netlify also
    /// the account slug in the API's path. Nil: the provider's only account.
    public var account: String?
    /// Bearer token, API key or secret, as the provider wants it.
    public var token: String?
    /// Where the provider uses Basic auth: the user part.
    public var user: String?
    /// Replaces scheme, host and port of the documented base URL (fakes, proxies).
    public var apiURL: String?
    /// Seconds between polls; nil: the collector's default.
    public var every: Double?
    /// The provider's identifiers by their config key: `database_id`,
    /// `cloud_name`, `project_id`, `org`, `account_id`, `team_id`, `domain`…
    public var ids: [String: String]
    /// A PEM bundle to trust for `api_url` (a private CA, tests).
    public var caFile: String?

    public init(provider: String, account: String? = nil, token: String? = nil, user: String? = nil,
                apiURL: String? = nil, every: Double? = nil, ids: [String: String] = [:], caFile: String? = nil) {
        self.provider = provider; self.account = account; self.token = token; self.user = user
        self.apiURL = apiURL; self.every = every; self.ids = ids; self.caFile = caFile
    }

    /// "netlify" or "render (render-2)": how messages and panes name it.
    public var name: String { account.map { "\(provider) (\($0))" } ?? provider }

    public var description: String {
        "collector \(name) token \(token == nil ? "none" : "***")\(apiURL.map { " api_url \(SecretMasking.masked($0))" } ?? "")"
    }
}

/// What `studyspot collect` last found for one collector
/// (`ops.collector_status`): the Quotas pane's "401 token refused since 09:12".
public struct CollectorStatus: Sendable, Hashable, Codable {
    public var provider: String
    /// Nil for the provider's only account (stored as '').
    public var account: String?
    public var lastSuccessAt: Date?
    /// When the current run of failures began; nil while it succeeds.
    public var failingSince: Date?
    /// The HTTP status of the last failure, when there was one.
    public var httpStatus: Int?
    /// Why the last poll failed, in words an admin acts on; never a credential.
    public var error: String?
    /// Rate-limited: the provider asked not to be called before this.
    public var retryAt: Date?
    /// API calls made on `updatedAt`'s UTC day.
    public var callsToday: Int
    public var updatedAt: Date

    public init(provider: String, account: String? = nil, lastSuccessAt: Date? = nil, failingSince: Date? = nil,
                httpStatus: Int? = nil, error: String? = nil, retryAt: Date? = nil, callsToday: Int = 0, updatedAt: Date) {
        self.provider = provider; self.account = account; self.lastSuccessAt = lastSuccessAt
        self.failingSince = failingSince; self.httpStatus = httpStatus; self.error = error
        self.retryAt = retryAt; self.callsToday = callsToday; self.updatedAt = updatedAt
    }
}

/// Where a usage figure came from (`ops.usage_samples.source`).
public enum UsageSource: Sendable, Hashable, Codable {
    /// NULL: the platform's own metering wrote it.
    case platform
    /// "simulation": `studyspot simulate`.
    case simulation
    /// "manual": `studyspot usage set`.
    case manual
    /// "api:netlify": `studyspot collect` read it from the provider's API.
    case api(provider: String)

    public init(column: String?) {
        switch column {
        case nil, "": self = .platform
        case "simulation": self = .simulation
        case "manual": self = .manual
        case let s? where s.hasPrefix("api:"): self = .api(provider: String(s.dropFirst(4)))
        case let s?: self = .api(provider: s)
        }
    }

    /// What `ops.usage_samples.source` holds for it.
    public var column: String? {
        switch self {
        case .platform: nil
        case .simulation: "simulation"
        case .manual: "manual"
        case .api(let p): "api:\(p)"
        }
    }
}
