import Foundation
import StudySpotWire

/// The latest reading of something two monitors both need, so the slower
/// one takes a fresh reading instead of asking the server again: the Shards
/// pane's monitors read each database's size (every 30 s) and each cache's
/// INFO (every 5 s); the quota monitor wants the same figures every 30–60 s.
/// Keyed by DSN or URL, not by name: tests point shards of the same name at
/// databases of their own.
public final class SharedReadings<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var readings: [String: (value: Value, at: Date)] = [:]

    public init() {}

    public func record(_ key: String, _ value: Value, at: Date) {
        lock.withLock { readings[key] = (value, at) }
    }

    /// The value when it was read at most `maxAge` seconds before `now`.
    public func fresh(_ key: String, maxAge: TimeInterval, now: Date = Date()) -> Value? {
        lock.withLock {
            guard let r = readings[key], now.timeIntervalSince(r.at) <= maxAge, r.at <= now.addingTimeInterval(1) else { return nil }
            return r.value
        }
    }
}

public enum SharedReading {
    /// `pg_database_size` by shard DSN (written by `ShardMonitor`).
    public static let databaseSize = SharedReadings<Int64>()
    /// `INFO` by cache URL (written by `CacheMonitor`).
    public static let redisInfo = SharedReadings<RedisInfo>()
    /// When a shard last answered one of this console's connections, by DSN
    /// (written by `ShardMonitor`): the booking feed's idle liveness check
    /// counts it as hearing from the server (`BookingFeed.Options.idleCheck`).
    public static let shardAnswered = SharedReadings<Date>()
}
