import Foundation
import StudySpotCore
import StudySpotWire

/// A confirmed operator action on the platform.
public enum OperatorActionKind: Sendable, Hashable {
    case drain, undrain
    case setWeight(Int)
    case acknowledge

    /// The audit log's `action` column.
    public var auditName: String {
        switch self {
        case .drain: "instances.drain"
        case .undrain: "instances.undrain"
        case .setWeight: "instances.weight"
        case .acknowledge: "alerts.ack"
        }
    }
}

public struct OperatorActionError: Error, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ d: String) { description = SecretMasking.masked(d) }
}

/// Performs operator actions with their audit row.
///
/// Order, so that nothing is claimed that did not happen: the audit row is
/// inserted in an open transaction on the ops shard, then the state cache key
/// is written, then the transaction commits. If the key write fails the row is
/// rolled back (nothing changed, nothing logged). If the commit fails the key
/// write is undone before the error is reported (nothing changed).
public enum OperatorActions {
    /// The audit row written in the same transaction as the state-cache change.
    static let auditSQL = "INSERT INTO ops.audit_log (actor, role, action, target, detail) VALUES ($1, $2, $3, $4, $5::jsonb)"

    public static func perform(_ kind: OperatorActionKind, target: String, actor: String, role: String,
                               detail: [String: String] = [:], opsShard: ShardConfig, stateCache: CacheConfig,
                               pgOptions: PGConnectOptions = PGConnectOptions(),
                               counter: OperationCounter = OperationCounter()) throws(OperatorActionError) {
        var o = pgOptions
        o.costTarget = CostTarget(opsShard.name, in: counter)
        let pg: PGConnection
        let redis: RedisConnection
        do { pg = try PGConnection(dsn: opsShard.dsn, options: o) } catch { throw OperatorActionError("audit log: \(error)") }
        defer { pg.close() }
        do { redis = try RedisConnection(url: stateCache.url, timeoutSeconds: 3, costTarget: CostTarget(stateCache.name, in: counter)) } catch {
            throw OperatorActionError("state cache: \(error)")
        }
        defer { redis.close() }
        let undo: [String]
        do {
            try pg.query("BEGIN")
            let json = try String(data: JSONSerialization.data(withJSONObject: detail, options: [.sortedKeys]), encoding: .utf8) ?? "{}"
            try pg.query(OperatorActions.auditSQL,
                         [actor, role, kind.auditName, target, json])
        } catch {
            _ = try? pg.query("ROLLBACK")
            throw OperatorActionError("audit log: \(error)")
        }
        do throws(RedisError) {
            undo = try write(kind, target: target, actor: actor, redis)
        } catch {
            _ = try? pg.query("ROLLBACK")
            throw OperatorActionError("state cache: \(error.description) (nothing changed)")
        }
        do {
            try pg.query("COMMIT")
        } catch {
            let undone = (try? redis.command(undo)) != nil
            throw OperatorActionError("audit log commit: \(error)" + (undone ? " (change undone)" : " (could not undo: check \(target))"))
        }
    }

    /// Writes the key; returns the command that undoes it.
    static func write(_ kind: OperatorActionKind, target: String, actor: String, _ r: RedisConnection) throws(RedisError) -> [String] {
        switch kind {
        case .drain:
            let added = try r.command(["SADD", StateCacheKeys.drained, target]).integer ?? 0
            return added == 1 ? ["SREM", StateCacheKeys.drained, target] : ["PING"]
        case .undrain:
            let removed = try r.command(["SREM", StateCacheKeys.drained, target]).integer ?? 0
            return removed == 1 ? ["SADD", StateCacheKeys.drained, target] : ["PING"]
        case .setWeight(let w):
            let old = try r.command(["HGET", StateCacheKeys.weights, target]).string
            _ = try r.command(["HSET", StateCacheKeys.weights, target, String(w)])
            return old.map { ["HSET", StateCacheKeys.weights, target, $0] } ?? ["HDEL", StateCacheKeys.weights, target]
        case .acknowledge:
            let old = try r.command(["HGET", StateCacheKeys.alertAcks, target]).string
            _ = try r.command(["HSET", StateCacheKeys.alertAcks, target, AlertAcks.value(actor: actor, at: Date())])
            return old.map { ["HSET", StateCacheKeys.alertAcks, target, $0] } ?? ["HDEL", StateCacheKeys.alertAcks, target]
        }
    }
}
