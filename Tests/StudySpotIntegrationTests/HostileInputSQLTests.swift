import Foundation
import StudySpotMonitors
import StudySpotWire
import Testing
import StudySpotConfig
import StudySpotConsole
import StudySpotCore
import StudySpotTestSupport
import TerminalUI
@testable import studyspot

/// SQL-injection text typed into every search and filter of the real
/// console (keys through `update`), used as library names the Seats picker
/// searches and opens, and as instance names and alert ids the operator
/// drains and acknowledges — with the real monitors against the test stack.
/// Afterwards every table and its row count is unchanged, and the hostile
/// text landed verbatim where it was data (the audit log, the state cache).
@Suite("Security: hostile text through every search, filter and action", .serialized)
struct HostileInputSQLTests {
    static let hostile: [String] = [
        "'; DROP TABLE bookings; --",
        "' OR '1'='1",
        "$1",
        "\\",
        "\"quoted\" 'single' `back`",
        "Robert'); DELETE FROM seats;--",
        "$$; DROP TABLE owners; $$",
        "%_*?[]{}",
        "ज्ञान केंद्र \u{202E}مكتبة 👩‍👩‍👧",
        String(repeating: "x'; DROP TABLE users; --", count: 430), // ~10 KB
    ]

    /// Every table on every shard with its exact row count (the databases are this test's own).
    static func inventory(_ topo: Topology) throws -> [String: Int64] {
        var out: [String: Int64] = [:]
        for s in topo.shards {
            let c = try PGConnection(dsn: s.dsn)
            // Counted on the server (query_to_xml runs the count for each table): no SQL is built here.
            for row in try c.query("""
                SELECT format('%I.%I', schemaname, tablename) AS t,
                       (xpath('/row/n/text()', query_to_xml(format('SELECT count(*) AS n FROM %I.%I', schemaname, tablename), false, true, '')))[1]::text::bigint AS n
                FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')
                """).rows {
                out["\(s.name):\(try row.string("t"))"] = try row.int("n")
            }
        }
        return out
    }

    final class Console: @unchecked Sendable {
        let inbox = TestInbox<MonitorEvent>()
        var results: [(Bool, String)] = []
        var state: State
        var monitors: Monitors?
        init() { state = State(role: .operator, readOnly: false, size: Size(width: 160, height: 48)) }
        func post(_ e: MonitorEvent) { inbox.post(e) }
        func pump() {
            for e in inbox.take() {
                if case .instances(.actionResult(let ok, let m)) = e { results.append((ok, m)) }
                apply(.data(e))
            }
        }
        /// Folds an event as the UI loop does, handing effects to the monitors.
        func apply(_ e: Event) {
            let (next, effects) = update(state, e)
            state = next
            for fx in effects { monitors?.handle(fx) }
        }
        func keys(_ names: [String]) { for n in names { apply(.key(Key(name: n)!)) } }
        func type(_ text: String) { for c in text { apply(.key(.char(c))) } }
        func wait(_ timeout: Double, _ condition: (Console) -> Bool) -> Bool {
            TestEnvironment.waitUntil(timeout: timeout, wakingOn: inbox) { pump(); return condition(self) }
        }
    }

