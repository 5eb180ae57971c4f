/// The quota catalog's vocabulary (CONTRACT §2 `[[quota]]`, QUOTAS.md).

public enum QuotaUnit: String, Sendable, Hashable, CaseIterable, Codable {
    case gb = "GB", mb = "MB", hours, usd = "USD", emails, commands, requests, messages
    /// Units the catalog needs beyond the contract's list (users, credits, builds…)
    /// are allowed through `other`; the contract's units are the ones checks use.
}

public enum QuotaPeriod: String, Sendable, Hashable, CaseIterable, Codable {
    case day
    case rolling24h = "rolling-24h"
    case month
    case rolling30d = "rolling-30d"
    case total
}

public enum QuotaCategory: String, Sendable, Hashable, CaseIterable, Codable {
    case frontend, compute, database, cache, storage, email, sms, push, auth, monitoring
    public var title: String {
        switch self {
        case .frontend: "Frontend bandwidth"
        case .compute: "Compute"
        case .database: "Databases"
        case .cache: "Caches"
        case .storage: "File storage"
        case .email: "E-mail"
        case .sms: "SMS"
        case .push: "Push"
        case .auth: "Auth"
        case .monitoring: "Monitoring"
        }
    }
}

/// How the current term compares with what the plan counted on.
public enum QuotaVerdict: String, Sendable, Hashable, CaseIterable, Codable {
    case confirmed, changed, gone, partly, unverified
}

/// One resource of one provider's free tier.
public struct QuotaEntry: Sendable, Hashable, Codable {
    public var provider: String
    public var resource: String
    public var category: QuotaCategory
    /// The limit gauges measure against (the current term); nil when there is
    /// no free tier any more (`verdict == .gone`) or it is unlimited.
    public var limit: Double?
    public var unit: String
    public var period: QuotaPeriod
    /// What the scaling plan counted on, in the same unit (nil = unlimited/none).
    public var planLimit: Double?
    /// The plan's figure as written, e.g. "10,000/day".
    public var planText: String
    /// The current term as written, e.g. "500,000 commands/month".
    public var currentText: String
    public var source: String
    /// When the source was checked or dated ("n.d." when it showed none).
    public var checked: String
    public var verdict: QuotaVerdict
    /// The provider account it belongs to (`render-2`) when the plan runs
    /// several; nil: the provider's only account. Each account has its own limit.
    public var account: String?

    public init(provider: String, resource: String, category: QuotaCategory, limit: Double?, unit: String,
                period: QuotaPeriod, planLimit: Double?, planText: String, currentText: String,
                source: String, checked: String, verdict: QuotaVerdict, account: String? = nil) {
        self.provider = provider; self.resource = resource; self.category = category
        self.limit = limit; self.unit = unit; self.period = period
        self.planLimit = planLimit; self.planText = planText; self.currentText = currentText
        self.source = source; self.checked = checked; self.verdict = verdict; self.account = account
    }

    /// "render/compute", or "render/compute@render-2" for one account's entry.
    public var key: String { Self.key(provider: provider, resource: resource, account: account) }

    public static func key(provider: String, resource: String, account: String?) -> String {
        "\(provider)/\(resource)" + (account.map { "@\($0)" } ?? "")
    }

    /// How panes name whose quota it is: "render", "render-2" (an account
    /// named after its provider), "render (main)".
    public var owner: String {
        guard let account else { return provider }
        return account.hasPrefix(provider) ? account : "\(provider) (\(account))"
    }
}
