import Foundation

/// The latest `pg_database_size` of each shard, shared between the Shards
/// pane's monitors (every 5 s) and the quota monitor (every 60 s): the
/// quota monitor takes a fresh reading from here instead of asking the
/// server again. `pg_database_size` walks the database's directory, which
/// at 10x is the dearest part of a shard's health read.
public final class DatabaseSizeBoard: @unchecked Sendable {
    public static let shared = DatabaseSizeBoard()
    private let lock = NSLock()
    private var readings: [String: (bytes: Int64, at: Date)] = [:]

    public init() {}

    /// Keyed by the shard's DSN, not its name: tests point shards of the
    /// same name at databases of their own.
    public func record(dsn: String, bytes: Int64, at: Date) {
        lock.withLock { readings[dsn] = (bytes, at) }
    }

    /// The database's size when it was read at most `maxAge` seconds before `now`.
    public func bytes(dsn: String, maxAge: TimeInterval, now: Date = Date()) -> Int64? {
        lock.withLock {
            guard let r = readings[dsn], now.timeIntervalSince(r.at) <= maxAge else { return nil }
            return r.bytes
        }
    }
}
