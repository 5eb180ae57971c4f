/// What the console watches: the platform's shards, caches and instances
/// (CONTRACT §1–§2). Plain values; loading and validation live in
/// StudySpotConfig.

public enum ShardRole: String, Sendable, Hashable, CaseIterable, Codable {
    case catalog, users, archive
}

public enum CacheRole: String, Sendable, Hashable, CaseIterable, Codable {
    case state, cache
}

/// Inclusive user-id range of a users shard; `upper == nil` means no upper bound
/// (written `[10001, 0]` in the config file).
public struct UserRange: Sendable, Hashable, Codable, CustomStringConvertible {
    public var lower: Int64
    public var upper: Int64?
    public init(lower: Int64, upper: Int64?) { self.lower = lower; self.upper = upper }
    public func contains(_ id: Int64) -> Bool {
        id >= lower && (upper.map { id <= $0 } ?? true)
    }
    public var description: String {
        if let upper { return "\(lower)–\(upper)" }
        return "\(lower)+"
    }
}

public struct ShardConfig: Sendable, Hashable, Codable {
    public var name: String
    public var provider: String
    public var role: ShardRole
    public var users: UserRange?
    /// libpq connection string or URI; may hold a password: never print it raw.
    /// Empty for a shard reached over Turso's HTTP API.
    public var dsn: String
    /// Turso's HTTP API instead of libpq (`provider = "turso"`): the database
    /// URL (`libsql://…` read as https, or `http(s)://…`) and its token, a
    /// secret never printed.
    public var url: String?
    public var token: String?
    /// The provider account its database size counts against (`QuotaAccounts`).
    public var account: String?
    public init(name: String, provider: String, role: ShardRole, users: UserRange?, dsn: String,
                url: String? = nil, token: String? = nil, account: String? = nil) {
        self.name = name; self.provider = provider; self.role = role; self.users = users; self.dsn = dsn
        self.url = url; self.token = token; self.account = account
    }

    /// Reached over Turso's HTTP API (Hrana), not libpq.
    public var overHTTP: Bool { url != nil }
    /// What identifies the database, for readings shared between monitors.
    public var endpoint: String { url ?? dsn }
}

public struct CacheConfig: Sendable, Hashable, Codable {
    public var name: String
    public var provider: String
    public var role: CacheRole
    /// `redis://[:password@]host:port/db`; may hold a password.
    public var url: String
    /// Memory limit in bytes and commands-per-period limit, when the provider has one.
    public var memoryLimitBytes: Int64?
    public var commandLimit: Int64?
    /// The provider account its memory and commands count against (`QuotaAccounts`).
    public var account: String?
    public init(name: String, provider: String, role: CacheRole, url: String,
                memoryLimitBytes: Int64? = nil, commandLimit: Int64? = nil, account: String? = nil) {
        self.name = name; self.provider = provider; self.role = role; self.url = url
        self.memoryLimitBytes = memoryLimitBytes; self.commandLimit = commandLimit; self.account = account
    }
}

public struct InstanceConfig: Sendable, Hashable, Codable {
    public var name: String
    public var provider: String
    /// Base URL; health is `GET {url}/health`.
    public var url: String
    public var priority: Int
    public var weight: Int
    public var sleeps: Bool
    /// A PEM bundle trusted for an `https://` url besides the system store (a private CA).
    public var caFile: String?
    /// The provider account its instance hours count against (`QuotaAccounts`).
    public var account: String?
    public init(name: String, provider: String, url: String, priority: Int, weight: Int, sleeps: Bool, caFile: String? = nil,
                account: String? = nil) {
        self.name = name; self.provider = provider; self.url = url
        self.priority = priority; self.weight = weight; self.sleeps = sleeps; self.caFile = caFile; self.account = account
    }
}

/// Who the console connects as on every shard (an owner's login role).
public struct LoginConfig: Sendable, Hashable, Codable {
    public var user: String
    public var password: String?
    /// The owner whose `owners.db_role` is `user` (`[login] owner`): an owner's
    /// console with `[feed] source = "relay"` reads `feed:owner:{owner}` and has
    /// no database connection to look it up with.
    public var ownerId: Int64?
    public init(user: String, password: String?, ownerId: Int64? = nil) {
        self.user = user; self.password = password; self.ownerId = ownerId
    }
}

public struct Topology: Sendable, Hashable, Codable {
    public var shards: [ShardConfig]
    public var caches: [CacheConfig]
    public var instances: [InstanceConfig]
    public init(shards: [ShardConfig], caches: [CacheConfig], instances: [InstanceConfig]) {
        self.shards = shards; self.caches = caches; self.instances = instances
    }

    /// The users shard whose range starts at 1 holds the `ops` schema.
    public var opsShard: ShardConfig? {
        shards.first { $0.role == .users && $0.users?.lower == 1 }
    }
    public var catalogShard: ShardConfig? { shards.first { $0.role == .catalog } }
    public var archiveShard: ShardConfig? { shards.first { $0.role == .archive } }
    public var usersShards: [ShardConfig] { shards.filter { $0.role == .users } }
    public var stateCache: CacheConfig? { caches.first { $0.role == .state } }
}
