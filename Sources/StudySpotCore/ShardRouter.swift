/// Finds the users shard that holds a user, from the configured inclusive ranges.
public struct ShardRouter: Sendable {
    public let shards: [ShardConfig]

    public init(shards: [ShardConfig]) {
        self.shards = shards.filter { $0.role == .users && $0.users != nil }
            .sorted { $0.users!.lower < $1.users!.lower }
    }

    public func shard(forUser id: Int64) -> ShardConfig? {
        shards.first { $0.users!.contains(id) }
    }
}
