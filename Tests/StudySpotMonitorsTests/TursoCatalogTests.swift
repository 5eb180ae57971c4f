import Foundation
@testable import StudySpotMonitors
import StudySpotWire
import StudySpotConfig
import StudySpotCore
import StudySpotTestSupport
import Testing

/// A catalog shard with `provider = "turso"` read over Turso's HTTP API,
/// against `scripts/fake-turso.py` (the pipeline protocol over a real
/// SQLite file), with the users shards of the local stack.
@Suite(.serialized) struct TursoCatalogTests {
    /// The stack's topology with its catalog replaced by the fake Turso server.
    static func topology(_ server: FakeTurso, token: String? = nil) throws -> Topology {
        var topo = try TestEnvironment.topology()
        let i = try #require(topo.shards.firstIndex { $0.role == .catalog })
        topo.shards[i] = ShardConfig(name: "catalog", provider: "turso", role: .catalog, users: nil, dsn: "",
                                     url: server.url, token: token ?? server.token)
        return topo
    }

    @Test func theSeatMapMonitorDrawsALibraryReadFromTurso() throws {
        let server = try FakeTurso()
        try server.seedCatalog()
        let counter = OperationCounter()
        let topo = try Self.topology(server)
        let seen = Collected<SeatMapMonitor.Output>()
        let m = SeatMapMonitor(topology: topo, login: nil, catalog: CatalogCache(topology: topo, login: nil, counter: counter),
                               counter: counter) { seen.add($0) }
        m.start()
        defer { m.stop() }
        #expect(TestEnvironment.waitUntil(timeout: 20) {
            seen.all.contains { if case .map = $0 { true } else { false } }
        })
        var libraries: [SeatLibrary] = [], map: SeatMapSnapshot?
        for o in seen.all {
            switch o {
            case .libraries(let l): libraries = l
            case .map(let s): map = s
            case .failed(_, let message): Issue.record("failed: \(message)")
            case .grid, .gridFailed: Issue.record("the grid is read only when asked for")
            }
        }
        // Active libraries only, by name; the first one's map is loaded at once.
        #expect(libraries.map(\.name) == ["Second Library", "Turso Reading Room"])
        let snapshot = try #require(map)
        #expect(snapshot.library.name == "Second Library" && snapshot.library.city == "Delhi")
        let full = m.load(libraryId: 101)
        guard case .map(let s) = full else { Issue.record("no map: \(full)"); return }
        #expect(s.library.name == "Turso Reading Room" && s.library.ownerId == 1)
        #expect(s.seats.map(\.label) == ["A1", "A2", "B1"])
        #expect(s.seats.map(\.state) == ["open", "maintenance", "open"])
        #expect(s.seats.map(\.row) == [1, 1, 2])
        // Counted against the catalog like any other target.
        #expect((counter.today()["catalog"] ?? 0) >= 4)
        // The owner's grid: every library's seats in one read of Turso, each in layout order.
        guard case .grid(let maps) = m.loadGrid(libraries) else { Issue.record("no grid"); return }
        #expect(maps.map(\.library.name) == ["Second Library", "Turso Reading Room"])
        #expect(maps.last?.seats.map(\.label) == ["A1", "A2", "B1"])
        #expect(maps.allSatisfy { m in m.seats.allSatisfy { $0.libraryId == m.library.id } })
    }

    @Test func feedNamesComeFromTursoInOneBatch() throws {
        let server = try FakeTurso()
        try server.seedCatalog()
        let catalog = CatalogCache(topology: try Self.topology(server), login: nil)
        func record(_ library: Int64, _ seat: Int64, owner: Int64) -> BookingRecord {
            BookingRecord(id: seat, shard: "neon", userId: 1, userName: nil, libraryId: library, ownerId: owner, seatId: seat,
                          startsAt: Date(), endsAt: Date().addingTimeInterval(3600), status: .reserved, amountPaise: 0,
                          createdAt: Date(), updatedAt: Date())
        }
        var records = [record(101, 1003, owner: 1), record(102, 2001, owner: 1), record(999, 1, owner: 1)]
        catalog.annotate(&records)
        #expect(records[0].libraryName == "Turso Reading Room" && records[0].seatLabel == "B1" && records[0].catalogMatch == .found)
        #expect(records[1].seatLabel == "Q1" && records[1].catalogMatch == .ownerMismatch)
        #expect(records[2].catalogMatch == .libraryMissing)
    }

    /// Turso has no login roles: an owner's console is kept to its own
    /// libraries by the statements (owners.db_role).
    @Test func anOwnersConsoleSeesOnlyItsLibraries() throws {
        let server = try FakeTurso()
        try server.seedCatalog()
        let topo = try Self.topology(server)
        let catalog = CatalogCache(topology: topo, login: LoginConfig(user: "owner_t2", password: nil))
        #expect(try catalog.libraries().map(\.id) == [102])
        #expect(try catalog.seatLayout(libraryId: 101) == nil)
        #expect(try catalog.seatLayout(libraryId: 102)?.1.map(\.label) == ["Q1"])
        let stranger = CatalogCache(topology: topo, login: LoginConfig(user: "nobody", password: nil))
        #expect(try stranger.libraries().isEmpty)
    }

    @Test func aWrongTokenAndAnErrorResultReachTheSeatsPaneAsMessages() throws {
        let server = try FakeTurso()
        try server.seedCatalog()
        let refused = try Self.topology(server, token: "not-the-token")
        let m = SeatMapMonitor(topology: refused, login: nil, catalog: CatalogCache(topology: refused, login: nil)) { _ in }
        guard case .failed(_, let message) = m.load(libraryId: 101) else { Issue.record("a refused token loaded a map"); return }
        #expect(message.hasPrefix("401: token refused") && !message.contains("not-the-token"))

        // A catalog whose seats table lacks a column: Turso answers with an error result.
        try server.run([HranaStatement("ALTER TABLE seats RENAME COLUMN zone TO area")])
        let topo = try Self.topology(server)
        let ok = SeatMapMonitor(topology: topo, login: nil, catalog: CatalogCache(topology: topo, login: nil)) { _ in }
        guard case .failed(_, let error) = ok.load(libraryId: 101) else { Issue.record("a broken catalog loaded a map"); return }
        #expect(error.hasPrefix("Turso returned an error for \"SELECT s.id, s.library_id, s.label, s.zone"))
        #expect(error.hasSuffix("no such column: s.zone"))
    }

    @Test func garbageFromTursoIsAFailedLoadNotACrash() throws {
        let server = try FakeTurso()
        try server.seedCatalog()
        let topo = try Self.topology(server)
        let m = SeatMapMonitor(topology: topo, login: nil, catalog: CatalogCache(topology: topo, login: nil)) { _ in }
        for fault in ["garbage", "truncated"] {
            try server.fault(fault)
            guard case .failed(_, let message) = m.load(libraryId: 101) else { Issue.record("\(fault) loaded a map"); continue }
            #expect(message.hasPrefix("Turso's reply is not a pipeline result"))
        }
        try server.fault("none")
        guard case .map = m.load(libraryId: 101) else { Issue.record("no recovery after the faults"); return }
    }

    /// The Shards pane: reachability, latency and size over HTTP; a killed
    /// server turns the shard unreachable, and it recovers when it returns.
    @Test func theShardMonitorShowsTursoReachabilityAndRecovers() throws {
        let server = try FakeTurso()
        let shard = try #require(try Self.topology(server).catalogShard)
        let counter = OperationCounter()
        let seen = Collected<ShardHealth>()
        let m = ShardMonitor(shard: shard, quotas: QuotaCatalog.entries, interval: 0.2, counter: counter) { seen.add($0) }
        m.start()
        defer { m.stop() }
        #expect(TestEnvironment.waitUntil(timeout: 10) { seen.last?.reachable != nil })
        let h = try #require(seen.last)
        #expect(h.reachable == true && h.error == nil)
        #expect((h.latency ?? -1) >= 0)
        #expect((h.sizeBytes ?? 0) >= 4096)  // SQLite pages: the catalog tables exist
        #expect(h.limitBytes != nil)         // Turso's storage from the quota catalog
        #expect(h.connections == nil && h.usersEstimate == nil)
        #expect((counter.today()["catalog"] ?? 0) >= 1)

        server.kill()
        // A request in flight at the kill reads "connection reset by peer";
        // the polls after it find the port closed.
        #expect(TestEnvironment.waitUntil(timeout: 10) {
            seen.last?.reachable == false && seen.last?.error?.contains("connection refused") == true
        })
        try server.start()
        #expect(TestEnvironment.waitUntil(timeout: 10) { seen.last?.reachable == true })
    }

    @Test func theRegistryListsEveryTursoStatementAndSQLiteRunsThem() throws {
        let server = try FakeTurso()
        try server.seedCatalog()
        let names = ConsoleStatements.all.filter { $0.shards == .turso }.map(\.name)
        #expect(names.count == 8)
        let c = try HranaClient(url: server.url, token: server.token)
        // EXPLAIN QUERY PLAN of each: valid SQLite, and no full scan of seats.
        for s in ConsoleStatements.all where s.shards == .turso {
            let args: [HranaValue] = s.sql.contains("?2") ? [s.sql.contains("json_each") ? .text("[101]") : .integer(101), .null] : []
            let plan = try c.query("EXPLAIN QUERY PLAN " + s.sql, args).rows.compactMap { try? $0.string("detail") }
            let seatScan = plan.contains { $0 == "SCAN seats" || $0 == "SCAN s" || $0.hasPrefix("SCAN seats ") || $0.hasPrefix("SCAN s ") }
            #expect(!seatScan, "\(s.name): \(plan)")
        }
    }
}
