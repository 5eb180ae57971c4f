import Foundation
import StudySpotCore
import TOMLParser

/// What one file says, before it is laid over the defaults. A section is nil
/// when the file does not mention it (the defaults' section then applies).
struct DecodedConfig {
    struct Located<Value> {
        var value: Value
        var path: String
        var line: Int
        /// Line of each key in the element, for cross-checks.
        var keyLines: [String: Int]
        func line(_ key: String) -> Int { keyLines[key] ?? line }
    }

    var shards: [Located<ShardConfig>]?
    var caches: [Located<CacheConfig>]?
    var instances: [Located<InstanceConfig>]?
    var login: LoginConfig?
    var quotas: [Located<QuotaPatch>] = []
    var collectors: [Located<CollectorConfig>] = []
    var refreshSeconds: Double?
    var theme: String?
    var budgetPercent: Double?
    var clockSeconds: Bool?
    var logLevel: String?
    var keys: [String: [String]] = [:]
    var keyLines: [String: Int] = [:]
    var notify: NotifySettings?
    var feed: FeedSource?
}

/// A `[[quota]]` entry: every field but provider and resource may be left out
/// to keep the catalog's value.
struct QuotaPatch {
    var provider: String
    var resource: String
    var category: QuotaCategory?
    var limit: Double?
    var unit: String?
    var period: QuotaPeriod?
    var planLimit: Double?
    var planText: String?
    var currentText: String?
    var source: String?
    var checked: String?
    var verdict: QuotaVerdict?
    /// The provider account it is for (`QuotaEntry.account`).
    var account: String?
}

extension ConfigDecoder {
    static let rootKeys = ["shard", "cache", "instance", "login", "quota", "console", "keys", "notify", "collector", "feed"]
    static let shardKeys = ["name", "provider", "role", "users", "dsn", "url", "token", "account"]
    static let cacheKeys = ["name", "provider", "role", "url", "memory_mb", "command_limit", "account"]
    static let instanceKeys = ["name", "provider", "url", "priority", "weight", "sleeps", "ca_file", "account"]
    static let loginKeys = ["user", "password", "owner"]
    static let consoleKeys = ["refresh_seconds", "theme", "budget_percent", "log_level", "clock_seconds"]
    static let quotaKeys = ["provider", "resource", "category", "limit", "unit", "period",
                            "plan_limit", "plan", "current", "source", "checked", "verdict", "account"]

    /// Units `[[quota]]` accepts: the contract's, then the ones the catalog needs.
    static let quotaUnits = QuotaUnit.allCases.map(\.rawValue)
        + ["credits", "builds", "users", "events", "errors", "monitors", "operations", "rows",
           "subscribers", "databases", "instances", "days"]

    mutating func decode(_ root: TOMLTable) -> DecodedConfig {
        let rootContext = Context(table: root, path: "", line: 1)
        rejectUnknownKeys(rootContext, allowed: Self.rootKeys)
        var decoded = DecodedConfig()
        decoded.shards = tableArray(root, "shard").map { $0.compactMap { decodeShard($0) } }
        decoded.caches = tableArray(root, "cache").map { $0.compactMap { decodeCache($0) } }
        decoded.instances = tableArray(root, "instance").map { $0.compactMap { decodeInstance($0) } }
        if let login = table(root, "login") { decoded.login = decodeLogin(login) }
        if let console = table(root, "console") { decodeConsole(console, into: &decoded) }
        if let keys = table(root, "keys") { decodeKeys(keys, into: &decoded) }
        if let notify = table(root, "notify") { decoded.notify = decodeNotify(notify, base: NotifySettings()) }
        if let feed = table(root, "feed") { decoded.feed = decodeFeed(feed) }
        decoded.quotas = (tableArray(root, "quota") ?? []).compactMap { decodeQuota($0) }
        decoded.collectors = (tableArray(root, "collector") ?? []).compactMap { decodeCollector($0) }
        return decoded
    }

    func keyLines(_ context: Context) -> [String: Int] {
        Dictionary(context.table.entries.map { ($0.key, $0.node.position.line) }, uniquingKeysWith: { a, _ in a })
    }

    // MARK: Shards, caches, instances

