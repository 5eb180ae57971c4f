import Foundation
import StudySpotCore

/// `[[collector]]` (CONTRACT §9): a provider's usage API for `studyspot collect`.
extension ConfigDecoder {
    /// Identifiers a provider's API needs besides its credential, by config key.
    /// `domain`: Mailgun's sending domain; `org`: Turso's and Sentry's organisation.
    static let collectorIdentifierKeys = ["database_id", "cloud_name", "project_id", "org", "account_id", "team_id", "domain"]
    static let collectorKeys = ["provider", "token", "user", "api_url", "every", "account", "ca_file"] + collectorIdentifierKeys

    mutating func decodeCollector(_ c: Context) -> DecodedConfig.Located<CollectorConfig>? {
        rejectUnknownKeys(c, allowed: Self.collectorKeys)
        let provider = string(c, "provider", required: true, nonEmpty: true)
        let token = string(c, "token", required: true, nonEmpty: true)
        let user = string(c, "user", nonEmpty: true)
        let account = string(c, "account", nonEmpty: true)
        var apiURL = string(c, "api_url", nonEmpty: true)
        if let value = apiURL, !(value.hasPrefix("http://") || value.hasPrefix("https://")) {
            report(line(c, "api_url"), c.path("api_url"), "must start with http:// or https://")
            apiURL = nil
        }
        let every = decodeEvery(c)
        var caFile = string(c, "ca_file", nonEmpty: true)
        if let path = caFile, let problem = Self.unreadableFile(path) {
            report(line(c, "ca_file"), c.path("ca_file"), problem)
            caFile = nil
        }
        var ids: [String: String] = [:]
        for key in Self.collectorIdentifierKeys {
            if let value = string(c, key, nonEmpty: true) { ids[key] = value }
        }
        // A key written but refused (reported above) leaves no collector rather than one without it.
        let read: [String: Bool] = ["token": token != nil, "user": user != nil, "account": account != nil,
                                    "api_url": apiURL != nil, "every": every != nil, "ca_file": caFile != nil]
            .merging(Self.collectorIdentifierKeys.map { ($0, ids[$0] != nil) }) { a, _ in a }
        let refused = read.contains { key, ok in !ok && c.table[key] != nil }
        guard let provider, let token, !refused else { return nil }
        let collector = CollectorConfig(provider: provider, account: account, token: token, user: user,
                                        apiURL: apiURL, every: every, ids: ids, caFile: caFile)
        return .init(value: collector, path: c.path, line: c.line, keyLines: keyLines(c))
    }

    /// `every`: "90s", "15m", "1h", "1d" or a number of seconds.
    private mutating func decodeEvery(_ c: Context) -> Double? {
        guard let node = c.table["every"] else { return nil }
        let seconds: Double?
        switch node.value {
        case .string(let text): seconds = Self.duration(text)
        default: seconds = node.value.doubleValue
        }
        guard let seconds, seconds.isFinite, seconds > 0 else {
            report(node.position.line, c.path("every"),
                   "expected a duration such as \"90s\", \"15m\", \"1h\" or a number of seconds greater than 0")
            return nil
        }
        return seconds
    }

    /// Seconds in "90s", "15m", "1h", "1d" (or a bare number); nil otherwise.
    static func duration(_ text: String) -> Double? {
        let t = text.trimmingCharacters(in: .whitespaces).lowercased()
        let units: [(String, Double)] = [("s", 1), ("m", 60), ("h", 3_600), ("d", 86_400)]
        for (suffix, factor) in units where t.hasSuffix(suffix) {
            return Double(t.dropLast()).map { $0 * factor }
        }
        return Double(t)
    }

    /// Collectors name providers of the quota catalog (the shipped one and the
    /// file's `[[quota]]` additions), and one `[[collector]]` per provider account.
    mutating func checkCollectors(_ collectors: [DecodedConfig.Located<CollectorConfig>], quotas: [QuotaEntry]) {
        let providers = quotas.providers
        var first: [String: Int] = [:]
        for located in collectors {
            let c = located.value
            if !providers.contains(c.provider) {
                let shown = c.provider.count > 40 ? String(c.provider.prefix(40)) + "…" : c.provider
                let hint = NearestName.suggestionOrList(for: c.provider, among: providers, what: "the quota catalog's providers")
                report(located.line("provider"), located.path + ".provider", "unknown provider \"\(shown)\"; " + hint)
            }
            if let line = first[c.name] {
                report(located.line, located.path, "a second collector for \(c.name) (first on line \(line)); give each its own account")
            } else {
                first[c.name] = located.line
            }
        }
    }
}
