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
    }

    private let shards: [ShardConfig]
    private let login: LoginConfig?
    private let catalog: CatalogCache
    private let post: @Sendable (Output) -> Void
    private let refresh: TimeInterval
    private let policy: PollingPolicy
    private let counter: OperationCounter
    private let cond = NSCondition()
    private var stopped = false
    private var wanted: Int64?
    private var requested = false
    private var connections: [String: PGConnection] = [:]
    private let lock = NSLock()

    public init(topology: Topology, login: LoginConfig?, catalog: CatalogCache, refresh: TimeInterval = 60,
                policy: PollingPolicy = PollingPolicy(), counter: OperationCounter = OperationCounter(),
                post: @escaping @Sendable (Output) -> Void) {
        shards = topology.shards.filter { $0.role == .users }
        self.login = login; self.catalog = catalog; self.refresh = refresh; self.post = post
        self.policy = policy; self.counter = counter
    }

    public func start() {
        let t = Thread { [self] in run() }
        t.name = "seat-map"
        t.start()
    }

    public func stop() { cond.lock(); stopped = true; cond.broadcast(); cond.unlock() }

    /// Asks for a library's map (loaded at once on the monitor's thread).
    public func select(libraryId: Int64) {
        cond.lock(); wanted = libraryId; requested = true; cond.broadcast(); cond.unlock()
    }

    private func run() {
        var librariesLoaded = false
        var backoff = 0.5
        while true {
            if !librariesLoaded {
                do {
                    let libraries = try catalog.libraries()
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
            requested = false
            let id = wanted
            cond.unlock()
            if let id { post(load(libraryId: id)) }
        }
    }

    /// Reads one library's map now. Public for the tests and the benchmark.
    public func load(libraryId: Int64) -> Output {
        do {
            guard let (lib, seats) = try catalog.seatLayout(libraryId: libraryId) else {
                return .failed(libraryId: libraryId, message: "library \(libraryId) is not visible to this role")
            }
            let now = Date()
            // Every users shard at once, each on a thread with its own
            // connection: the map waits for the slowest shard, not the sum.
            final class Collected: @unchecked Sendable {
                var bookings: [String: [BookingRecord]] = [:]
                var errors: [String: String] = [:]
            }
            let out = Collected()
            let group = DispatchGroup()
            for shard in shards {
                group.enter()
                Thread.detachNewThread { [self] in
                    defer { group.leave() }
                    do {
                        let c = try connection(shard)
                        let rows = try c.query(BookingFeedSQL.library, [libraryId, now.addingTimeInterval(-SeatMapSnapshot.window),
                                                                        now.addingTimeInterval(SeatMapSnapshot.window)]).rows
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
            // In the shards' order, as one connection after another gave them.
            var bookings = shards.flatMap { out.bookings[$0.name] ?? [] }
            let errors = out.errors
            let labels = Dictionary(seats.map { ($0.id, $0.label) }, uniquingKeysWith: { a, _ in a })
            for i in bookings.indices {
                bookings[i].libraryName = lib.name; bookings[i].libraryCity = lib.city
                bookings[i].seatLabel = labels[bookings[i].seatId]
            }
            return .map(SeatMapSnapshot(library: lib, seats: seats, bookings: bookings, loadedAt: now, shardErrors: errors))
        } catch {
            return .failed(libraryId: libraryId, message: (error as? PGError)?.message ?? "\(error)")
        }
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
