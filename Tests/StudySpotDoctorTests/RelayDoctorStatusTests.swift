import Foundation
import Testing
import StudySpotCore
import StudySpotTestSupport
import StudySpotWire
import StudySpotRelay
@testable import StudySpotDoctor

/// With `[feed] source = "relay"`: doctor reads the relay's heartbeat and
/// shard states, and finds owners without an ACL user, on the real state
/// cache and a catalog of the test's own.
@Suite struct RelayDoctorStatusTests {
    /// The relay's status hash in a database no other test writes `relay:status` in.
    static let database = 13

    @Test func theRelaysHeartbeatShardsAndOwnersUsersAreChecked() throws {
        let f = try RelayOwnerFixture()
        defer { f.cleanUp() }
        var topology = f.topology
        let i = try require(topology.caches.firstIndex { $0.role == .state })
        let u = try RedisURL(parsing: topology.caches[i].url)
        topology.caches[i].url = "redis://:\(u.password ?? "")@\(u.host):\(u.port)/\(Self.database)"
        let status = try RedisConnection(url: topology.caches[i].url)
        defer { _ = try? status.command(["DEL", RelayKeys.status]); status.close() }
        _ = try status.command(["DEL", RelayKeys.status])
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let doctor = RelayDoctor()
        let name = topology.caches[i].name
        func first() -> DoctorFinding? { doctor.relay(topology, now: now).first }

        #expect(first()?.line == "✕ relay \(name): [feed] source = \"relay\" but no relay has run here (relay:status has no heartbeat): consoles see no changes"
                + " — run `studyspot relay` (one per deployment, under systemd: docs/relay-owners.md)")
        _ = try status.command(["HSET", RelayKeys.status, "heartbeat", "1799999880", "shard:neon", "live"])
        #expect(first()?.line.hasPrefix("✕ relay \(name): the relay's last heartbeat was 120 s ago") == true, "\(String(describing: first()))")
        _ = try status.command(["HSET", RelayKeys.status, "heartbeat", "1799999998", "shard:supabase", "reconnecting (connection refused)"])
        #expect(first()?.line.hasPrefix("⚠ relay \(name): the relay runs but not every shard is live: supabase reconnecting (connection refused)") == true,
                "\(String(describing: first()))")
        _ = try status.command(["HSET", RelayKeys.status, "shard:supabase", "live"])
        #expect(first()?.line == "✓ relay \(name): the relay beat 2 s ago, every shard live")

        // Owners: one granted, one not (and one without a db_role, who has no console to log in).
        let a = try f.owner(), b = try f.owner()
        _ = try f.owner(role: false)
        _ = try RelayGrant.apply(.grant(password: "doctor-\(a.id)"), user: try require(a.dbRole), owner: a.id, cacheName: name, on: f.admin)
        let users = try require(doctor.relay(topology, now: now).last)
        #expect(users.severity == .warning)
        #expect(users.problem == "1 of 2 owner(s) have no ACL user, so their relay consoles cannot log in: \(b.id) (\(b.dbRole!))", "\(users.line)")
        #expect(users.fix == "studyspot relay grant --owner \(b.id) --password-env VAR (for each; docs/relay-owners.md)")
        _ = try RelayGrant.apply(.grant(password: "doctor-\(b.id)"), user: try require(b.dbRole), owner: b.id, cacheName: name, on: f.admin)
        #expect(doctor.relay(topology, now: now).last?.line == "✓ relay \(name): all 2 owner(s) with a db_role have their ACL user")
    }

    @Test func withoutTheRelayDoctorLeavesItsChecksOut() {
        let report = Doctor(topology: Topology(shards: [], caches: [], instances: []), feedFromRelay: false).run()
        #expect(!report.findings.contains { $0.kind == .relay })
        let relay = Doctor(topology: Topology(shards: [], caches: [], instances: []), feedFromRelay: true).run()
        #expect(relay.findings.map(\.line) == ["✕ relay state cache: [feed] source = \"relay\" but no cache has role \"state\" — add the state cache the relay writes to ([[cache]] role = \"state\")"])
    }
}
