import Foundation
import StudySpotCore
import StudySpotWire

/// Loads the library list and the selected library's seat map on a thread of
/// its own: the layout from the catalog, bookings around now from every users
/// shard (each through the console's role). Between loads the booking feed
/// keeps the map live; a full reload every `refresh` seconds corrects drift.
public final class SeatMapMonitor: @unchecked Sendable {
    public enum Output: Sendable {
        case libraries([SeatLibrary])
        case map(SeatMapSnapshot)
        case failed(libraryId: Int64, message: String)
        /// Every visible library's map at once (the owner's grid), in the libraries' order.
        case grid([SeatMapSnapshot])
        case gridFailed(String)
    }

    /// Libraries the grid reads at most: an owner has a handful; the picker still reaches the rest.
    public static let gridLimit = 200

    private let shards: [ShardConfig]
    private let login: LoginConfig?
    private let catalog: CatalogCache
    private let post: @Sendable (Output) -> Void
    private let refresh: TimeInterval
    /// Whether to read the grid of every visible library (the owner view).
    private let grid: Bool
    private let policy: PollingPolicy
    private let counter: OperationCounter
    private let cond = NSCondition()
    private var stopped = false
    private var wanted: Int64?
    private var requested = false
    /// The grid has been read once (the monitor's thread alone touches this).
    private var gridLoaded = false
    private var connections: [String: PGConnection] = [:]
    private let lock = NSLock()

    public init(topology: Topology, login: LoginConfig?, catalog: CatalogCache, refresh: TimeInterval = 60,
                grid: Bool = false, policy: PollingPolicy = PollingPolicy(), counter: OperationCounter = OperationCounter(),
                post: @escaping @Sendable (Output) -> Void) {
        shards = topology.shards.filter { $0.role == .users }
        self.login = login; self.catalog = catalog; self.refresh = refresh; self.post = post; self.grid = grid
        self.policy = policy; self.counter = counter
    }

    public func start() {
        let t = NamedThread.thread("seat-map") { [self] in run() }
        t.start()
    }

    public func stop() { cond.lock(); stopped = true; cond.broadcast(); cond.unlock() }

    /// Asks for a library's map (loaded at once on the monitor's thread).
    public func select(libraryId: Int64) {
        cond.lock(); wanted = libraryId; requested = true; cond.broadcast(); cond.unlock()
    }

    private func run() {
        var librariesLoaded = false
        var libraries: [SeatLibrary] = []
        var backoff = 0.5
        while true {
            if !librariesLoaded {
                do {
                    libraries = try catalog.libraries()
                    post(.libraries(libraries)); librariesLoaded = true; backoff = 0.5
                    // Something to look at from the first frame (and in `snapshot`): the first library.
                    cond.lock()
                    if wanted == nil, let first = libraries.first { wanted = first.id; requested = true }
                    cond.unlock()
                } catch { backoff = min(backoff * 2, 10) }
            }
            cond.lock()
            // The periodic reload is a poll: the cost budget may stretch it.
            let pause = librariesLoaded ? policy.interval(target: catalog.targetName, base: refresh) : backoff
            let deadline = Date().addingTimeInterval(pause)
            while !requested && !stopped && Date() < deadline { _ = cond.wait(until: deadline) }
            if stopped { cond.unlock(); return }
            // The grid is read on the periodic reload only, not when a library is picked.
            let periodic = !requested
            requested = false
            let id = wanted
            cond.unlock()
            if let id { post(load(libraryId: id)) }
            if grid && librariesLoaded && (periodic || !gridLoaded) { gridLoaded = true; post(loadGrid(libraries)) }
        }
    }

