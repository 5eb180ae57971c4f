import Foundation
import StudySpotDevStack
import StudySpotSchema
import StudySpotWire
import Testing
import StudySpotConfig
import StudySpotConsole
import StudySpotCore
import StudySpotTestSupport
import TerminalUI
@testable import studyspot

/// Two owners, A and B, on databases of their own (isolated from the other
/// suites, so every notification on them is ours). Rows of both on every
/// users shard, the archive and the catalog, written as the platform would.
final class TwoOwnerPlatform: @unchecked Sendable {
    let topology: Topology
    let tag = UInt32.random(in: 0...UInt32.max)
    var a: Int64 { 100 }
    var b: Int64 { 200 }
    var roleA: String { "sec_rls_\(tag)_a" }
    var roleB: String { "sec_rls_\(tag)_b" }
    var libraryA: String { "Alpha Reading Room \(tag)" }
    var libraryB: String { "Bravo Secret Hall \(tag)" }
    var usersShards: [ShardConfig] { topology.shards.filter { $0.role == .users } }
    private var writers: [String: PGConnection] = [:]
    private var nextId: Int64 = 1_000

    init(_ name: String) throws {
        topology = try TestEnvironment.isolatedTopology(name)
        let applier = SchemaApplier(topology: topology, ownerPassword: TestEnvironment.ownerPassword)
        for r in applier.applyAll().shards { if let e = r.error { throw FixtureError("schema apply: \(e)") } }
        for s in topology.shards { writers[s.name] = try PGConnection(dsn: s.dsn) }
        let cat = writer("catalog")
        try cat.query("INSERT INTO owners (id, display_name, db_role) VALUES ($1, 'Owner A', $2), ($3, 'Owner B', $4)", [a, roleA, b, roleB])
        try cat.query("INSERT INTO libraries (id, name, city, owner_id) VALUES ($1, $2, 'Pune', $1), ($3, $4, 'Kota', $3)", [a, libraryA, b, libraryB])
        for owner in [a, b] {
            for n in 1...4 {
                try cat.query("INSERT INTO seats (id, library_id, label, row_no, col_no) VALUES ($1, $2, $3, 1, $4)",
                              [owner * 100 + Int64(n), owner, "S\(n)", n])
            }
        }
        _ = try applier.syncOwnerRoles()
        for s in usersShards {
            try writer(s.name).query("""
                INSERT INTO users (id, display_name, email, phone) VALUES ($1, 'Customer of A', 'a@example.com', '+91 1'),
                                                                       ($2, 'Customer of B', 'b@example.com', '+91 2')
                """, [customer(s, of: a), customer(s, of: b)])
        }
    }

    func writer(_ shard: String) -> PGConnection { writers[shard]! }

    func customer(_ shard: ShardConfig, of owner: Int64) -> Int64 { shard.users!.lower + (owner == a ? 1 : 2) }

    /// A booking of `owner`'s library on `shard`, happening now.
    @discardableResult
    func book(_ shard: ShardConfig, owner: Int64, seat: Int = 1) throws -> Int64 {
        nextId += 1
        try writer(shard.name).query("""
            INSERT INTO bookings (id, user_id, library_id, owner_id, seat_id, starts_at, ends_at, status, amount_paise)
            VALUES ($1, $2, $3, $3, $4, now() - interval '5 minutes', now() + interval '2 hours', 'checked_in', 4200)
            """, [nextId, customer(shard, of: owner), owner, owner * 100 + Int64(seat)])
        return nextId
    }

    func archive(owner: Int64) throws -> Int64 {
        nextId += 1
        let xata = topology.shards.first { $0.role == .archive }!
        try writer(xata.name).query("""
            INSERT INTO archived_bookings (id, user_id, library_id, owner_id, seat_id, starts_at, ends_at, status)
            VALUES ($1, 1, $2, $2, $3, now() - interval '200 days', now() - interval '200 days', 'completed')
            """, [nextId, owner, owner * 100 + 1])
        return nextId
    }

    func asOwner(_ shard: ShardConfig, _ role: String? = nil) throws -> PGConnection {
        var o = PGConnectOptions()
        o.user = role ?? roleA
        o.password = TestEnvironment.ownerPassword
        return try PGConnection(dsn: shard.dsn, options: o)
    }

