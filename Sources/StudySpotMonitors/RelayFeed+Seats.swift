import Foundation
import StudySpotCore
import StudySpotWire

// An owner's seat maps on the relay: `seats:owner:{ID}:libraries` lists the
// libraries, `seats:owner:{ID}:{lib}` holds each map. Read over the feed's
// own connection between its XREADs: all of them at start and every
// `seatRefresh`, the ones a change names as soon as the change is read.
extension RelayFeed {
    /// Shows a library's map: at once from what was read, else on the next read.
    public func select(libraryId: Int64) {
        cond.lock()
        seatState.wanted = libraryId
        let map = seatState.maps[libraryId]
        let failure = seatState.failures[libraryId]
        if map == nil && failure == nil { seatState.refreshedAt = .distantPast }
        cond.unlock()
        if let map { seatPost?(.map(map)) } else if let failure { seatPost?(.failed(libraryId: libraryId, message: failure)) }
    }

    var ownerId: Int64? { if case .owner(let id) = scope { id } else { nil } }

    func nextSeatRefresh() -> Date {
        cond.lock(); defer { cond.unlock() }
        return seatState.refreshedAt.addingTimeInterval(policy.interval(target: costTarget, base: options.seatRefresh))
    }

    func refreshSeatsIfDue(_ r: RedisConnection, changed: Set<Int64>) throws {
        if Date() >= nextSeatRefresh() { return try refreshSeats(r, only: nil) }
        guard !changed.isEmpty else { return }
        try refreshSeats(r, only: changed)
    }

    /// Reads every map (`only` nil) or the named libraries' maps, and posts
    /// the libraries, the grid and the shown map.
    func refreshSeats(_ r: RedisConnection, only: Set<Int64>?) throws {
        guard let owner = ownerId, let seatPost else { return }
        var ids: [Int64]
        if let only {
            cond.lock(); let known = Set(seatState.libraries.map(\.id)).union(seatState.failures.keys); cond.unlock()
            ids = only.filter { known.contains($0) }.sorted()
            if ids.isEmpty { return }
        } else {
            let members = try Self.ok(r.command(["SMEMBERS", RelayKeys.seatLibraries(owner: owner)]))
            ids = (members.array ?? []).compactMap { $0.string.flatMap { Int64($0) } }.sorted()
        }
        var values: [(Int64, String?)] = []
        for chunk in stride(from: 0, to: ids.count, by: 100) {
            let part = Array(ids[chunk..<min(ids.count, chunk + 100)])
            let reply = try Self.ok(r.command(["MGET"] + part.map { RelayKeys.seats(owner: owner, library: $0) }))
            let got = reply.array ?? []
            for (i, id) in part.enumerated() { values.append((id, i < got.count ? got[i].string : nil)) }
        }
        cond.lock()
        let before = seatState.libraries
        if only == nil {
            seatState.setLibraries(ids: Set(ids))
            seatState.refreshedAt = Date()
        }
        for (id, json) in values { seatState.store(libraryId: id, json: json) }
        let libraries = seatState.libraries
        let grid = Array(seatState.grid.prefix(SeatMapMonitor.gridLimit))
        let wanted = seatState.wanted
        let shown = wanted.flatMap { seatState.maps[$0] }
        let failure = wanted.flatMap { seatState.failures[$0] }
        let stopped = self.stopped
        cond.unlock()
        guard !stopped else { return }
        if only == nil || libraries != before { seatPost(.libraries(libraries)) }
        seatPost(.grid(grid))
        if let wanted, only == nil || only!.contains(wanted) {
            if let shown { seatPost(.map(shown)) } else if let failure { seatPost(.failed(libraryId: wanted, message: failure)) }
        }
    }
}