    /// Reads every given library's map at once: one catalog read for the
    /// seats, one read per users shard for the bookings (each through the
    /// console's role, so row-level security confines both). Public for the tests.
    public func loadGrid(_ libraries: [SeatLibrary]) -> Output {
        let libs = Array(libraries.prefix(Self.gridLimit))
        guard !libs.isEmpty else { return .grid([]) }
        do {
            let ids = libs.map(\.id)
            let seats = try catalog.seatLayouts(libraryIds: ids)
            let now = Date()
            let read = readEveryShard {
                try $0.query(BookingFeedSQL.libraries, [PGArray(ids), now.addingTimeInterval(-SeatMapSnapshot.window),
                                                        now.addingTimeInterval(SeatMapSnapshot.window)])
            }
            let byLibrary = Dictionary(grouping: read.bookings, by: \.libraryId)
            return .grid(libs.map { lib in
                snapshot(lib, seats[lib.id] ?? [], byLibrary[lib.id] ?? [], now: now, errors: read.errors)
            })
        } catch {
            return .gridFailed((error as? PGError)?.message ?? "\(error)")
        }
    }

    /// A map with the library's names and the seats' labels filled into its bookings.
    private func snapshot(_ lib: SeatLibrary, _ seats: [SeatInfo], _ bookings: [BookingRecord], now: Date,
                          errors: [String: String]) -> SeatMapSnapshot {
        var bookings = bookings
        let labels = Dictionary(seats.map { ($0.id, $0.label) }, uniquingKeysWith: { a, _ in a })
        for i in bookings.indices {
            bookings[i].libraryName = lib.name; bookings[i].libraryCity = lib.city
            bookings[i].seatLabel = labels[bookings[i].seatId]
        }
        return SeatMapSnapshot(library: lib, seats: seats, bookings: bookings, loadedAt: now, shardErrors: errors)
    }

    /// Reads one library's map now. Public for the tests and the benchmark.
    public func load(libraryId: Int64) -> Output {
        do {
            guard let (lib, seats) = try catalog.seatLayout(libraryId: libraryId) else {
                return .failed(libraryId: libraryId, message: "library \(libraryId) is not visible to this role")
            }
            let now = Date()
            let read = readEveryShard {
                try $0.query(BookingFeedSQL.library, [libraryId, now.addingTimeInterval(-SeatMapSnapshot.window),
                                                      now.addingTimeInterval(SeatMapSnapshot.window)])
            }
            return .map(snapshot(lib, seats, read.bookings, now: now, errors: read.errors))
        } catch {
            return .failed(libraryId: libraryId, message: (error as? PGError)?.message ?? "\(error)")
        }
    }

    /// Runs a bookings read on every users shard at once, each on a thread
    /// with its own connection: the answer waits for the slowest shard, not
    /// the sum. Rows come in the shards' order; a shard that failed is named.
    private func readEveryShard(_ read: @escaping (PGConnection) throws -> PGResult) -> (bookings: [BookingRecord], errors: [String: String]) {
        final class Collected: @unchecked Sendable {
            var bookings: [String: [BookingRecord]] = [:]
            var errors: [String: String] = [:]
        }
        let out = Collected()
        let group = DispatchGroup()
        // Each thread runs the read on its own connection; nothing else is shared.
        nonisolated(unsafe) let read = read
        for shard in shards {
            group.enter()
            NamedThread.start("seats-\(shard.name)") { [self] in
                defer { group.leave() }
                do {
                    let rows = try read(connection(shard)).rows
                    // A row that cannot be decoded is skipped, not the shard (hostile data).
                    let records = rows.compactMap { try? BookingFeedSQL.record($0, shard: shard.name) }
                    lock.withLock { out.bookings[shard.name] = records }
                } catch {
                    lock.withLock {
                        connections[shard.name] = nil
                        out.errors[shard.name] = (error as? PGError)?.message ?? "\(error)"
                    }
                }
            }
        }
        group.wait()
        return (shards.flatMap { out.bookings[$0.name] ?? [] }, out.errors)
    }

    /// Each shard's connection is used by one load thread at a time; the
    /// dictionary is shared by them, hence the lock.
    private func connection(_ shard: ShardConfig) throws -> PGConnection {
        if let c = lock.withLock({ connections[shard.name] }), c.isAlive { return c }
        let c = try PGConnection(dsn: shard.dsn, options: BookingFeedConnect.options(for: shard, login: login, counter: counter))
        lock.withLock { connections[shard.name] = c }
        return c
    }
}