    @Test func hostileTextEverywhereChangesNoTableAndTravelsAsData() throws {
        let p = try TwoOwnerPlatform("sec_sqli")
        var topo = p.topology
        // Libraries named with the hostile texts (the picker searches and opens them).
        let cat = p.writer("catalog")
        for (i, name) in Self.hostile.enumerated() {
            let id = Int64(1_000 + i)
            try cat.query("INSERT INTO libraries (id, name, city, owner_id) VALUES ($1, $2, $2, $3)", [id, name, p.a])
            try cat.query("INSERT INTO seats (id, library_id, label, row_no, col_no) VALUES ($1, $1, $2, 1, 1)", [id, name])
        }
        for s in p.usersShards { try p.book(s, owner: p.a); try p.book(s, owner: p.b) }
        // Instances named with them (probes fail: nothing listens there); the state cache in a database of its own.
        topo.instances = Self.hostile.enumerated().map { i, name in
            InstanceConfig(name: name, provider: "fly", url: "http://127.0.0.1:9/\(i)", priority: 1, weight: 10, sleeps: false)
        }
        let stateIndex = try #require(topo.caches.firstIndex { $0.role == .state })
        topo.caches[stateIndex].url = topo.caches[stateIndex].url.replacingOccurrences(of: #"/\d+$"#, with: "/11", options: .regularExpression) // db 11: its own (HostileDataTests uses 13)
        let redis = try RedisConnection(url: topo.caches[stateIndex].url)
        try redis.command(["DEL", StateCacheKeys.drained, StateCacheKeys.alertAcks])
        let before = try Self.inventory(topo)
        #expect(before.count >= 12 && before["neon:public.bookings"] == 2)

        let base = try TestEnvironment.config()
        let config = ConsoleConfig(topology: topo, login: nil, quotas: base.quotas, console: base.console,
                                   keys: [:], keyLines: [:], source: base.source)
        let console = Console()
        let monitors = Monitors.start(config: config, options: DashboardOptions(role: .operator)) { console.post($0) }
        console.monitors = monitors
        defer { monitors.stopAll() }
        #expect(console.wait(30) { $0.state.instances.instances.count == Self.hostile.count && $0.state.seats.libraries.count >= Self.hostile.count })

        // `/` search on every pane, then each pane's filters.
        for pane in Pane.allCases {
            console.keys(["\(pane.number)"])
            for text in Self.hostile {
                // Esc clears the previous filter (the search opens on it, to edit it).
                console.keys(["Esc", "/"]); console.type(text); console.keys(["Enter"])
                #expect(console.state.searchQuery == text)
            }
            console.keys(["Esc"])
        }
        console.keys(["2", "f", "f", "s", "s", "b", "x", "/"]); console.type(Self.hostile[0]); console.keys(["Enter", "b", "x"])
        // The Seats picker: search each hostile library name and open it (a selectLibrary effect to the monitors).
        for (i, name) in Self.hostile.enumerated() {
            console.keys(["3", "Esc", "Esc", "o", "/"]); console.type(name); console.keys(["Enter", "Enter"])
            let id = Int64(1_000 + i)
            #expect(console.wait(10) { $0.state.seats.map?.library.id == id }, "library \(i) did not open")
        }
        // Drain every hostile instance and acknowledge its alert, through the dialogs.
        console.keys(["5"])
        #expect(console.wait(30) { c in c.state.alerts.alerts.count >= Self.hostile.count })
        for (i, inst) in console.state.instances.instances.enumerated() {
            console.keys(["g"] + Array(repeating: "j", count: i) + ["d"])
            guard case .confirm(_, let dialog) = console.state.overlay, let phrase = dialog.phrase else { Issue.record("no dialog for \(i)"); continue }
            #expect(phrase == "drain \(inst.name)")
            console.type(phrase); console.keys(["Enter"])
        }
        #expect(console.wait(60) { $0.results.count >= Self.hostile.count }, "\(console.results)")
        console.keys(["8"])
        let alerts = console.state.alerts.alerts
        for alert in alerts {
            // Found again each time: acknowledged alerts may move in the list.
            guard let i = console.state.alerts.alerts.firstIndex(where: { $0.id == alert.id }) else { continue }
            console.keys(["g"] + Array(repeating: "j", count: i) + ["a", "Enter"])
        }
        #expect(console.wait(60) { $0.results.count >= Self.hostile.count + alerts.count }, "\(console.results)")
        #expect(console.results.allSatisfy { $0.0 }, "\(console.results.filter { !$0.0 })")

        // The hostile names arrived as data, verbatim.
        let drained = Set(try redis.command(["SMEMBERS", StateCacheKeys.drained]).array?.compactMap(\.string) ?? [])
        #expect(drained == Set(Self.hostile))
        let ops = p.writer(try #require(topo.opsShard).name)
        let audited = try ops.query("SELECT action, target FROM ops.audit_log").rows.map { (try $0.string("action"), try $0.string("target")) }
        #expect(Set(audited.filter { $0.0 == "instances.drain" }.map(\.1)) == Set(Self.hostile))
        #expect(Set(audited.filter { $0.0 == "alerts.ack" }.map(\.1)) == Set(alerts.map(\.id)))
        try redis.command(["DEL", StateCacheKeys.drained, StateCacheKeys.alertAcks])

        // Every table is still there, with the same rows (plus exactly the audit rows the actions wrote).
        var after = try Self.inventory(topo)
        let opsKey = "\(topo.opsShard!.name):ops.audit_log"
        #expect(after[opsKey] == Int64(audited.count) && audited.count == Self.hostile.count + alerts.count)
        after[opsKey] = before[opsKey]
        #expect(after == before)
    }

    /// Arrays travel as one parameter; hostile elements come back intact.
    @Test func arrayParametersCarryHostileTextIntact() throws {
        let c = try PGConnection(dsn: try TestEnvironment.shard("neon").dsn)
        let back = try c.query("SELECT unnest($1::text[]) AS s", [PGArray(strings: Self.hostile + [nil, "", "{}", ",", "NULL"])]).rows.map { $0["s"] }
        #expect(back == (Self.hostile + [nil, "", "{}", ",", "NULL"]).map { $0 })
        for text in Self.hostile {
            #expect(try c.query("SELECT $1::text AS s, length($1::text) AS n", [text]).first?.string("s") == text)
            #expect(try c.query("SELECT count(*) AS n FROM bookings WHERE status = $1", [text]).first?.int("n") == 0)
        }
    }
}
