import Foundation
import Testing
import StudySpotCore
import StudySpotTestSupport
import StudySpotWire
import StudySpotRelay
@testable import StudySpotDoctor

/// doctor's advice to switch to the relay, and its checks once a deployment has.
@Suite struct RelayDoctorTests {
    @Test func theAdviceStartsPastAQuarterOfWhatTheShardAllowsApplications() {
        // Neon's smallest compute: 104 connections, 7 reserved, 97 for applications.
        let fits = RelayDoctor.connectionFinding(shard: "neon", consoles: 24, usable: 97, feedFromRelay: false)
        #expect(fits.severity == .ok && fits.line == "✓ shard neon: 24 console connections on neon of its 97: direct consoles fit (doctor advises the relay past a quarter)")
        let advised = RelayDoctor.connectionFinding(shard: "neon", consoles: 25, usable: 97, feedFromRelay: false)
        #expect(advised.line == "⚠ shard neon: 25 console connections on neon of its 97 (26%): more than a quarter of what it allows applications"
                + " — run `studyspot relay` and set [feed] source = \"relay\" (docs/relay-owners.md)")
        #expect(RelayDoctor.connectionFinding(shard: "neon", consoles: 49, usable: 97, feedFromRelay: false).severity == .critical)
        let stragglers = RelayDoctor.connectionFinding(shard: "neon", consoles: 30, usable: 97, feedFromRelay: true)
        #expect(stragglers.severity == .warning && stragglers.problem.hasSuffix("though this deployment reads the relay"))
        #expect(stragglers.fix == "some consoles still read the shards directly: set [feed] source = \"relay\" in their configs")
    }

    @Test func doctorCountsTheConsolesConnectionsNotItsOwn() {
        #expect(PGConnectOptions().applicationName == PGConnectOptions.consoleApplicationName)
        #expect(RelayDoctor().consoleApplicationName == PGConnectOptions.consoleApplicationName)
        #expect(Doctor.defaultOptions.applicationName != PGConnectOptions.consoleApplicationName)
    }

    /// Console-like connections (the console's options, its application_name
    /// made unique so tests beside this one are not counted) on a real shard.
    @Test func consoleConnectionsOnARealShardAreCountedAgainstItsLimit() throws {
        let shard = try TestEnvironment.shard("neon")
        let name = "studyspot-console-test-\(UInt32.random(in: 0...UInt32.max))"
        let doctor = RelayDoctor(consoleApplicationName: name)
        let admin = try PGConnection(dsn: shard.dsn)
        defer { admin.close() }
        let limits = try require(try admin.query("SELECT current_setting('max_connections')::int - current_setting('superuser_reserved_connections')::int AS usable").first)
        let usable = try limits.int("usable")
        // Just past a quarter, kept small: the stack's servers allow 50 and other tests run beside this one.
        let count = Int(usable / 4) + 1
        var options = PGConnectOptions()
        options.applicationName = name
        var consoles = try (0..<count).map { _ in try PGConnection(dsn: shard.dsn, options: options) }
        let found = try require(doctor.connections(shard, feedFromRelay: false).first)
        #expect(found.severity == .warning, "\(found.line)")
        #expect(found.problem.hasPrefix("\(count) console connections on neon of its \(usable) ("), "\(found.line)")
        #expect(found.fix?.hasPrefix("run `studyspot relay`") == true)

        consoles.forEach { $0.close() }
        consoles.removeAll()
        // A closed connection's backend leaves pg_stat_activity a moment later.
        #expect(TestEnvironment.waitUntil(timeout: 10) { doctor.connections(shard, feedFromRelay: false).first?.severity == .ok })
        #expect(doctor.connections(shard, feedFromRelay: false).first?.problem.hasPrefix("0 console connections on neon") == true)
    }

    @Test func aTursoShardHoldsNoConnectionsToCount() {
        let turso = ShardConfig(name: "turso", provider: "turso", role: .catalog, users: nil, dsn: "", url: "http://127.0.0.1:1", token: "t")
        #expect(RelayDoctor().connections(turso, feedFromRelay: false).isEmpty)
    }
}
