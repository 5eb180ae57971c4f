import Foundation
import StudySpotCore
import StudySpotWire

/// Library and seat names from the catalog shard, cached per library. It
/// reads through the console's own role, so an owner's cache only ever holds
/// the owner's libraries. Thread-safe: the shard threads share it.
public final class CatalogCache: @unchecked Sendable {
    struct Entry { var library: SeatLibrary?; var seatLabels: [Int64: String]; var loadedAt: Date }

    private let shard: ShardConfig?
    private let options: PGConnectOptions
    private let lock = NSLock()
    private var connection: PGConnection?
    private var entries: [Int64: Entry] = [:]
    /// A library the catalog did not show is asked for again after this long (it may be new).
    private let retryHidden: TimeInterval = 60
    /// After a failed catalog read, names are not asked for again until then:
    /// a dead catalog must not hold every feed batch up for a connect timeout.
    private var retryAfter = Date.distantPast

    /// The catalog shard's name (the cost target of its statements).
    public var targetName: String { shard?.name ?? "catalog" }

    /// Seconds the feed may wait for names (a call, or a connect: libpq's least).
    static let namesDeadline = 2.0

    public init(topology: Topology, login: LoginConfig?, counter: OperationCounter = OperationCounter()) {
        shard = topology.shards.first { $0.role == .catalog }
        var o = shard.map { BookingFeedConnect.options(for: $0, login: login, counter: counter) } ?? PGConnectOptions()
        o.connectTimeoutSeconds = min(o.connectTimeoutSeconds, Int(Self.namesDeadline))
        options = o
    }

    /// Fills library and seat names into the records, loading missing libraries in one batch.
    public func annotate(_ records: inout [BookingRecord]) {
        lock.lock(); defer { lock.unlock() }
        let now = Date()
        let missing = Set(records.map(\.libraryId)).filter { id in
            guard let e = entries[id] else { return true }
            return e.library == nil && now.timeIntervalSince(e.loadedAt) > retryHidden
        }
        if !missing.isEmpty && now >= retryAfter {
            do { try loadLocked(Array(missing)) } catch { retryAfter = now.addingTimeInterval(5) }
        }
        for i in records.indices {
            guard let e = entries[records[i].libraryId] else { continue }
            guard let lib = e.library else { records[i].catalogMatch = .libraryMissing; continue }
            records[i].libraryName = lib.name
            records[i].libraryCity = lib.city
            records[i].seatLabel = e.seatLabels[records[i].seatId]
            records[i].catalogMatch = records[i].seatLabel == nil ? .seatMissing
                : lib.ownerId.map { $0 != records[i].ownerId } == true ? .ownerMismatch : .found
        }
    }

    /// Every library this role may see, by name (capped; the picker searches it).
    public func libraries(limit: Int = 5_000) throws -> [SeatLibrary] {
        lock.lock(); defer { lock.unlock() }
        let c = try connectedLocked()
        do {
            return try c.query(CatalogCache.librariesSQL, [limit]).rows.map {
                SeatLibrary(id: try $0.int("id"), name: try $0.string("name"), city: try $0.string("city"), ownerId: try $0.int("owner_id"))
            }
        } catch { connection = nil; throw error }
    }

    /// One library and its seats in layout order; nil when the catalog does not show it to this role.
    public func seatLayout(libraryId: Int64) throws -> (SeatLibrary, [SeatInfo])? {
        lock.lock(); defer { lock.unlock() }
        let c = try connectedLocked()
        do {
            guard let row = try c.query(CatalogCache.libraryByIdSQL, [libraryId]).first else { return nil }
            let lib = SeatLibrary(id: try row.int("id"), name: try row.string("name"), city: try row.string("city"), ownerId: try row.int("owner_id"))
            let seats = try c.query(CatalogCache.seatLayoutSQL, [libraryId]).rows.map {
                SeatInfo(id: try $0.int("id"), libraryId: try $0.int("library_id"), label: try $0.string("label"),
                         zone: try $0.string("zone"), row: Int(try $0.int("row_no")), column: Int(try $0.int("col_no")),
                         state: try $0.string("state"))
            }
            entries[libraryId] = Entry(library: lib, seatLabels: Dictionary(seats.map { ($0.id, $0.label) }, uniquingKeysWith: { a, _ in a }), loadedAt: Date())
            return (lib, seats)
        } catch { connection = nil; throw error }
    }

    // The catalog's statements (listed in `ConsoleStatements`).
    static let librariesSQL = "SELECT id, name, city, owner_id FROM libraries WHERE active ORDER BY name, id LIMIT $1"
    static let libraryByIdSQL = "SELECT id, name, city, owner_id FROM libraries WHERE id = $1"
    static let seatLayoutSQL = """
        SELECT id, library_id, label, zone, row_no, col_no, state FROM seats
        WHERE library_id = $1 ORDER BY zone, row_no, col_no
        """
    static let librariesByIdsSQL = "SELECT id, name, city, owner_id FROM libraries WHERE id = ANY($1::bigint[])"
    static let seatLabelsSQL = "SELECT id, library_id, label FROM seats WHERE library_id = ANY($1::bigint[])"

    private func connectedLocked() throws -> PGConnection {
        if let c = connection, c.isAlive { return c }
        guard let shard else { throw PGError(kind: .connection, message: "no catalog shard configured") }
        let c = try PGConnection(dsn: shard.dsn, options: options)
        connection = c
        return c
    }

    private func loadLocked(_ ids: [Int64]) throws {
        let c = try connectedLocked()
        // The feed's threads wait here: a hung catalog must hold the live feed
        // for a moment, not the full deadline (found by the fault suite).
        let normal = c.callTimeoutSeconds
        c.callTimeoutSeconds = min(normal, Self.namesDeadline)
        defer { c.callTimeoutSeconds = normal }
        do {
            var libs: [Int64: SeatLibrary] = [:]
            for row in try c.query(CatalogCache.librariesByIdsSQL, [PGArray(ids)]).rows {
                let l = SeatLibrary(id: try row.int("id"), name: try row.string("name"), city: try row.string("city"), ownerId: try row.int("owner_id"))
                libs[l.id] = l
            }
            var labels: [Int64: [Int64: String]] = [:]
            for row in try c.query(CatalogCache.seatLabelsSQL, [PGArray(ids)]).rows {
                labels[try row.int("library_id"), default: [:]][try row.int("id")] = try row.string("label")
            }
            let now = Date()
            for id in ids { entries[id] = Entry(library: libs[id], seatLabels: labels[id] ?? [:], loadedAt: now) }
        } catch { connection = nil; throw error }
    }
}
