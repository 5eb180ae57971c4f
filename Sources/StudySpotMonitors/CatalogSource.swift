import Foundation
import StudySpotCore
import StudySpotWire

/// Where the catalog's rows come from: PostgreSQL through libpq, or Turso
/// through its HTTP API (SQLite's dialect). `CatalogCache` reads through
/// one, so the booking feed, the seat map and the library picker work the
/// same on either. Called under the cache's lock (one call at a time).
protocol CatalogSource: AnyObject {
    /// Active libraries this console may see, by name, at most `limit`.
    func libraries(limit: Int) throws -> [SeatLibrary]
    /// One library, nil when it is not there for this console.
    func library(id: Int64) throws -> SeatLibrary?
    /// A library's seats in layout order (zone, row, column).
    func seats(libraryId: Int64) throws -> [SeatInfo]
    /// The seats of several libraries in one read, each library's in layout order (the owner's grid).
    func seats(libraryIds: [Int64]) throws -> [SeatInfo]
    /// Libraries and seat labels for a batch of library ids, within `deadline` seconds.
    func names(libraryIds: [Int64], deadline: Double) throws -> (libraries: [SeatLibrary], labels: [Int64: SeatLabelTable])
    /// Only the libraries of a batch of ids (the names' refresh: seat labels are not read again).
    func libraryNames(ids: [Int64], deadline: Double) throws -> [SeatLibrary]
    /// Forgets the connection after a failure (the next call opens another).
    func reset()
}

/// The catalog on PostgreSQL: one connection, row-level security through
/// the console's login role.
final class PostgresCatalogSource: CatalogSource {
    private let dsn: String
    private let options: PGConnectOptions
    private var connection: PGConnection?

    init(dsn: String, options: PGConnectOptions) { self.dsn = dsn; self.options = options }

    private func connected() throws -> PGConnection {
        if let c = connection, c.isAlive { return c }
        let c = try PGConnection(dsn: dsn, options: options)
        connection = c
        return c
    }

    func reset() { connection = nil }

    func libraries(limit: Int) throws -> [SeatLibrary] {
        try connected().query(CatalogCache.librariesSQL, [limit]).rows.map(Self.library)
    }

    func library(id: Int64) throws -> SeatLibrary? {
        try connected().query(CatalogCache.libraryByIdSQL, [id]).first.map(Self.library)
    }

    func seats(libraryId: Int64) throws -> [SeatInfo] {
        try connected().query(CatalogCache.seatLayoutSQL, [libraryId]).rows.map(Self.seat)
    }

    private static func seat(_ row: PGRow) throws -> SeatInfo {
        SeatInfo(id: try row.int("id"), libraryId: try row.int("library_id"), label: try row.string("label"),
                 zone: try row.string("zone"), row: Int(try row.int("row_no")), column: Int(try row.int("col_no")),
                 state: try row.string("state"))
    }

    func seats(libraryIds: [Int64]) throws -> [SeatInfo] {
        try connected().query(CatalogCache.seatsOfLibrariesSQL, [PGArray(libraryIds)]).rows.map(Self.seat)
    }

    func names(libraryIds ids: [Int64], deadline: Double) throws -> (libraries: [SeatLibrary], labels: [Int64: SeatLabelTable]) {
        let c = try connected()
        // The feed's threads wait here: a hung catalog must hold the live feed
        // for a moment, not the full deadline (found by the fault suite).
        let normal = c.callTimeoutSeconds
        c.callTimeoutSeconds = min(normal, deadline)
        defer { c.callTimeoutSeconds = normal }
        let libs = try c.query(CatalogCache.librariesByIdsSQL, [PGArray(ids)]).rows.map(Self.library)
        // Row by row: the first batch names hundreds of libraries, tens of
        // thousands of seats (Benchmarks/README.md, "Footprint: start-up").
        var labels: [Int64: [(seat: Int64, label: String)]] = [:]
        try c.forEachRow(CatalogCache.seatLabelsSQL, [PGArray(ids)], columns: ["library_id", "id", "label"]) { r in
            labels[try r.int(0), default: []].append((seat: try r.int(1), label: try r.string(2)))
        }
        return (libs, labels.mapValues { SeatLabelTable($0) })
    }

    func libraryNames(ids: [Int64], deadline: Double) throws -> [SeatLibrary] {
        let c = try connected()
        let normal = c.callTimeoutSeconds
        c.callTimeoutSeconds = min(normal, deadline)
        defer { c.callTimeoutSeconds = normal }
        return try c.query(CatalogCache.librariesByIdsSQL, [PGArray(ids)]).rows.map(Self.library)
    }

    private static func library(_ row: PGRow) throws -> SeatLibrary {
        SeatLibrary(id: try row.int("id"), name: try row.string("name"), city: try row.string("city"), ownerId: try row.int("owner_id"))
    }
}

/// The catalog on Turso, over its HTTP API: each read is one pipeline (one
/// round trip, nothing left open). Turso has no login roles, so an owner's
/// console (`[login] user`) is kept to the libraries of the owner whose
/// `owners.db_role` is that user, by the statements themselves.
final class TursoCatalogSource: CatalogSource {
    private let client: HranaClient
    private let ownerRole: HranaValue

    init(client: HranaClient, ownerRole: String?) {
        self.client = client
        self.ownerRole = ownerRole.map(HranaValue.text) ?? .null
    }

