import Foundation
import StudySpotCore
import StudySpotWire

/// Library and seat names from the catalog shard, cached per library. It
/// reads through the console's own role, so an owner's cache only ever holds
/// the owner's libraries. Thread-safe: the shard threads share it.
public final class CatalogCache: @unchecked Sendable {
    struct Entry { var library: SeatLibrary?; var seatLabels: SeatLabelTable; var loadedAt: Date }

    private let shard: ShardConfig?
    private let source: CatalogSource?
    /// Why there is no source for a configured catalog (its url, say).
    private var sourceProblem: String?
    private let lock = NSLock()
    private var entries: [Int64: Entry] = [:]
    /// A library the catalog did not show is asked for again after this long (it may be new).
    private let retryHidden: TimeInterval = 60
    /// After a failed catalog read, names are not asked for again until then:
    /// a dead catalog must not hold every feed batch up for a connect timeout.
    private var retryAfter = Date.distantPast
    /// When the cached libraries' names were last read again.
    private var namesReadAt = Date()

    /// How often the names of libraries already cached are read again, so a
    /// library renamed while the console runs shows its new name.
    public static let namesRefreshSeconds: TimeInterval = 60

    /// The catalog shard's name (the cost target of its statements).
    public var targetName: String { shard?.name ?? "catalog" }

    /// Seconds the feed may wait for names (a call, or a connect: libpq's least).
    static let namesDeadline = 2.0

    /// `transport` carries a Turso catalog's requests (the tests' and the
    /// shared HTTPS client's seam); a PostgreSQL catalog ignores it.
    public init(topology: Topology, login: LoginConfig?, counter: OperationCounter = OperationCounter(),
                transport: any HranaTransport = HTTPClientTransport()) {
        shard = topology.shards.first { $0.role == .catalog }
        guard let shard else { source = nil; return }
        if let url = shard.url {
            do {
                let client = try HranaClient(url: url, token: shard.token ?? "", transport: transport,
                                             timeout: PGConnectOptions().callTimeoutSeconds,
                                             costTarget: CostTarget(shard.name, in: counter))
                source = TursoCatalogSource(client: client, ownerRole: login?.user)
            } catch {
                source = nil; sourceProblem = error.message
            }
        } else {
            var o = BookingFeedConnect.options(for: shard, login: login, counter: counter)
            o.connectTimeoutSeconds = min(o.connectTimeoutSeconds, Int(Self.namesDeadline))
            source = PostgresCatalogSource(dsn: shard.dsn, options: o)
        }
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

    /// Reads the cached libraries' names and cities again once `every` seconds
    /// have passed since the last read; returns those that changed (renamed,
    /// moved), for the console to re-label what it shows. Empty when not due,
    /// when nothing changed, or when the catalog did not answer (tried again later).
    public func refreshNamesIfDue(every: TimeInterval = namesRefreshSeconds, now: Date = Date()) -> [SeatLibrary] {
        lock.lock(); defer { lock.unlock() }
        guard now.timeIntervalSince(namesReadAt) >= every, now >= retryAfter else { return [] }
        namesReadAt = now
        let ids = entries.compactMap { $0.value.library == nil ? nil : $0.key }.sorted()
        guard !ids.isEmpty, let s = try? sourceLocked() else { return [] }
        let found: [SeatLibrary]
        do { found = try s.libraryNames(ids: ids, deadline: Self.namesDeadline) } catch {
            s.reset(); retryAfter = now.addingTimeInterval(5); return []
        }
        var changed: [SeatLibrary] = []
        for lib in found where entries[lib.id]?.library != lib {
            entries[lib.id]?.library = lib
            changed.append(lib)
        }
        return changed
    }

    /// Every library this role may see, by name (capped; the picker searches it).
    public func libraries(limit: Int = 5_000) throws -> [SeatLibrary] {
        lock.lock(); defer { lock.unlock() }
        let s = try sourceLocked()
        do { return try s.libraries(limit: limit) } catch { s.reset(); throw error }
    }

    /// One library and its seats in layout order; nil when the catalog does not show it to this role.
    public func seatLayout(libraryId: Int64) throws -> (SeatLibrary, [SeatInfo])? {
        lock.lock(); defer { lock.unlock() }
        let s = try sourceLocked()
        do {
            guard let lib = try s.library(id: libraryId) else { return nil }
            let seats = try s.seats(libraryId: libraryId)
            entries[libraryId] = Entry(library: lib, seatLabels: SeatLabelTable(seats.lazy.map { (seat: $0.id, label: $0.label) }), loadedAt: Date())
            return (lib, seats)
        } catch { s.reset(); throw error }
    }

    /// The seats of several libraries in one read, grouped by library, each in
    /// layout order (the owner's grid: one catalog read for all their libraries).
    public func seatLayouts(libraryIds: [Int64]) throws -> [Int64: [SeatInfo]] {
        guard !libraryIds.isEmpty else { return [:] }
        lock.lock(); defer { lock.unlock() }
        let s = try sourceLocked()
        do { return Dictionary(grouping: try s.seats(libraryIds: libraryIds), by: \.libraryId) } catch { s.reset(); throw error }
    }

    // The catalog's statements (listed in `ConsoleStatements`).
    static let librariesSQL = "SELECT id, name, city, owner_id FROM libraries WHERE active ORDER BY name, id LIMIT $1"
    static let libraryByIdSQL = "SELECT id, name, city, owner_id FROM libraries WHERE id = $1"
    static let seatLayoutSQL = """
        SELECT id, library_id, label, zone, row_no, col_no, state FROM seats
        WHERE library_id = $1 ORDER BY zone, row_no, col_no
        """
    static let seatsOfLibrariesSQL = """
        SELECT id, library_id, label, zone, row_no, col_no, state FROM seats
        WHERE library_id = ANY($1::bigint[]) ORDER BY library_id, zone, row_no, col_no
        """
    static let librariesByIdsSQL = "SELECT id, name, city, owner_id FROM libraries WHERE id = ANY($1::bigint[])"
    static let seatLabelsSQL = "SELECT id, library_id, label FROM seats WHERE library_id = ANY($1::bigint[])"

    private func sourceLocked() throws -> CatalogSource {
        guard let source else {
            throw PGError(kind: .connection, message: shard == nil ? "no catalog shard configured" : sourceProblem ?? "the catalog shard is not usable")
        }
        return source
    }

    private func loadLocked(_ ids: [Int64]) throws {
        let s = try sourceLocked()
        do {
            let (found, seatLabels) = try s.names(libraryIds: ids, deadline: Self.namesDeadline)
            let libs = Dictionary(found.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            let now = Date()
            for id in ids { entries[id] = Entry(library: libs[id], seatLabels: seatLabels[id] ?? .empty, loadedAt: now) }
        } catch { s.reset(); throw error }
    }
}
