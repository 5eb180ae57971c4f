import Foundation
import StudySpotSchema
import StudySpotMonitors
import StudySpotWire
import Testing
import StudySpotCore
import StudySpotTestSupport

/// The Events pane's operator actions, read from `ops.audit_log` on the real
/// ops shard of the test stack (a database of its own, so other suites'
/// actions do not show up).
@Suite(.serialized) struct AuditLogMonitorTests {
    static func opsShard() throws -> ShardConfig {
        var topo = try TestEnvironment.topology()
        topo.shards = topo.shards.filter { $0.name == topo.opsShard?.name }
        let admin = try PGConnection(dsn: try #require(topo.opsShard).dsn)
        try admin.query("DROP DATABASE IF EXISTS audit_log_events WITH (FORCE)")
        try admin.query("CREATE DATABASE audit_log_events")
        topo.shards[0].dsn += " dbname=audit_log_events"
        let ops = try #require(topo.opsShard)
        #expect(SchemaApplier(topology: topo, ownerPassword: TestEnvironment.ownerPassword).apply(to: ops).error == nil)
        return ops
    }

    static func insert(_ ops: ShardConfig, _ rows: [(actor: String, action: String, target: String)]) throws {
        let c = try PGConnection(dsn: ops.dsn)
        defer { c.close() }
        for r in rows {
            try c.query("INSERT INTO ops.audit_log (actor, role, action, target, detail) VALUES ($1, 'operator', $2, $3, '{}'::jsonb)",
                        [r.actor, r.action, r.target])
        }
    }

    @Test func rowsAreReadOnceInIdOrderThenOnlyNewOnes() throws {
        let ops = try Self.opsShard()
        try Self.insert(ops, [("asha", "instances.drain", "fly"), ("ravi", "instances.weight", "railway"), ("asha", "alerts.ack", "shard.unreachable:xata")])
        let counter = OperationCounter()
        let monitor = AuditLogMonitor(opsShard: ops, role: "operator", counter: counter) { _, _ in }
        let first = monitor.pollOnce()
        #expect(first.problem == nil)
        #expect(first.rows.map(\.target) == ["fly", "railway", "shard.unreachable:xata"])
        #expect(first.rows.map(\.id) == first.rows.map(\.id).sorted())
        #expect(EventDerivation.audit(first.rows).map(\.text).first == "instances.drain fly (operator)")
        #expect(EventDerivation.audit(first.rows).map(\.source) == ["asha", "ravi", "asha"])

        #expect(monitor.pollOnce().rows.isEmpty)
        try Self.insert(ops, [("meera", "instances.undrain", "fly"), ("meera", "instances.drain", "koyeb")])
        let next = monitor.pollOnce()
        #expect(next.rows.map(\.action) == ["instances.undrain", "instances.drain"])
        #expect(next.rows.allSatisfy { $0.id > first.rows.last!.id })
        // The reads are counted against the ops shard, in the cost budget.
        #expect((counter.today()[ops.name] ?? 0) >= 3)
    }

    @Test func anOwnerReadsNone() throws {
        let ops = try Self.opsShard()
        try Self.insert(ops, [("asha", "instances.drain", "fly")])
        // An owner's console never sends the query…
        let counter = OperationCounter()
        let owner = AuditLogMonitor(opsShard: ops, role: "owner", counter: counter) { _, _ in }
        let refused = owner.pollOnce()
        #expect(refused.rows.isEmpty && refused.problem?.contains("operators and admins") == true)
        #expect(counter.today()[ops.name] == nil)
        // …and an owner's database role could not read the table if it did.
        let admin = try PGConnection(dsn: ops.dsn)
        try admin.query("DROP ROLE IF EXISTS audit_owner_probe")
        try admin.query("CREATE ROLE audit_owner_probe LOGIN PASSWORD 'audit-probe' IN ROLE studyspot_owner")
        defer { _ = try? admin.query("DROP ROLE IF EXISTS audit_owner_probe") }
        var asOwner = ops
        asOwner.dsn += " user=audit_owner_probe password=audit-probe"
        let denied = AuditLogMonitor(opsShard: asOwner, role: "operator") { _, _ in }.pollOnce()
        #expect(denied.rows.isEmpty)
        #expect(denied.problem?.contains("permission denied") == true, "\(denied.problem ?? "no problem")")
        #expect(denied.problem?.contains("audit-probe") == false)
    }
}
