import Foundation
import StudySpotCore
import StudySpotSchema
import StudySpotTestSupport
import StudySpotWire
import Testing

/// `schema apply` on databases shaped like the real platform's: tables that
/// exist with columns, rows, triggers, roles and row-level security of the
/// platform's own, each in a database of its own on the stack's servers.
@Suite(.serialized) struct SchemaAdoptionTests {
    /// The users shard `supabase` of an isolated topology, with the platform's tables.
    func platformShard(_ name: String, bookingsColumns: String = "updated_at timestamptz NOT NULL DEFAULT now(),") throws -> (SchemaApplier, ShardConfig, PGConnection) {
        let topo = try TestEnvironment.isolatedTopology(name)
        let shard = try #require(topo.shards.first { $0.name == "supabase" })
        let conn = try PGConnection(dsn: shard.dsn)
        try conn.execute(script: """
            CREATE TABLE users (id bigint PRIMARY KEY, display_name text NOT NULL, email text, phone text,
              created_at timestamptz NOT NULL DEFAULT now(), referral_code text);
            CREATE TABLE bookings (id bigint PRIMARY KEY, user_id bigint NOT NULL REFERENCES users, library_id bigint NOT NULL,
              owner_id bigint NOT NULL, seat_id bigint NOT NULL, starts_at timestamptz NOT NULL, ends_at timestamptz NOT NULL,
              status text NOT NULL, amount_paise integer NOT NULL DEFAULT 0, created_at timestamptz NOT NULL DEFAULT now(),
              \(bookingsColumns) coupon text);
            INSERT INTO users (id, display_name, referral_code) VALUES (7501, 'Asha', 'R-1'), (7502, 'Ravi', 'R-2');
            INSERT INTO bookings (id, user_id, library_id, owner_id, seat_id, starts_at, ends_at, status, coupon)
              VALUES (1, 7501, 1, 1, 1, now(), now() + interval '1 hour', 'reserved', 'DIWALI'),
                     (2, 7502, 1, 1, 2, now(), now() + interval '1 hour', 'checked_in', NULL);
            CREATE TABLE booking_audit (booking_id bigint, at timestamptz DEFAULT now());
            CREATE FUNCTION platform_audit() RETURNS trigger LANGUAGE plpgsql AS $f$
            BEGIN INSERT INTO booking_audit (booking_id) VALUES (NEW.id); RETURN NULL; END $f$;
            CREATE TRIGGER platform_audit AFTER INSERT OR UPDATE ON bookings FOR EACH ROW EXECUTE FUNCTION platform_audit();
            -- The platform runs row-level security of its own on users.
            ALTER TABLE users ENABLE ROW LEVEL SECURITY;
            CREATE POLICY platform_users_read ON users FOR SELECT TO PUBLIC USING (true);
            """)
        return (SchemaApplier(topology: topo, ownerPassword: TestEnvironment.ownerPassword), shard, conn)
    }

    func exists(_ conn: PGConnection, _ sql: String) throws -> Bool {
        try conn.query(sql).first?["present"] == "t"
    }