    var login: LoginConfig { LoginConfig(user: roleA, password: TestEnvironment.ownerPassword) }
}

struct FixtureError: Error, CustomStringConvertible {
    var description: String
    init(_ d: String) { description = d }
}

@Suite("Security: row-level security for owners, table by table and through the live console", .serialized)
struct OwnerRowLevelSecurityTests {
    /// Every table an owner's role may read, on any shard, and the column that confines it.
    static let ownerVisible: Set<String> = ["owners", "libraries", "seats", "users", "bookings", "archived_bookings", "studyspot_owner_roles"]

    @Test func everyTableAnOwnerMayReadHasRowLevelSecurityAndShowsOnlyItsOwnRows() throws {
        let p = try TwoOwnerPlatform("sec_rls_tables")
        var mine: [String: Int64] = [:], theirs: [String: Int64] = [:]
        for s in p.usersShards { mine[s.name] = try p.book(s, owner: p.a); theirs[s.name] = try p.book(s, owner: p.b) }
        let archivedA = try p.archive(owner: p.a), archivedB = try p.archive(owner: p.b)

        for shard in p.topology.shards {
            let admin = p.writer(shard.name)
            // The schema's grants, read from the server: any table the owner group may SELECT must be covered here and have RLS on.
            let granted = try admin.query("""
                SELECT c.relname, c.relrowsecurity, n.nspname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE c.relkind IN ('r', 'v', 'm', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema')
                  AND has_table_privilege('studyspot_owner', c.oid, 'SELECT')
                """).rows.map { (try $0.string("relname"), $0["relrowsecurity"] == "t", try $0.string("nspname")) }
            for (table, rls, schema) in granted {
                #expect(Self.ownerVisible.contains(table) && schema == "public", "\(shard.name): owners may read \(schema).\(table), which this test does not cover")
                #expect(rls, "\(shard.name): \(table) is readable by owners without row-level security")
            }
            // Column grants count too (users.display_name).
            let columns = try admin.query("""
                SELECT DISTINCT table_name FROM information_schema.column_privileges
                WHERE grantee = 'studyspot_owner' AND privilege_type = 'SELECT'
                """).rows.map { try $0.string("table_name") }
            for t in columns { #expect(Self.ownerVisible.contains(t), "\(shard.name): owners may read columns of \(t)") }

            let o = try p.asOwner(shard)
            let other = try p.asOwner(shard, p.roleB)
            switch shard.role {
            case .catalog:
                #expect(try o.query("SELECT id FROM owners").rows.map { try $0.int("id") } == [p.a])
                #expect(try o.query("SELECT id FROM libraries").rows.map { try $0.int("id") } == [p.a])
                #expect(try o.query("SELECT DISTINCT library_id FROM seats").rows.map { try $0.int("library_id") } == [p.a])
                #expect(try other.query("SELECT id FROM libraries").rows.map { try $0.int("id") } == [p.b])
                // Asked by id, the other owner's rows are not there.
                #expect(try o.query("SELECT 1 FROM seats WHERE library_id = $1", [p.b]).count == 0)
                for sql in ["UPDATE libraries SET name = 'x'", "DELETE FROM seats", "INSERT INTO owners (id, display_name) VALUES (9, 'x')",
                            "UPDATE owners SET db_role = current_user"] {
                    expectError { try o.query(sql) } matching: { ($0 as? PGError)?.sqlstate == "42501" }
                }
            case .users:
                #expect(try o.query("SELECT id FROM bookings").rows.map { try $0.int("id") } == [mine[shard.name]!])
                #expect(try other.query("SELECT id FROM bookings").rows.map { try $0.int("id") } == [theirs[shard.name]!])
                #expect(try o.query("SELECT count(*) AS n FROM bookings WHERE owner_id = $1", [p.b]).first?.int("n") == 0)
                // Only the names of its own customers; never e-mail or phone.
                #expect(try o.query("SELECT display_name FROM users").rows.map { try $0.string("display_name") } == ["Customer of A"])
                expectError { try o.query("SELECT email FROM users") } matching: { ($0 as? PGError)?.sqlstate == "42501" }
                expectError { try o.query("SELECT phone FROM users WHERE id = $1", [p.customer(shard, of: p.a)]) } matching: { ($0 as? PGError)?.sqlstate == "42501" }
                #expect(try o.query("SELECT db_role FROM studyspot_owner_roles").rows.map { try $0.string("db_role") } == [p.roleA])
                for sql in ["UPDATE bookings SET status = 'cancelled'", "DELETE FROM bookings",
                            "INSERT INTO studyspot_owner_roles (db_role, owner_id) VALUES (current_user, 200)",
                            "UPDATE studyspot_owner_roles SET owner_id = 200"] {
                    expectError { try o.query(sql) } matching: { ($0 as? PGError)?.sqlstate == "42501" }
                }
                if shard.name == p.topology.opsShard?.name {
                    // The ops schema is not the owners' at all.
                    for sql in ["SELECT * FROM ops.audit_log", "SELECT * FROM ops.usage_samples",
                                "INSERT INTO ops.audit_log (actor, role, action, target) VALUES ('o', 'operator', 'instances.drain', 'x')"] {
                        expectError { try o.query(sql) } matching: { ($0 as? PGError)?.sqlstate == "42501" }
                    }
                }
            case .archive:
                #expect(try o.query("SELECT id FROM archived_bookings").rows.map { try $0.int("id") } == [archivedA])
                #expect(try other.query("SELECT id FROM archived_bookings").rows.map { try $0.int("id") } == [archivedB])
                expectError { try o.query("DELETE FROM archived_bookings") } matching: { ($0 as? PGError)?.sqlstate == "42501" }
            }
            // No owner can turn the confinement off or become someone else.
            for sql in ["ALTER TABLE \(shard.role == .catalog ? "libraries" : shard.role == .archive ? "archived_bookings" : "bookings") DISABLE ROW LEVEL SECURITY",
                        "SET ROLE \(p.roleB)", "SET row_security = off"] {
                let refused: Bool
                do {
                    try o.query(sql)
                    // `SET row_security = off` is allowed but then errors on any query RLS would filter.
                    refused = sql.hasPrefix("SET row_security")
                        && ((try? o.query(shard.role == .catalog ? "SELECT 1 FROM libraries" : shard.role == .archive ? "SELECT 1 FROM archived_bookings" : "SELECT 1 FROM bookings")) == nil)
                    _ = try? o.query("RESET row_security")
                } catch { refused = true }
                #expect(refused, "\(shard.name): an owner ran \(sql)")
            }
        }
    }

    /// The real console as owner A — `Monitors.start` with `--role owner`
    /// and A's `[login]` — while B's bookings are written on every users
    /// shard: A's feed hears each notification (its listening session re-reads,
    /// seen in pg_stat_activity) and gets nothing back; A's own rows appear.
    @Test func theOwnersConsoleHearsEveryNotificationButShowsOnlyItsOwnRows() throws {
        let p = try TwoOwnerPlatform("sec_rls_feed")
        // Some of each owner's bookings exist before the console starts (the initial load).
        var before: [Int64] = []
        for s in p.usersShards { before.append(try p.book(s, owner: p.b)); _ = try p.book(s, owner: p.a, seat: 2) }

        let base = try TestEnvironment.config()
        // Caches and instances under names of this test's own, to see that an owner's console never touches them.
        var topo = p.topology
        for i in topo.caches.indices { topo.caches[i].name = "sec-owner-\(p.tag)-\(topo.caches[i].name)" }
        for i in topo.instances.indices { topo.instances[i].name = "sec-owner-\(p.tag)-\(topo.instances[i].name)" }
        let untouched = topo.caches.map(\.name) + topo.instances.map(\.name)
        let config = ConsoleConfig(topology: topo, login: p.login, quotas: base.quotas, console: base.console,
                                   keys: [:], keyLines: [:], source: base.source)
        let console = OwnerConsole()
        let monitors = Monitors.start(config: config, options: DashboardOptions(role: .owner)) { console.post($0) }
        defer { monitors.stopAll() }
        #expect(console.wait(20) { s in s.bookings.loaded && p.usersShards.allSatisfy { s.bookings.shardStatus[$0.name] == "live" } },
                "\(console.state.bookings.shardStatus)")

        var theirs = before, mine: [Int64] = []
        for shard in p.usersShards {
            let admin = p.writer(shard.name)
            let t0 = try #require(try admin.query("SELECT clock_timestamp()::text AS t").first?.string("t"))
            let id = try p.book(shard, owner: p.b, seat: 3)
            theirs.append(id)
            // Heard: a session of A's (the feed, connected with A's login) re-read notified ids after B's insert.
            let heard = TestEnvironment.waitUntil(timeout: 10) {
                let n = (try? admin.query("""
                    SELECT count(*) AS n FROM pg_stat_activity WHERE usename = $1 AND datname = current_database()
                      AND query LIKE '%ANY($1::bigint[])%' AND query_start > $2::timestamptz
                    """, [p.roleA, t0]).first?.int("n")) ?? 0
                return n > 0
            }
            #expect(heard, "\(shard.name): owner A's console did not re-read after B's notification")
            mine.append(try p.book(shard, owner: p.a, seat: 4))
        }
        // A's own rows all arrive (after B's on each shard, so B's were handled first)…
        #expect(console.wait(15) { s in Set(mine).isSubset(of: Set(s.bookings.feed.newestFirst.map(\.id))) }, "\(console.state.bookings.feed.newestFirst.map(\.id))")
        let shown = console.state.bookings.feed.newestFirst
        // …and not one of B's, on the screen or in the state.
        #expect(shown.allSatisfy { $0.ownerId == p.a })
        #expect(Set(shown.map(\.id)).isDisjoint(with: theirs))
        let screen = console.screen(.bookings)
        #expect(screen.contains(p.libraryA))
        #expect(!screen.contains(p.libraryB) && !screen.contains("Customer of B"))

        // The seat map, through the same effect the picker sends: B's library is not there to load; A's shows A's seats only.
        #expect(console.wait(10) { $0.seats.libraries.map(\.id) == [p.a] }, "\(console.state.seats.libraries)")
        monitors.handle(.selectLibrary(id: p.b))
        #expect(console.wait(10) { _ in console.failures.contains(p.b) })
        monitors.handle(.selectLibrary(id: p.a))
        #expect(console.wait(10) { $0.seats.map?.library.id == p.a && $0.seats.map?.bookings.isEmpty == false })
        let map = try #require(console.state.seats.map)
        #expect(map.seats.allSatisfy { $0.libraryId == p.a })
        #expect(map.bookings.allSatisfy { $0.ownerId == p.a })
        #expect(!console.screen(.seats).contains(p.libraryB))
        // The owner's console opened no cache (no Redis key is an owner's to read) and probed no instance.
        let spent = monitors.counter.today()
        #expect(untouched.allSatisfy { (spent[$0] ?? 0) == 0 }, "\(spent.filter { untouched.contains($0.key) })")
        #expect((spent["catalog"] ?? 0) > 0, "the counter counts the owner's own statements")
    }
}

/// Folds what the monitors post into a console state, as the UI loop does.
final class OwnerConsole: @unchecked Sendable {
    private let inbox = TestInbox<MonitorEvent>()
    private(set) var failures: Set<Int64> = []
    var state = State(role: .owner, readOnly: false, size: Size(width: 200, height: 50))

    func post(_ e: MonitorEvent) { inbox.post(e) }

    func pump() {
        for e in inbox.take() {
            if case .seats(.failed(let id, _)) = e { failures.insert(id) }
            state = update(state, .tick(Date())).0
            state = update(state, .data(e)).0
        }
    }

    func wait(_ timeout: Double, _ condition: (State) -> Bool) -> Bool {
        TestEnvironment.waitUntil(timeout: timeout, wakingOn: inbox) { pump(); return condition(state) }
    }

    func screen(_ pane: Pane) -> String {
        var s = state
        s.pane = pane
        var b = Buffer(size: s.size)
        view(s, into: &b)
        return b.trimmedTextDump
    }
}
