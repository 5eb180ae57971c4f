import Foundation

/// What the shard monitor saw on one PostgreSQL shard.
public struct ShardHealth: Sendable, Hashable, Codable {
    public var name: String
    public var provider: String
    public var role: ShardRole
    public var users: UserRange?
    public var reachable: Bool?
    /// Round trip of a trivial query, seconds.
    public var latency: Double?
    public var sizeBytes: Int64?
    /// The provider's free-tier storage from the quota catalog (nil: none or unlimited).
    public var limitBytes: Int64?
    /// The plan's figure for that storage, as written ("3 GB").
    public var planText: String?
    public var connections: Int?
    public var maxConnections: Int?
    /// Estimates from pg_class.reltuples (nil: table absent or never analysed).
    public var usersEstimate: Int64?
    public var bookingsEstimate: Int64?
    /// A users shard still holds bookings older than six months.
    public var archiveBehind: Bool?
    public var error: String?
    public var checkedAt: Date?
    public init(name: String, provider: String, role: ShardRole, users: UserRange?) {
        self.name = name; self.provider = provider; self.role = role; self.users = users
    }

    /// size ÷ limit (nil without both).
    public var sizeRatio: Double? {
        guard let s = sizeBytes, let l = limitBytes, l > 0 else { return nil }
        return Double(s) / Double(l)
    }
}

/// What the cache monitor saw on one Redis.
public struct CacheHealth: Sendable, Hashable, Codable {
    public var name: String
    public var provider: String
    public var role: CacheRole
    public var reachable: Bool?
    public var latency: Double?
    public var usedMemoryBytes: Int64?
    /// `memoryLimitBytes` from the config, else INFO maxmemory.
    public var memoryLimitBytes: Int64?
    public var commandsToday: Int64?
    /// True when `commandsToday` is pro-rated from a server that has run longer than today.
    public var commandsEstimated = false
    public var commandLimit: Int64?
    public var hitRate: Double?
    public var evictedKeys: Int64?
    public var clients: Int64?
    /// The state cache's `email_queue` length and its oldest entry's age (seconds).
    public var emailQueueLength: Int64?
    public var emailQueueOldestAge: Double?
    public var error: String?
    public var checkedAt: Date?
    public init(name: String, provider: String, role: CacheRole) {
        self.name = name; self.provider = provider; self.role = role
    }

    public var memoryRatio: Double? {
        guard let u = usedMemoryBytes, let l = memoryLimitBytes, l > 0 else { return nil }
        return Double(u) / Double(l)
    }
}