    func reset() {}

    func libraries(limit: Int) throws -> [SeatLibrary] {
        try client.query(TursoCatalogSQL.libraries, [.integer(Int64(limit)), ownerRole]).rows.map(Self.library)
    }

    func library(id: Int64) throws -> SeatLibrary? {
        try client.query(TursoCatalogSQL.libraryById, [.integer(id), ownerRole]).first.map(Self.library)
    }

    func seats(libraryId: Int64) throws -> [SeatInfo] {
        try client.query(TursoCatalogSQL.seatLayout, [.integer(libraryId), ownerRole]).rows.map(Self.seat)
    }

    func seats(libraryIds: [Int64]) throws -> [SeatInfo] {
        let list = HranaValue.text("[" + libraryIds.map(String.init).joined(separator: ",") + "]")
        return try client.query(TursoCatalogSQL.seatsOfLibraries, [list, ownerRole]).rows.map(Self.seat)
    }

    private static func seat(_ row: HranaRow) throws -> SeatInfo {
        SeatInfo(id: try row.int("id"), libraryId: try row.int("library_id"), label: try row.string("label"),
                 zone: try row.string("zone"), row: Int(clamping: try row.int("row_no")), column: Int(clamping: try row.int("col_no")),
                 state: try row.string("state"))
    }

    func names(libraryIds ids: [Int64], deadline: Double) throws -> (libraries: [SeatLibrary], labels: [Int64: SeatLabelTable]) {
        // The ids travel as one JSON array (json_each), so the statement's text never changes with their number.
        let list = HranaValue.text("[" + ids.map(String.init).joined(separator: ",") + "]")
        let libs = try client.query(TursoCatalogSQL.librariesByIds, [list, ownerRole], timeout: min(client.timeout, deadline)).rows.map(Self.library)
        var labels: [Int64: [(seat: Int64, label: String)]] = [:]
        for row in try client.query(TursoCatalogSQL.seatLabels, [list, ownerRole], timeout: min(client.timeout, deadline)).rows {
            labels[try row.int("library_id"), default: []].append((seat: try row.int("id"), label: try row.string("label")))
        }
        return (libs, labels.mapValues { SeatLabelTable($0) })
    }

    func libraryNames(ids: [Int64], deadline: Double) throws -> [SeatLibrary] {
        let list = HranaValue.text("[" + ids.map(String.init).joined(separator: ",") + "]")
        return try client.query(TursoCatalogSQL.librariesByIds, [list, ownerRole], timeout: min(client.timeout, deadline)).rows.map(Self.library)
    }

    private static func library(_ row: HranaRow) throws -> SeatLibrary {
        SeatLibrary(id: try row.int("id"), name: try row.string("name"), city: try row.string("city"), ownerId: try row.int("owner_id"))
    }
}

/// The catalog's reads in SQLite's dialect (listed in `ConsoleStatements`).
/// `?2` is the owner's login role or null: null reads every library, a role
/// reads only its owner's. Lists of ids are a JSON array read with json_each.
enum TursoCatalogSQL {
    static let libraries = """
        SELECT id, name, city, owner_id FROM libraries
        WHERE active AND (?2 IS NULL OR owner_id IN (SELECT id FROM owners WHERE db_role = ?2))
        ORDER BY name, id LIMIT ?1
        """
    static let libraryById = """
        SELECT id, name, city, owner_id FROM libraries
        WHERE id = ?1 AND (?2 IS NULL OR owner_id IN (SELECT id FROM owners WHERE db_role = ?2))
        """
    static let seatLayout = """
        SELECT s.id, s.library_id, s.label, s.zone, s.row_no, s.col_no, s.state FROM seats s
        WHERE s.library_id = ?1 AND (?2 IS NULL OR s.library_id IN
          (SELECT l.id FROM libraries l JOIN owners o ON o.id = l.owner_id WHERE o.db_role = ?2))
        ORDER BY s.zone, s.row_no, s.col_no
        """
    static let librariesByIds = """
        SELECT id, name, city, owner_id FROM libraries
        WHERE id IN (SELECT value FROM json_each(?1))
          AND (?2 IS NULL OR owner_id IN (SELECT id FROM owners WHERE db_role = ?2))
        """
    static let seatsOfLibraries = """
        SELECT s.id, s.library_id, s.label, s.zone, s.row_no, s.col_no, s.state FROM seats s
        WHERE s.library_id IN (SELECT value FROM json_each(?1)) AND (?2 IS NULL OR s.library_id IN
          (SELECT l.id FROM libraries l JOIN owners o ON o.id = l.owner_id WHERE o.db_role = ?2))
        ORDER BY s.library_id, s.zone, s.row_no, s.col_no
        """
    static let seatLabels = """
        SELECT s.id, s.library_id, s.label FROM seats s
        WHERE s.library_id IN (SELECT value FROM json_each(?1)) AND (?2 IS NULL OR s.library_id IN
          (SELECT l.id FROM libraries l JOIN owners o ON o.id = l.owner_id WHERE o.db_role = ?2))
        """
    /// The Shards pane's reading: the database's size (SQLite's pages), also the latency figure.
    static let size = "SELECT page_count * page_size AS size FROM pragma_page_count(), pragma_page_size()"
    /// The reading when the size is not due, or Turso refuses the pragmas.
    static let ping = "SELECT 1 AS ok"
}
