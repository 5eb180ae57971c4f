import Foundation
import StudySpotCore
import StudySpotMonitors
import StudySpotWire

/// Keeps `seats:owner:{o}:{l}` (RelaySeatState JSON) and each owner's
/// `seats:owner:{o}:libraries` set current: every library at start and every
/// `fullRefresh` seconds (renamed libraries, new seats, the map's window
/// moving on), and a library again when one of its bookings changed, at most
/// once per `tick` (one second) however busy it is. Maps are read with
/// `SeatMapMonitor.loadGrid`, the owner grid's loader, a batch at a time.
final class RelaySeatPublisher: @unchecked Sendable {
    private let maps: SeatMapMonitor
    private let catalog: CatalogCache
    private let link: RedisLink
    private let fullRefresh: TimeInterval
    private let tick: TimeInterval
    private let log: @Sendable (Bool, String) -> Void
    private let stopSignal = StopSignal()
    private let lock = NSLock()
    private var dirty: Set<Int64> = []
    private var published = 0
    /// Library id → owner, from the last full refresh.
    private var libraries: [Int64: SeatLibrary] = [:]

    init(topology: Topology, catalog: CatalogCache, link: RedisLink, fullRefresh: TimeInterval, tick: TimeInterval = 1,
         counter: OperationCounter, log: @escaping @Sendable (Bool, String) -> Void) {
        maps = SeatMapMonitor(topology: topology, login: nil, catalog: catalog, counter: counter, post: { _ in })
        self.catalog = catalog; self.link = link; self.fullRefresh = fullRefresh; self.tick = tick; self.log = log
    }

    func start() { Thread.detachNewThread { [self] in run() } }
    func stop() { stopSignal.stop() }

    /// Bookings of these libraries changed: their maps are published again within a tick.
    func changed(_ records: [BookingRecord]) {
        guard !records.isEmpty else { return }
        lock.withLock { for r in records { dirty.insert(r.libraryId) } }
    }

    /// Maps written so far (for the relay's log and tests).
    var publishedCount: Int { lock.withLock { published } }

    private func run() {
        var nextFull = Date.distantPast
        while !stopSignal.isStopped {
            if Date() >= nextFull {
                nextFull = publishAll() ? Date().addingTimeInterval(fullRefresh) : Date().addingTimeInterval(min(fullRefresh, 5))
            } else {
                let ids = lock.withLock { () -> Set<Int64> in defer { dirty.removeAll() }; return dirty }
                if !ids.isEmpty && !publish(ids) { lock.withLock { dirty.formUnion(ids) } }
            }
            if stopSignal.sleep(tick) { break }
        }
        link.close()
    }

    /// Every library's map and every owner's set (libraries gone from the catalog are removed).
    private func publishAll() -> Bool {
        do {
            let all = try catalog.libraries(limit: 1_000_000).filter { $0.ownerId != nil }
            lock.withLock {
                libraries = Dictionary(all.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
                dirty.removeAll()
            }
            guard try write(all) else { return false }
            let owners = Dictionary(grouping: all, by: { $0.ownerId! })
            for (owner, libs) in owners {
                let key = RelayKeys.seatLibraries(owner: owner)
                let old = Set(try link.run { c throws(RedisError) in try c.command(["SMEMBERS", key]) }.array?.compactMap(\.string) ?? [])
                let now = Set(libs.map { String($0.id) })
                let gone = old.subtracting(now).sorted()
                var commands: [[String]] = [["MULTI"], ["DEL", key], ["SADD", key] + now.sorted()]
                if !gone.isEmpty { commands.append(["DEL"] + gone.compactMap(Int64.init).map { RelayKeys.seats(owner: owner, library: $0) }) }
                commands.append(["EXEC"])
                for reply in try link.run({ c throws(RedisError) in try c.pipeline(commands) }) { try requireOK(reply, "seat library set \(key)") }
            }
            log(false, "seat maps published: \(all.count) libraries of \(owners.count) owners")
            return true
        } catch {
            log(true, "seat maps: \(SecretMasking.masked((error as? PGError)?.message ?? "\(error)"))")
            return false
        }
    }

    /// The maps of the libraries whose bookings changed.
    private func publish(_ ids: Set<Int64>) -> Bool {
        let libs = lock.withLock { ids.compactMap { libraries[$0] } }
        do { return try write(libs.sorted { $0.id < $1.id }) } catch {
            log(true, "seat maps: \(SecretMasking.masked("\(error)"))")
            return false
        }
    }

    /// Reads and writes maps a grid's worth at a time.
    private func write(_ libs: [SeatLibrary]) throws -> Bool {
        let encoder = JSONEncoder()
        for start in stride(from: 0, to: libs.count, by: SeatMapMonitor.gridLimit) {
            let part = Array(libs[start..<min(libs.count, start + SeatMapMonitor.gridLimit)])
            let read = maps.loadGrid(part)
            guard case .grid(let snapshots) = read else {
                if case .gridFailed(let why) = read { log(true, "seat maps: \(SecretMasking.masked(why))") }
                return false
            }
            var commands: [[String]] = []
            for s in snapshots {
                let state = RelaySeatState(s)
                let json = String(decoding: try encoder.encode(state), as: UTF8.self)
                commands.append(["SET", RelayKeys.seats(owner: state.ownerId, library: state.libraryId), json])
                commands.append(["SADD", RelayKeys.seatLibraries(owner: state.ownerId), String(state.libraryId)])
            }
            for reply in try link.run({ c throws(RedisError) in try c.pipeline(commands) }) { try requireOK(reply, "seat maps") }
            lock.withLock { published += snapshots.count }
        }
        return true
    }
}
