import StudySpotCore

/// What kind of server a stack member is.
public enum LocalStackServerKind: String, Sendable, Hashable, CaseIterable {
    case postgres, redis
}

/// One server of the local stack: where it listens and what it stands for
/// in the plan's topology (CONTRACT §1).
public struct LocalStackServer: Sendable, Hashable {
    public var name: String
    public var kind: LocalStackServerKind
    public var port: Int
    public var provider: String
    /// For PostgreSQL servers: the shard's role and user range.
    public var shardRole: ShardRole?
    public var users: UserRange?
    /// For Redis servers: the cache's role and memory limit (`maxmemory` syntax).
    public var cacheRole: CacheRole?
    public var maxMemory: String?
    public var maxMemoryPolicy: String?
}

extension LocalStack {
    /// The default first port; every server's port is an offset from it.
    public static let defaultBasePort = 54320
    /// Ports used run from the base to base + `portSpan` - 1.
    public static let portSpan = 25

    /// The servers of the stack for a base port: shards at B+0…B+4, caches at B+10…B+12
    /// (instances, served by the simulator, at B+20…B+24).
    public static func servers(basePort: Int) -> [LocalStackServer] {
        func shard(_ name: String, _ offset: Int, _ provider: String, _ role: ShardRole, _ users: UserRange? = nil) -> LocalStackServer {
            LocalStackServer(name: name, kind: .postgres, port: basePort + offset, provider: provider,
                             shardRole: role, users: users)
        }
        func cache(_ name: String, _ offset: Int, _ provider: String, _ role: CacheRole,
                   _ memory: String, _ policy: String) -> LocalStackServer {
            LocalStackServer(name: name, kind: .redis, port: basePort + offset, provider: provider,
                             cacheRole: role, maxMemory: memory, maxMemoryPolicy: policy)
        }
        return [
            shard("catalog", 0, "turso", .catalog),
            shard("neon", 1, "neon", .users, UserRange(lower: 1, upper: 7500)),
            shard("supabase", 2, "supabase", .users, UserRange(lower: 7501, upper: 10000)),
            shard("planetscale", 3, "planetscale", .users, UserRange(lower: 10001, upper: nil)),
            shard("xata", 4, "xata", .archive),
            // Memory limits mirror the providers' free tiers; only Redis Cloud's is
            // small enough to matter, so only it evicts.
            cache("upstash", 10, "upstash", .cache, "256mb", "noeviction"),
            cache("railway-redis", 11, "railway", .state, "512mb", "noeviction"),
            cache("redis-cloud", 12, "redis-cloud", .cache, "30mb", "allkeys-lru"),
        ]
    }

    /// The plan's API instances, at B+20…B+24. The stack does not start them
    /// (the simulator serves them); they are written into the config so it
    /// describes the whole platform. Their ports follow the base port so that
    /// two stacks (a demo and a test run) can simulate traffic side by side.
    public static func instances(basePort: Int) -> [InstanceConfig] {
        func url(_ offset: Int) -> String { "http://127.0.0.1:\(basePort + offset)" }
        return [
            InstanceConfig(name: "railway", provider: "railway", url: url(20), priority: 1, weight: 60, sleeps: false),
            InstanceConfig(name: "render-1", provider: "render", url: url(21), priority: 2, weight: 20, sleeps: true),
            InstanceConfig(name: "render-2", provider: "render", url: url(22), priority: 2, weight: 15, sleeps: true),
            InstanceConfig(name: "fly", provider: "fly", url: url(23), priority: 3, weight: 3, sleeps: true),
            InstanceConfig(name: "koyeb", provider: "koyeb", url: url(24), priority: 4, weight: 2, sleeps: true),
        ]
    }
}