    @Test func adoptsThePlatformsTablesKeepingEveryRowColumnAndTrigger() throws {
        let (applier, shard, conn) = try platformShard("adopt_keep")
        // A role of the platform's own (its API), which does not own the tables.
        let appRole = "platform_app_\(UInt32.random(in: 0...UInt32.max))"
        try conn.query("CREATE ROLE \(try conn.quoteIdentifier(appRole)) NOLOGIN")
        try conn.query("GRANT SELECT, INSERT, UPDATE ON bookings, booking_audit TO \(try conn.quoteIdentifier(appRole))")
        defer {
            _ = try? conn.query("DROP OWNED BY \(try conn.quoteIdentifier(appRole))")
            _ = try? conn.query("DROP ROLE \(try conn.quoteIdentifier(appRole))")
        }

        let report = applier.apply(to: shard)
        #expect(report.error == nil && report.missingColumns.isEmpty, "\(report.line)")
        #expect(report.adopted == ["public.users", "public.bookings"], "\(report.adopted)")
        #expect(report.line.contains("adopted existing public.users, public.bookings"), "\(report.line)")
        #expect(!report.statements.contains { $0.contains("CREATE TABLE users") || $0.contains("CREATE TABLE bookings") })

        // Every row and every extra column is still there, with its values.
        #expect(try conn.query("SELECT count(*) AS n FROM bookings").first?.int("n") == 2)
        #expect(try conn.query("SELECT coupon FROM bookings WHERE id = 1").first?.string("coupon") == "DIWALI")
        #expect(try conn.query("SELECT referral_code FROM users WHERE id = 7502").first?.string("referral_code") == "R-2")
        // The platform's trigger stays and still fires; the console's is added beside it.
        #expect(try exists(conn, "SELECT EXISTS (SELECT 1 FROM pg_trigger WHERE tgname = 'platform_audit') AS present"))
        #expect(try exists(conn, "SELECT EXISTS (SELECT 1 FROM pg_trigger WHERE tgname = 'studyspot_bookings_notify') AS present"))
        let listener = try PGConnection(dsn: shard.dsn)
        try listener.listen("studyspot_bookings")
        try conn.query("UPDATE bookings SET status = 'completed' WHERE id = 2")
        var payloads: [String] = []
        _ = try TestEnvironment.waitUntil(timeout: 5) {
            payloads += try listener.waitForNotifications(timeout: 0.2).map(\.payload)
            return !payloads.isEmpty
        }
        #expect(payloads.contains { $0.contains("\"id\" : 2") && $0.contains("UPDATE") }, "\(payloads)")
        #expect(try conn.query("SELECT count(*) AS n FROM booking_audit WHERE booking_id = 2").first?.int("n") == 1)

        // Row-level security is on, and the platform's own role still sees and writes what it did.
        #expect(try exists(conn, "SELECT relrowsecurity AS present FROM pg_class WHERE oid = 'bookings'::regclass"))
        try conn.transaction {
            try conn.query("SET LOCAL ROLE \(try conn.quoteIdentifier(appRole))")
            #expect(try conn.query("SELECT count(*) AS n FROM bookings").first?.int("n") == 2)
            try conn.query("UPDATE bookings SET coupon = 'HOLI' WHERE id = 2")
        }
        // users had the platform's row-level security: its policy stays, nothing widens it,
        // and owners are held to their own customers by a restrictive policy.
        let policies = Set(try conn.query("SELECT policyname FROM pg_policies WHERE tablename = 'users'").rows.map { try $0.string("policyname") })
        #expect(policies == ["platform_users_read", "owner_customers", "owner_confine"], "\(policies)")

        // The version says what the console added and which tables it found.
        let version = try #require(try conn.query("SELECT version, adopted FROM studyspot_schema_version WHERE component = 'users'").first)
        #expect(try version.int("version") == 4)
        #expect(version["adopted"] == "{public.users,public.bookings}")

        let again = applier.apply(to: shard)
        #expect(again.applied.isEmpty && again.statements.isEmpty, "\(again.statements)")
        #expect(again.line.contains("up to date"), "\(again.line)")
    }

    @Test func aMissingColumnIsNamedAndNothingOnTheShardChanges() throws {
        let (applier, shard, conn) = try platformShard("adopt_missing", bookingsColumns: "")
        func snapshot() throws -> [String] {
            try conn.query("""
                SELECT 'rel ' || relname AS x FROM pg_class WHERE relnamespace = 'public'::regnamespace
                UNION ALL SELECT 'trigger ' || tgname FROM pg_trigger WHERE NOT tgisinternal
                UNION ALL SELECT 'policy ' || policyname FROM pg_policies
                UNION ALL SELECT 'rls ' || relname FROM pg_class WHERE relrowsecurity
                UNION ALL SELECT 'proc ' || proname FROM pg_proc WHERE pronamespace = 'public'::regnamespace
                ORDER BY 1
                """).rows.map { try $0.string("x") }
        }
        let before = try snapshot()
        let report = applier.apply(to: shard)
        #expect(report.missingColumns == [MissingColumn(table: "public.bookings", column: "updated_at")])
        #expect(report.line.contains("not changed: public.bookings lacks updated_at"), "\(report.line)")
        #expect(try snapshot() == before)
        #expect(try conn.query("SELECT count(*) AS n FROM bookings").first?.int("n") == 2)

        let (shards, owners) = applier.applyAll()
        #expect(owners == nil, "owner roles are not synced while a shard is refused")
        #expect(shards.first { $0.shard == "supabase" }?.missingColumns.count == 1)
    }

