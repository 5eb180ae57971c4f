import Foundation
import StudySpotDevStack
import StudySpotSchema
import StudySpotMonitors
import StudySpotWire
import Testing
import StudySpotCore
import StudySpotTestSupport

/// Drain, undrain and weight against the real stack: the key and exactly one
/// audit row, or neither. Redis database 7 and an isolated ops database keep
/// the suite independent of the tests running beside it.
@Suite(.serialized) struct OperatorActionTests {
    static func environment() throws -> (ops: ShardConfig, state: CacheConfig, redis: RedisConnection) {
        var topo = try TestEnvironment.topology()
        topo.shards = topo.shards.filter { $0.name == topo.opsShard?.name }
        let admin = try PGConnection(dsn: try #require(topo.opsShard).dsn)
        try admin.query("DROP DATABASE IF EXISTS operator_actions_ops WITH (FORCE)")
        try admin.query("CREATE DATABASE operator_actions_ops")
        topo.shards[0].dsn += " dbname=operator_actions_ops"
        let ops = try #require(topo.opsShard)
        #expect(SchemaApplier(topology: topo, ownerPassword: TestEnvironment.ownerPassword).apply(to: ops).error == nil)
        var state = try #require(topo.stateCache)
        state.url = state.url.replacingOccurrences(of: "/0", with: "/7")
        let redis = try RedisConnection(url: state.url)
        try redis.command(["FLUSHDB"])
        return (ops, state, redis)
    }

    static func auditRows(_ ops: ShardConfig, target: String) throws -> [PGRow] {
        try PGConnection(dsn: ops.dsn).query("SELECT actor, role, action, detail::text AS detail FROM ops.audit_log WHERE target = $1 ORDER BY id", [target]).rows
    }

    @Test func drainWritesTheKeyAndOneAuditRowThenUndrainReverses() throws {
        let (ops, state, redis) = try Self.environment()
        try OperatorActions.perform(.drain, target: "render-1", actor: "asha", role: "operator", opsShard: ops, stateCache: state)
        #expect(try redis.command(["SISMEMBER", StateCacheKeys.drained, "render-1"]).integer == 1)
        var rows = try Self.auditRows(ops, target: "render-1")
        #expect(rows.count == 1)
        #expect(rows.first?["actor"] == "asha" && rows.first?["role"] == "operator" && rows.first?["action"] == "instances.drain")

        try OperatorActions.perform(.undrain, target: "render-1", actor: "asha", role: "operator", opsShard: ops, stateCache: state)
        #expect(try redis.command(["SISMEMBER", StateCacheKeys.drained, "render-1"]).integer == 0)
        rows = try Self.auditRows(ops, target: "render-1")
        #expect(rows.map { $0["action"] } == ["instances.drain", "instances.undrain"])
    }

    @Test func weightIsWrittenWithItsDetail() throws {
        let (ops, state, redis) = try Self.environment()
        try OperatorActions.perform(.setWeight(40), target: "railway", actor: "ravi", role: "admin", detail: ["weight": "40"],
                                    opsShard: ops, stateCache: state)
        #expect(try redis.command(["HGET", StateCacheKeys.weights, "railway"]).string == "40")
        let rows = try Self.auditRows(ops, target: "railway")
        #expect(rows.count == 1 && rows[0]["detail"] == #"{"weight": "40"}"#)
    }

    @Test func aFailedKeyWriteLeavesNoAuditRow() throws {
        let (ops, state, redis) = try Self.environment()
        var broken = state
        broken.url = "redis://127.0.0.1:1/7"  // nothing listens there
        #expect(throws: OperatorActionError.self) {
            try OperatorActions.perform(.drain, target: "fly", actor: "asha", role: "operator", opsShard: ops, stateCache: broken)
        }
        #expect(try Self.auditRows(ops, target: "fly").isEmpty)
        #expect(try redis.command(["SISMEMBER", StateCacheKeys.drained, "fly"]).integer == 0)
        // And an unreachable ops shard changes no key either.
        var badOps = ops
        badOps.dsn = "host=127.0.0.1 port=1 dbname=x connect_timeout=1"
        #expect(throws: OperatorActionError.self) {
            try OperatorActions.perform(.drain, target: "fly", actor: "asha", role: "operator", opsShard: badOps, stateCache: state)
        }
        #expect(try redis.command(["SISMEMBER", StateCacheKeys.drained, "fly"]).integer == 0)
    }

    @Test func acknowledgementsAreAuditedAndLastADay() throws {
        let (ops, state, redis) = try Self.environment()
        try OperatorActions.perform(.acknowledge, target: "shard.unreachable:xata", actor: "asha", role: "operator", opsShard: ops, stateCache: state)
        #expect(try AlertAcks.read(redis) == ["shard.unreachable:xata"])
        #expect(try Self.auditRows(ops, target: "shard.unreachable:xata").map { $0["action"] } == ["alerts.ack"])
        let now = Date()
        let entries = ["old": AlertAcks.value(actor: "a", at: now.addingTimeInterval(-25 * 3600)),
                       "new": AlertAcks.value(actor: "b c", at: now.addingTimeInterval(-60)), "junk": "?"]
        #expect(AlertAcks.current(entries, now: now) == ["new"])
    }
}
