import Foundation
import StudySpotCore

/// An owner's seat maps as a console on the relay knows them: the maps last
/// read from `seats:owner:{ID}:{lib}` and the feed's changes since, laid over
/// them. The relay rewrites a map after it appends the change, so a map read
/// just after a change can be the one before it; the overlay keeps the change.
public struct RelaySeatCache: Sendable {
    /// The owner's libraries by name, as the catalog lists them.
    public private(set) var libraries: [SeatLibrary] = []
    public private(set) var maps: [Int64: SeatMapSnapshot] = [:]
    /// Libraries in the set without a readable map, and why.
    public private(set) var failures: [Int64: String] = [:]
    /// The library the Seats pane shows.
    public var wanted: Int64?
    /// When the maps were all read last.
    public var refreshedAt = Date.distantPast
    /// Changes per library, kept for `keep` seconds after they arrived.
    private var recent: [Int64: [(at: Date, record: BookingRecord)]] = [:]
    public var keep: TimeInterval = 120
    /// At most this many changes a library are kept (a burst on one library).
    public static let recentLimit = 500

    public init() {}

    /// Remembers the feed's changes for the maps read after them.
    public mutating func note(_ changes: [BookingRecord], at now: Date) {
        for c in changes {
            var list = recent[c.libraryId, default: []]
            list.append((now, c))
            if list.count > Self.recentLimit { list.removeFirst(list.count - Self.recentLimit) }
            recent[c.libraryId] = list
        }
        recent = recent.compactMapValues { list in
            let kept = list.filter { now.timeIntervalSince($0.at) < keep }
            return kept.isEmpty ? nil : kept
        }
    }

    /// Takes the library set's ids (all of them: a full read).
    public mutating func setLibraries(ids: Set<Int64>) {
        maps = maps.filter { ids.contains($0.key) }
        failures = failures.filter { ids.contains($0.key) }
        libraries = libraries.filter { ids.contains($0.id) }
    }

    /// Takes one library's stored value: the map, or why there is none.
    public mutating func store(libraryId: Int64, json: String?) {
        guard let json else {
            maps[libraryId] = nil
            failures[libraryId] = "no seat map for library \(libraryId) in the state cache yet: the relay has not written it"
            relist()
            return
        }
        do {
            let state = try JSONDecoder().decode(RelaySeatState.self, from: Data(json.utf8))
            maps[libraryId] = Self.overlay(state.snapshot, recent[libraryId]?.map(\.record) ?? [])
            failures[libraryId] = nil
        } catch {
            maps[libraryId] = nil
            failures[libraryId] = "the seat map of library \(libraryId) in the state cache is not valid JSON of a seat map: \(String(describing: error).prefix(120))"
        }
        relist()
    }

    /// The maps in the libraries' order (the owner's grid).
    public var grid: [SeatMapSnapshot] { libraries.compactMap { maps[$0.id] } }

    private mutating func relist() {
        libraries = maps.values.map(\.library).sorted { ($0.name, $0.id) < ($1.name, $1.id) }
    }

    /// A map with the changes that are newer than its bookings: a booking
    /// the map holds is replaced by a newer change of it, one it lacks is
    /// added when it starts within the map's window.
    public static func overlay(_ snapshot: SeatMapSnapshot, _ changes: [BookingRecord]) -> SeatMapSnapshot {
        var map = snapshot
        var index: [String: Int] = [:]
        func key(_ b: BookingRecord) -> String { "\(b.shard)/\(b.id)" }
        for (i, b) in map.bookings.enumerated() { index[key(b)] = i }
        let labels = Dictionary(map.seats.map { ($0.id, $0.label) }, uniquingKeysWith: { a, _ in a })
        for c in changes where c.libraryId == map.library.id {
            var r = c
            if r.seatLabel == nil { r.seatLabel = labels[r.seatId] }
            if let i = index[key(c)] {
                if map.bookings[i].updatedAt < r.updatedAt { map.bookings[i] = r }
            } else if abs(r.startsAt.timeIntervalSince(map.loadedAt)) < SeatMapSnapshot.window {
                index[key(c)] = map.bookings.count
                map.bookings.append(r)
            }
        }
        return map
    }
}
