import Foundation
import StudySpotMonitors
import StudySpotWire
import Testing
import StudySpotConfig
import StudySpotConsole
import StudySpotTestSupport
import StudySpotDevStack
@testable import studyspot

/// `Effect.operatorCommand` handed straight to the monitors (not through a key or a
/// dialog) meets the same gate: an owner's or a read-only console changes
/// nothing on the platform — no state cache key, no audit row — while an
/// operator's does. Against the real stack.
@Suite(.serialized) struct MonitorsEffectGateTests {
    /// The action results the monitors post.
    final class Inbox: @unchecked Sendable {
        let results = TestInbox<(Bool, String)>()
        func post(_ e: MonitorEvent) {
            guard case .instances(.actionResult(let ok, let message)) = e else { return }
            results.post((ok, message))
        }
        func first(timeout: Double) -> (Bool, String)? {
            var first: (Bool, String)?
            _ = TestEnvironment.waitUntil(timeout: timeout, wakingOn: results) { first = first ?? results.take().first; return first != nil }
            return first
        }
    }

    func run(role: ConsoleRole, readOnly: Bool, _ effect: (String) -> Effect) throws -> (result: (Bool, String)?, drained: Bool, audited: Int, weight: String?) {
        let config = try TestEnvironment.config()
        // The audit table this reads: on a fresh stack nothing guarantees another
        // suite applied the schema first (idempotent, under an advisory lock).
        let opsShard = try #require(config.topology.opsShard)
        let schema = SchemaApplier(topology: config.topology, ownerPassword: TestEnvironment.ownerPassword).apply(to: opsShard)
        try #require(schema.error == nil, "\(schema.error ?? "")")
        let target = "sec-gate-\(UInt32.random(in: 0...UInt32.max))"
        let inbox = Inbox()
        let monitors = Monitors.start(config: config, options: DashboardOptions(role: role, readOnly: readOnly)) { inbox.post($0) }
        defer { monitors.stopAll() }
        monitors.handle(effect(target))
        let result = inbox.first(timeout: 15)
        let redis = try RedisConnection(url: try #require(config.topology.stateCache).url)
        let ops = try PGConnection(dsn: try #require(config.topology.opsShard).dsn)
        let drained = try redis.command(["SISMEMBER", StateCacheKeys.drained, target]).integer == 1
        let weight = try redis.command(["HGET", StateCacheKeys.weights, target]).string
        let audited = try ops.query("SELECT count(*) AS n FROM ops.audit_log WHERE target = $1", [target]).first?.int("n") ?? -1
        // Undo whatever got through (only the allowed case should have written anything).
        try redis.command(["SREM", StateCacheKeys.drained, target])
        try redis.command(["HDEL", StateCacheKeys.weights, target])
        try ops.query("DELETE FROM ops.audit_log WHERE target = $1", [target])
        return (result, drained, Int(audited), weight)
    }

    static let refused: [(ConsoleRole, Bool)] = [(.owner, false), (.owner, true), (.operator, true), (.admin, true)]

    @Test(arguments: refused)
    func aDrainEffectIsRefused(_ role: ConsoleRole, _ readOnly: Bool) throws {
        let r = try run(role: role, readOnly: readOnly) { .operatorCommand(.drain(instance: $0)) }
        #expect(r.result?.0 == false && r.result?.1.hasPrefix("refused: ") == true, "\(String(describing: r.result))")
        #expect(!r.drained && r.audited == 0)
    }

    @Test(arguments: refused)
    func aWeightEffectIsRefused(_ role: ConsoleRole, _ readOnly: Bool) throws {
        let r = try run(role: role, readOnly: readOnly) { .operatorCommand(.setWeight(instance: $0, weight: 0)) }
        #expect(r.result?.0 == false && r.result?.1.hasPrefix("refused: ") == true)
        #expect(r.weight == nil && r.audited == 0)
    }

    @Test func anOperatorWhoMayActDrains() throws {
        let r = try run(role: .operator, readOnly: false) { .operatorCommand(.drain(instance: $0)) }
        #expect(r.result?.0 == true, "\(String(describing: r.result))")
        #expect(r.drained && r.audited == 1)
    }
}
