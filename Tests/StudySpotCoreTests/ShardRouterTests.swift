import Testing
import StudySpotCore

@Suite struct ShardRouterTests {
    static let router = ShardRouter(shards: [
        ShardConfig(name: "catalog", provider: "turso", role: .catalog, users: nil, dsn: ""),
        ShardConfig(name: "planetscale", provider: "planetscale", role: .users, users: UserRange(lower: 10001, upper: nil), dsn: ""),
        ShardConfig(name: "neon", provider: "neon", role: .users, users: UserRange(lower: 1, upper: 7500), dsn: ""),
        ShardConfig(name: "supabase", provider: "supabase", role: .users, users: UserRange(lower: 7501, upper: 10000), dsn: ""),
        ShardConfig(name: "xata", provider: "xata", role: .archive, users: nil, dsn: ""),
    ])

    @Test(arguments: [
        (Int64(1), "neon"), (7499, "neon"), (7500, "neon"),
        (7501, "supabase"), (9999, "supabase"), (10000, "supabase"),
        (10001, "planetscale"), (200_000, "planetscale"), (Int64.max, "planetscale"),
    ])
    func routesBoundaries(user: Int64, shard: String) {
        #expect(Self.router.shard(forUser: user)?.name == shard)
    }

    @Test(arguments: [Int64(0), -1, Int64.min])
    func noShardForIdsBelowTheFirstRange(user: Int64) {
        #expect(Self.router.shard(forUser: user) == nil)
    }

    @Test func onlyUsersShardsRoute() {
        #expect(Self.router.shards.map(\.name) == ["neon", "supabase", "planetscale"])
    }
}