    private mutating func decodeShard(_ c: Context) -> DecodedConfig.Located<ShardConfig>? {
        rejectUnknownKeys(c, allowed: Self.shardKeys)
        let name = string(c, "name", required: true, nonEmpty: true)
        let provider = string(c, "provider", required: true, nonEmpty: true)
        let role = choice(c, "role", allowed: ShardRole.allCases.map(\.rawValue), what: "role", required: true)
            .flatMap(ShardRole.init(rawValue:))
        let http = decodeTursoHTTP(c, provider: provider, role: role)
        let dsn = http.reached ? "" : string(c, "dsn", required: !http.turso, nonEmpty: true)
        if http.turso, !http.reached, c.table["dsn"] == nil {
            missing(c, "url", " (a turso shard needs url and token for Turso's HTTP API, or a dsn for a PostgreSQL stand-in)")
        }
        let users = decodeUserRange(c)
        if let role {
            if role == .users, c.table["users"] == nil {
                missing(c, "users", " (a users shard needs its user range, e.g. users = [1, 7500])")
            } else if role != .users, c.table["users"] != nil {
                report(line(c, "users"), c.path("users"),
                       "only a users shard has a user range (this shard's role is \"\(role.rawValue)\")")
            }
        }
        guard let name, let provider, let role, let dsn, !http.invalid else { return nil }
        if role == .users, users == nil { return nil }
        let shard = ShardConfig(name: name, provider: provider, role: role, users: role == .users ? users : nil, dsn: dsn,
                                url: http.url, token: http.token, account: account(c))
        return .init(value: shard, path: c.path, line: c.line, keyLines: keyLines(c))
    }

    /// `url` and `token`: a turso shard reached over Turso's HTTP API. Both
    /// or neither; then no `dsn`, and the catalog role only (the HTTP API has
    /// no LISTEN, and the catalog is what Turso holds). A turso shard with a
    /// `dsn` instead is a PostgreSQL stand-in (the local stack's catalog).
    private mutating func decodeTursoHTTP(_ c: Context, provider: String?, role: ShardRole?)
        -> (turso: Bool, reached: Bool, invalid: Bool, url: String?, token: String?) {
        let turso = provider == "turso"
        let hasURL = c.table["url"] != nil, hasToken = c.table["token"] != nil
        guard hasURL || hasToken else { return (turso, false, false, nil, nil) }
        var invalid = false
        if let provider, !turso {
            for key in ["url", "token"] where c.table[key] != nil {
                report(line(c, key), c.path(key),
                       "only a turso shard is reached over HTTP (this shard's provider is \"\(provider)\"; it needs a dsn)")
            }
            return (false, false, true, nil, nil)
        }
        var url = string(c, "url", required: true, nonEmpty: true)
        if let value = url, !["libsql://", "https://", "http://"].contains(where: { value.hasPrefix($0) }) {
            report(line(c, "url"), c.path("url"), "must start with libsql://, https:// or http://")
            url = nil
        }
        let token = string(c, "token", required: true, nonEmpty: true)
        if c.table["dsn"] != nil {
            report(line(c, "dsn"), c.path("dsn"), "a turso shard reached over HTTP has url and token, no dsn")
            invalid = true
        }
        if let role, role != .catalog {
            report(line(c, "role"), c.path("role"),
                   "a shard on Turso's HTTP API serves the catalog role only (this shard's role is \"\(role.rawValue)\")")
            invalid = true
        }
        if url == nil || token == nil { invalid = true }
        return (turso, true, invalid, url, token)
    }

    /// `users = [first, last]`, `last = 0` meaning no upper bound.
    private mutating func decodeUserRange(_ c: Context) -> UserRange? {
        guard let node = c.table["users"] else { return nil }
        let expected = "array of two integers [first, last]"
        guard case .array(let elements) = node.value else {
            wrongType(node, c.path("users"), expected: expected)
            return nil
        }
        guard elements.count == 2, case .integer(let lower) = elements[0].value, case .integer(let upper) = elements[1].value else {
            let found = elements.count == 2 ? "[\(elements[0].value.typeName), \(elements[1].value.typeName)]"
                                            : "an array of \(elements.count) element\(elements.count == 1 ? "" : "s")"
            report(node.position.line, c.path("users"), "expected \(expected), found \(found)")
            return nil
        }
        guard lower >= 1 else {
            report(node.position.line, c.path("users"), "user ids start at 1 (found \(lower))")
            return nil
        }
        if upper == 0 { return UserRange(lower: lower, upper: nil) }
        guard upper >= lower else {
            report(node.position.line, c.path("users"),
                   "last user \(upper) is below first user \(lower) (write 0 as the last for no upper bound)")
            return nil
        }
        return UserRange(lower: lower, upper: upper)
    }

