import Foundation
import StudySpotCore
import StudySpotDoctor
import StudySpotSchema
import StudySpotTestSupport
import StudySpotWire
import Testing

@Suite struct DoctorAddressTests {
    let doctor = ShardDoctor(topology: Topology(shards: [], caches: [], instances: []))

    func shard(_ name: String, _ dsn: String) -> ShardConfig {
        ShardConfig(name: name, provider: name, role: .users, users: UserRange(lower: 1, upper: 10), dsn: dsn)
    }

    @Test func supabasesTransactionPoolerIsNamedWithTheDirectHost() {
        let f = doctor.addressFindings(shard("supabase", "host=aws-0-ap-south-1.pooler.supabase.com port=6543 user=postgres.abcdefgh dbname=postgres sslmode=require"))
        #expect(f.map(\.line) == ["✕ shard supabase: LISTEN will not work: port 6543 is Supabase's transaction pooler — use the direct port 5432 (db.abcdefgh.supabase.co)"])
        #expect(f.first?.severity == .critical)
    }

    @Test func neonsPoolerHostIsNamedWithTheDirectOne() {
        let f = doctor.addressFindings(shard("neon", "postgresql://console:secret@ep-cool-name-123456-pooler.ap-southeast-1.aws.neon.tech/studyspot"))
        #expect(f.count == 1)
        #expect(f.first?.line.contains("use the direct host ep-cool-name-123456.ap-southeast-1.aws.neon.tech") == true, "\(f)")
        #expect(f.allSatisfy { !$0.line.contains("secret") })
    }

    @Test func tlsOffARemoteHostIsReportedAndLoopbackIsNot() {
        let off = doctor.addressFindings(shard("x", "host=db.example.com user=u password=hunter2 sslmode=disable"))
        #expect(off.map(\.severity) == [.critical] && off.first?.problem.contains("sslmode=disable") == true)
        #expect(!off.map(\.line).joined().contains("hunter2"))
        #expect(doctor.addressFindings(shard("x", "host=db.example.com sslmode=prefer")).map(\.severity) == [.warning])
        #expect(doctor.addressFindings(shard("x", "host=db.example.com")).isEmpty, "verify-full by default off loopback")
        #expect(doctor.addressFindings(shard("x", "host=db.example.com sslmode=require")).isEmpty)
        #expect(doctor.addressFindings(shard("x", "host=127.0.0.1 sslmode=disable")).isEmpty)
    }

    @Test func cachesOffLoopbackNeedTLSAndAPassword() {
        // Both are known before connecting; the connection itself fails here (nothing listens).
        let f = CacheDoctor(timeoutSeconds: 1).check(CacheConfig(name: "upstash", provider: "upstash", role: .cache, url: "redis://:pw@192.0.2.1:6379/0"))
        #expect(f.first?.line.hasPrefix("✕ cache upstash: TLS off: redis:// sends the password and every key in clear") == true, "\(f.map(\.line))")
        #expect(!f.map(\.line).joined().contains(":pw@"))
    }

    @Test func theExitStatusIsTheWorstFinding() {
        let ok = DoctorFinding(.cache, "a", .ok, "fine"), warn = DoctorFinding(.shard, "b", .warning, "meh"), bad = DoctorFinding(.instance, "c", .critical, "down")
        #expect(DoctorReport(findings: [ok]).status.exitCode == 0)
        #expect(DoctorReport(findings: [ok, warn]).status.exitCode == 1)
        #expect(DoctorReport(findings: [warn, bad, ok]).status.exitCode == 2)
        #expect(DoctorReport(findings: []).status.exitCode == 3)
    }
}

/// Against the stack's real servers.
@Suite(.serialized) struct DoctorStackTests {
    @Test func aShardWithThePlatformsTablesButNoTriggerOrSecurityIsReportedUntilSchemaApply() throws {
        let topo = try TestEnvironment.isolatedTopology("doctor_schema")
        let shard = try #require(topo.shards.first { $0.name == "supabase" })
        let conn = try PGConnection(dsn: shard.dsn)
        try conn.execute(script: """
            CREATE TABLE users (id bigint PRIMARY KEY, display_name text NOT NULL, email text, phone text, created_at timestamptz NOT NULL DEFAULT now());
            CREATE TABLE bookings (id bigint PRIMARY KEY, user_id bigint NOT NULL, library_id bigint NOT NULL, owner_id bigint NOT NULL,
              seat_id bigint NOT NULL, starts_at timestamptz NOT NULL, ends_at timestamptz NOT NULL, status text NOT NULL,
              amount_paise integer NOT NULL DEFAULT 0, created_at timestamptz NOT NULL DEFAULT now(), updated_at timestamptz NOT NULL DEFAULT now());
            """)
        let doctor = ShardDoctor(topology: topo)
        let before = doctor.check(shard).map(\.line)
        #expect(before.contains { $0.hasPrefix("✕ shard supabase: booking changes are not pushed: trigger studyspot_bookings_notify on bookings is missing") }, "\(before)")
        #expect(before.contains { $0.hasPrefix("✕ shard supabase: row-level security off on ") && $0.contains("bookings") }, "\(before)")
        #expect(!before.contains { $0.contains("LISTEN will not work") }, "a direct connection LISTENs: \(before)")

        #expect(SchemaApplier(topology: topo, ownerPassword: TestEnvironment.ownerPassword).apply(to: shard).error == nil)
        let after = doctor.check(shard)
        #expect(after.map(\.severity) == [.ok], "\(after.map(\.line))")
    }

