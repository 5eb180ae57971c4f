import Foundation
import StudySpotCore

/// The Bookings pane's feed: the last `capacity` changes, stored compactly.
/// Callers see `BookingRecord`s (the relay and the monitors keep that type);
/// inside, each change is a `CompactBooking`: its five names are ids into a
/// table shared by every copy of the store, status and catalog match one
/// byte each. 10,000 records held five optional Strings each (80 bytes of
/// the entry, and heap copies where a name is longer than 15 bytes).
public struct BookingFeedStore: Sendable, Equatable {
    public var capacity: Int { ring.capacity }
    var ring: BookingRing<CompactBooking>
    var names: InternedNames

    public init(capacity: Int) {
        ring = BookingRing(capacity: capacity)
        names = InternedNames()
    }

    public var count: Int { ring.count }
    public var isEmpty: Bool { ring.isEmpty }

    /// The i-th newest change (0 = newest).
    public func newest(_ i: Int) -> BookingRecord { ring.newest(i).record(names) }

    /// Every change, newest first.
    public var newestFirst: [BookingRecord] { (0..<count).map { newest($0) } }

    public mutating func append(_ r: BookingRecord) {
        ring.append(CompactBooking(r, &names))
        // Names of changes that left the ring stay in the table: rebuild it
        // from what the ring holds once it is several times that size.
        if names.count > 8 * ring.capacity + 1_024 { compactNames() }
    }

    public mutating func append<S: Sequence>(contentsOf s: S) where S.Element == BookingRecord {
        for r in s { append(r) }
    }

    mutating func compactNames() {
        let old = names
        var fresh = InternedNames()
        ring.updateAll { $0.reintern(from: old, into: &fresh) }
        names = fresh
    }

    /// Copies sharing a table compare their rings (shared chunks by
    /// identity: cheap); stores with tables of their own (built apart, or
    /// one compacted since) compare the records they hold.
    public static func == (a: BookingFeedStore, b: BookingFeedStore) -> Bool {
        if a.names == b.names { return a.ring == b.ring }
        return a.count == b.count && (0..<a.count).allSatisfy { a.newest($0) == b.newest($0) }
    }

    /// How many distinct names the table holds (for the tests of its bound).
    var internedCount: Int { names.count }
}

/// One change as the ring stores it. Times stay `Date`s (8 bytes each, the
/// exact `updated_at` that tells changes apart); ids stay 64-bit as in the
/// tables.
struct CompactBooking: Sendable, Equatable {
    var id: Int64
    var userId: Int64
    var libraryId: Int64
    var ownerId: Int64
    var seatId: Int64
    var amountPaise: Int64
    var startsAt: Date
    var endsAt: Date
    var createdAt: Date
    var updatedAt: Date
    var shard: UInt32
    var userName: UInt32
    var libraryName: UInt32
    var libraryCity: UInt32
    var seatLabel: UInt32
    var status: UInt8
    var catalogMatch: UInt8

    init(_ r: BookingRecord, _ names: inout InternedNames) {
        id = r.id; userId = r.userId; libraryId = r.libraryId; ownerId = r.ownerId; seatId = r.seatId
        amountPaise = r.amountPaise
        startsAt = r.startsAt; endsAt = r.endsAt; createdAt = r.createdAt; updatedAt = r.updatedAt
        shard = names.id(r.shard)
        userName = names.id(r.userName)
        libraryName = names.id(r.libraryName)
        libraryCity = names.id(r.libraryCity)
        seatLabel = names.id(r.seatLabel)
        status = CompactBooking.statusCodes[r.status]!
        catalogMatch = r.catalogMatch.rawValue
    }

    func record(_ names: InternedNames) -> BookingRecord {
        // One look-up for the five names: a search reads all 10,000 entries.
        let n = names.names([shard, userName, libraryName, libraryCity, seatLabel])
        var r = BookingRecord(id: id, shard: n[0] ?? "", userId: userId, userName: n[1],
                              libraryId: libraryId, ownerId: ownerId, seatId: seatId, startsAt: startsAt, endsAt: endsAt,
                              status: BookingStatus.allCases[Int(status)], amountPaise: amountPaise,
                              createdAt: createdAt, updatedAt: updatedAt, libraryName: n[2],
                              libraryCity: n[3], seatLabel: n[4])
        r.catalogMatch = CatalogMatch(rawValue: catalogMatch) ?? .unchecked
        return r
    }

    mutating func reintern(from old: InternedNames, into fresh: inout InternedNames) {
        for path in [\CompactBooking.shard, \.userName, \.libraryName, \.libraryCity, \.seatLabel] {
            self[keyPath: path] = fresh.id(old.name(self[keyPath: path]))
        }
    }

    static let statusCodes: [BookingStatus: UInt8] =
        Dictionary(uniqueKeysWithValues: BookingStatus.allCases.enumerated().map { ($0.element, UInt8($0.offset)) })
}

/// Strings by small ids; id 0 is nil. Append-only and shared by every copy
/// of the store that uses it: the console keeps the state it drew while it
/// folds the next batch, and a value-type table would be copied whole (every
/// name and its index) on the first new name of each batch. An id, once
/// given, always names the same string, so copies that share the table read
/// their own ids correctly whatever the others added; compaction makes a new
/// table and leaves the old one to the copies still using it.
struct InternedNames: Sendable, Equatable {
    private let table = NameTable()

    var count: Int { table.count }
    mutating func id(_ s: String?) -> UInt32 { s.map { table.id($0) } ?? 0 }
    func name(_ id: UInt32) -> String? { id == 0 ? nil : table.names([id])[0] }
    func names(_ ids: [UInt32]) -> [String?] { table.names(ids) }

    /// Ids mean the same string in one table; two tables are equal only when
    /// they are the same table (the ring's ids decide the rest).
    static func == (a: InternedNames, b: InternedNames) -> Bool { a.table === b.table }
}

private final class NameTable: @unchecked Sendable {
    // Guards both: the UI loop appends while another thread may read a
    // state it was sent.
    private let lock = NSLock()
    private var names: [String] = [""]
    private var ids: [String: UInt32] = [:]

    var count: Int { lock.withLock { names.count - 1 } }

    func id(_ s: String) -> UInt32 {
        lock.withLock {
            if let i = ids[s] { return i }
            let i = UInt32(names.count)
            names.append(s)
            ids[s] = i
            return i
        }
    }

    /// Id 0 is nil.
    func names(_ wanted: [UInt32]) -> [String?] {
        lock.withLock { wanted.map { $0 == 0 ? nil : names[Int($0)] } }
    }
}