    private mutating func decodeCache(_ c: Context) -> DecodedConfig.Located<CacheConfig>? {
        rejectUnknownKeys(c, allowed: Self.cacheKeys)
        let name = string(c, "name", required: true, nonEmpty: true)
        let provider = string(c, "provider", required: true, nonEmpty: true)
        let role = choice(c, "role", allowed: CacheRole.allCases.map(\.rawValue), what: "role", required: true)
            .flatMap(CacheRole.init(rawValue:))
        var url = string(c, "url", required: true, nonEmpty: true)
        if let value = url, !(value.hasPrefix("redis://") || value.hasPrefix("rediss://")) {
            report(line(c, "url"), c.path("url"), "must start with redis:// or rediss://")
            url = nil
        }
        let memory = integer(c, "memory_mb", minimum: 0)
        let commands = integer(c, "command_limit", minimum: 0)
        guard let name, let provider, let role, let url else { return nil }
        let cache = CacheConfig(name: name, provider: provider, role: role, url: url,
                                memoryLimitBytes: memory.map { $0.multipliedReportingOverflow(by: 1_048_576).partialValue },
                                commandLimit: commands, account: account(c))
        return .init(value: cache, path: c.path, line: c.line, keyLines: keyLines(c))
    }

    private mutating func decodeInstance(_ c: Context) -> DecodedConfig.Located<InstanceConfig>? {
        rejectUnknownKeys(c, allowed: Self.instanceKeys)
        let name = string(c, "name", required: true, nonEmpty: true)
        let provider = string(c, "provider", required: true, nonEmpty: true)
        var url = string(c, "url", required: true, nonEmpty: true)
        if let value = url, !(value.hasPrefix("http://") || value.hasPrefix("https://")) {
            report(line(c, "url"), c.path("url"), "must start with http:// or https://")
            url = nil
        }
        let priority = integer(c, "priority", minimum: 0)
        let weight = integer(c, "weight", minimum: 0)
        let sleeps = boolean(c, "sleeps")
        var caFile = string(c, "ca_file", nonEmpty: true)
        if let path = caFile {
            if let problem = Self.unreadableFile(path) {
                report(line(c, "ca_file"), c.path("ca_file"), problem)
                caFile = nil
            } else if let value = url, value.hasPrefix("http://") {
                report(line(c, "ca_file"), c.path("ca_file"), "applies only to an https:// url")
            }
        }
        let badCAFile = c.table["ca_file"] != nil && caFile == nil
        let badPriority = c.table["priority"] != nil && priority == nil
        let badWeight = c.table["weight"] != nil && weight == nil
        guard let name, let provider, let url, !badPriority, !badWeight, !badCAFile else { return nil }
        let instance = InstanceConfig(name: name, provider: provider, url: url,
                                      priority: Int(clamping: priority ?? 1), weight: Int(clamping: weight ?? 1),
                                      sleeps: sleeps ?? false, caFile: caFile, account: account(c))
        return .init(value: instance, path: c.path, line: c.line, keyLines: keyLines(c))
    }