    @Test func aMissingColumnIsNamed() throws {
        let topo = try TestEnvironment.isolatedTopology("doctor_column")
        let shard = try #require(topo.shards.first { $0.name == "xata" })
        try PGConnection(dsn: shard.dsn).execute(script: "CREATE TABLE archived_bookings (id bigint PRIMARY KEY, owner_id bigint, starts_at timestamptz);")
        let lines = ShardDoctor(topology: topo).check(shard).map(\.line)
        #expect(lines.contains { $0.contains("table public.archived_bookings lacks column(s) user_id, library_id, seat_id, ends_at, status") }, "\(lines)")
    }

    @Test func anUnreachableShardGivesLibpqsReasonWithoutThePassword() throws {
        let shard = ShardConfig(name: "gone", provider: "neon", role: .users, users: UserRange(lower: 1, upper: 2),
                                dsn: "host=127.0.0.1 port=\(TestEnvironment.freeServerPort()) dbname=x user=u password=sekrit99")
        let f = ShardDoctor(topology: Topology(shards: [shard], caches: [], instances: [])).check(shard)
        #expect(f.count == 1 && f[0].severity == .critical)
        #expect(f[0].line.contains("unreachable:") && f[0].line.contains("refused"), "\(f[0].line)")
        #expect(!f[0].line.contains("sekrit99"))
    }

    @Test func listenThroughAPgBouncerInTransactionModeIsDetected() throws {
        let direct = try TestEnvironment.shard("neon")
        let topo = try TestEnvironment.topology()
        let doctor = ShardDoctor(topology: topo)
        let directFindings = doctor.check(direct)
        #expect(!directFindings.contains { $0.problem.hasPrefix("LISTEN will not work") }, "the direct connection LISTENs: \(directFindings.map(\.line))")
        try PgBouncerFixture.withPgBouncer(inFrontOf: direct.dsn) { pooled in
            var shard = direct
            shard.dsn = pooled
            // It does connect and query through the pooler: only LISTEN is lost.
            let conn = try PGConnection(dsn: pooled)
            #expect(try conn.query("SELECT 1 AS one").first?.int("one") == 1)
            let findings = doctor.check(shard)
            let listen = findings.filter { $0.problem.hasPrefix("LISTEN will not work") }
            #expect(listen.count == 1, "\(findings.map(\.line))")
            #expect(listen.first?.severity == .critical)
            #expect(listen.first?.line.contains("transaction pooler") == true)
        }
    }

    @Test func aLocalRedisIsFineAndAClosedInstancePortIsCritical() throws {
        let topo = try TestEnvironment.topology()
        let cache = try #require(topo.stateCache)
        #expect(CacheDoctor().check(cache).map(\.severity) == [.ok])
        let missing = InstanceConfig(name: "koyeb", provider: "koyeb", url: "http://127.0.0.1:\(TestEnvironment.freeServerPort())",
                                     priority: 4, weight: 2, sleeps: true)
        let f = InstanceDoctor(timeoutSeconds: 1).check(missing)
        #expect(f.count == 1 && f[0].severity == .critical && f[0].line.contains("/health not answering"), "\(f.map(\.line))")
    }
}

/// A catalog on Turso's HTTP API, checked against `scripts/fake-turso.py`
/// (the pipeline protocol over a real SQLite file).
@Suite struct DoctorTursoTests {
    func shard(_ server: FakeTurso, token: String) -> ShardConfig {
        ShardConfig(name: "catalog", provider: "turso", role: .catalog, users: nil, dsn: "", url: server.url, token: token)
    }

    @Test func aTursoCatalogThatAnswersIsOKWithItsLibraries() throws {
        let server = try FakeTurso()
        try server.seedCatalog()
        let f = ShardDoctor(topology: Topology(shards: [], caches: [], instances: [])).check(shard(server, token: server.token))
        #expect(f.map(\.severity) == [.ok], "\(f)")
        #expect(f.first?.line.contains("3 libraries") == true, "\(f)")
    }

    @Test func aRefusedTokenIsCriticalWithTheFixAndNeverShown() throws {
        let server = try FakeTurso()
        let f = ShardDoctor(topology: Topology(shards: [], caches: [], instances: [])).check(shard(server, token: "wrong-token-xyz"))
        #expect(f.map(\.severity) == [.critical], "\(f)")
        #expect(f.first?.line.contains("401") == true, "\(f)")
        #expect(f.first?.fix?.contains("token") == true, "\(f)")
        #expect(!f.map { $0.line + ($0.fix ?? "") }.joined().contains("wrong-token-xyz"))
    }
}