    @Test func aRoleThatDoesNotOwnTheTablesIsToldWhichRoleMustRunIt() throws {
        let (applier, shard, conn) = try platformShard("adopt_owner")
        let role = "adopt_not_owner_\(UInt32.random(in: 0...UInt32.max))"
        try conn.query("CREATE ROLE \(try conn.quoteIdentifier(role)) LOGIN PASSWORD \(try conn.quoteLiteral(TestEnvironment.ownerPassword))")
        defer {
            _ = try? conn.query("DROP OWNED BY \(try conn.quoteIdentifier(role))")
            _ = try? conn.query("DROP ROLE \(try conn.quoteIdentifier(role))")
        }
        var asOther = applier
        asOther.options.user = role
        asOther.options.password = TestEnvironment.ownerPassword
        let report = asOther.apply(to: shard)
        #expect(report.error?.contains("run `schema apply` with a DSN whose user owns the platform's tables") == true, "\(report.line)")
        #expect(!(try exists(conn, "SELECT to_regclass('public.studyspot_schema_version') IS NOT NULL AS present")))
        #expect(!(try exists(conn, "SELECT relrowsecurity AS present FROM pg_class WHERE oid = 'bookings'::regclass")))
    }

    @Test func aLaterVersionKeepsWhatTheFirstRunFound() throws {
        let topo = try TestEnvironment.isolatedTopology("adopt_upgrade")
        let shard = try #require(topo.shards.first { $0.name == "planetscale" })
        let applier = SchemaApplier(topology: topo, ownerPassword: TestEnvironment.ownerPassword)
        #expect(applier.apply(to: shard).adopted.isEmpty, "a fresh database: the console makes every table")
        let conn = try PGConnection(dsn: shard.dsn)
        try conn.query("UPDATE studyspot_schema_version SET version = 2 WHERE component = 'users'")
        let upgrade = applier.apply(to: shard)
        #expect(upgrade.applied.map(\.component) == ["users"] && upgrade.statements.isEmpty && upgrade.adopted.isEmpty, "\(upgrade.line)")
        #expect(try conn.query("SELECT adopted FROM studyspot_schema_version WHERE component = 'users'").first?["adopted"] == "{}")
        #expect(try conn.query("SELECT version FROM studyspot_schema_version WHERE component = 'users'").first?.int("version") == 4)
    }

    @Test func aDryRunPrintsTheSQLAndChangesNothing() throws {
        let (applier, shard, conn) = try platformShard("adopt_dry")
        let report = applier.apply(to: shard, dryRun: true)
        #expect(report.error == nil, "\(report.line)")
        let sql = report.statements.joined(separator: "\n")
        #expect(sql.contains("CREATE TRIGGER studyspot_bookings_notify"))
        #expect(sql.contains("ALTER TABLE bookings ENABLE ROW LEVEL SECURITY"))
        #expect(sql.contains("CREATE TABLE studyspot_owner_roles"))
        #expect(!sql.contains("CREATE TABLE bookings") && !sql.contains("DROP "))
        #expect(report.line.contains("would apply"), "\(report.line)")
        #expect(!(try exists(conn, "SELECT to_regclass('public.studyspot_schema_version') IS NOT NULL AS present")))
        #expect(!(try exists(conn, "SELECT EXISTS (SELECT 1 FROM pg_trigger WHERE tgname = 'studyspot_bookings_notify') AS present")))
        #expect(!(try exists(conn, "SELECT relrowsecurity AS present FROM pg_class WHERE oid = 'bookings'::regclass")))
        // The plan is what a real run then does.
        let real = applier.apply(to: shard)
        #expect(real.statements == report.statements)
    }
}