    /// Why a file the config names cannot be read, or nil when it can.
    static func unreadableFile(_ path: String) -> String? {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return "no such file: \(path)" }
        if isDirectory.boolValue { return "is a folder, not a file: \(path)" }
        guard FileManager.default.isReadableFile(atPath: path) else { return "cannot be read (permissions): \(path)" }
        return nil
    }

    // MARK: Login, console, keys

    private mutating func decodeLogin(_ c: Context) -> LoginConfig? {
        rejectUnknownKeys(c, allowed: Self.loginKeys)
        let user = string(c, "user", required: true, nonEmpty: true)
        let password = string(c, "password")
        let owner = integer(c, "owner", minimum: 1)
        guard let user else { return nil }
        return LoginConfig(user: user, password: password, ownerId: owner)
    }

    private mutating func decodeConsole(_ c: Context, into decoded: inout DecodedConfig) {
        rejectUnknownKeys(c, allowed: Self.consoleKeys)
        if let refresh = number(c, "refresh_seconds") {
            if refresh > 0 { decoded.refreshSeconds = refresh }
            else { report(line(c, "refresh_seconds"), c.path("refresh_seconds"), "must be greater than 0") }
        }
        decoded.theme = string(c, "theme", nonEmpty: true)
        decoded.clockSeconds = boolean(c, "clock_seconds")
        if let budget = number(c, "budget_percent") {
            if budget > 0 && budget <= 100 { decoded.budgetPercent = budget }
            else { report(line(c, "budget_percent"), c.path("budget_percent"), "must be more than 0 and at most 100") }
        }
        decoded.logLevel = choice(c, "log_level", allowed: ConsoleSettings.logLevels, what: "log level")
    }

    private mutating func decodeKeys(_ c: Context, into decoded: inout DecodedConfig) {
        for (action, node) in c.table.entries {
            let path = c.path(action)
            switch node.value {
            case .string(let key):
                guard let key = expand(key, line: node.position.line, keyPath: path) else { continue }
                decoded.keys[action] = [key]
            case .array(let elements):
                var keys: [String] = []
                for (index, element) in elements.enumerated() {
                    guard case .string(let key) = element.value else {
                        wrongType(element, "\(path)[\(index)]", expected: "string")
                        continue
                    }
                    if let key = expand(key, line: element.position.line, keyPath: "\(path)[\(index)]") { keys.append(key) }
                }
                decoded.keys[action] = keys
            default:
                wrongType(node, path, expected: "string or array of strings")
                continue
            }
            decoded.keyLines[action] = node.position.line
        }
    }

    // MARK: Quotas

    private mutating func decodeQuota(_ c: Context) -> DecodedConfig.Located<QuotaPatch>? {
        rejectUnknownKeys(c, allowed: Self.quotaKeys)
        let provider = string(c, "provider", required: true, nonEmpty: true)
        let resource = string(c, "resource", required: true, nonEmpty: true)
        let category = choice(c, "category", allowed: QuotaCategory.allCases.map(\.rawValue), what: "category")
        var limit = number(c, "limit")
        if let value = limit, value < 0 {
            report(line(c, "limit"), c.path("limit"), "must not be negative (found \(Self.format(value)))")
            limit = nil
        }
        var planLimit = number(c, "plan_limit")
        if let value = planLimit, value < 0 {
            report(line(c, "plan_limit"), c.path("plan_limit"), "must not be negative (found \(Self.format(value)))")
            planLimit = nil
        }
        let unit = choice(c, "unit", allowed: Self.quotaUnits, what: "unit")
        let period = choice(c, "period", allowed: QuotaPeriod.allCases.map(\.rawValue), what: "period")
        let verdict = choice(c, "verdict", allowed: QuotaVerdict.allCases.map(\.rawValue), what: "verdict")
        let patch = QuotaPatch(
            provider: provider ?? "", resource: resource ?? "",
            category: category.flatMap(QuotaCategory.init(rawValue:)), limit: limit, unit: unit,
            period: period.flatMap(QuotaPeriod.init(rawValue:)), planLimit: planLimit,
            planText: string(c, "plan"), currentText: string(c, "current"),
            source: string(c, "source"), checked: string(c, "checked"),
            verdict: verdict.flatMap(QuotaVerdict.init(rawValue:)), account: account(c))
        guard provider != nil, resource != nil, c.table["account"] == nil || patch.account != nil else { return nil }
        return .init(value: patch, path: c.path, line: c.line, keyLines: keyLines(c))
    }

    /// `account = "render-2"` on a quota, shard, cache or instance: a name
    /// that can sit in a quota's key (`render/compute@render-2`).
    private mutating func account(_ c: Context) -> String? {
        guard let name = string(c, "account", nonEmpty: true) else { return nil }
        if let bad = name.first(where: { "/@".contains($0) || $0.isWhitespace }) {
            report(line(c, "account"), c.path("account"), "an account name has no \"\(bad)\" or spaces (found \"\(name)\")")
            return nil
        }
        return name
    }

    static func format(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}
