import Foundation

/// What `studyspot relay` writes to the state cache and consoles with
/// `[feed] source = "relay"` read (CONTRACT §10): the key names and the
/// encoding of each value. One file, so the writer and the readers cannot
/// drift apart; both sides' tests round-trip through it.
public enum RelayKeys {
    /// Every change, for operators' consoles.
    public static let all = "feed:all"
    /// One owner's changes: the only stream that owner's ACL user may read.
    public static func owner(_ ownerId: Int64) -> String { "feed:owner:\(ownerId)" }
    /// One library's seat map (`RelaySeatState` as JSON), kept current by the relay.
    public static func seats(owner ownerId: Int64, library libraryId: Int64) -> String { "seats:owner:\(ownerId):\(libraryId)" }
    /// The ACL key pattern of an owner's seat maps.
    public static func seatsPattern(owner ownerId: Int64) -> String { "seats:owner:\(ownerId):*" }
    /// The shared readings (`RelayReadings` as JSON), published once for every operator's console.
    public static let readings = "relay:readings"
    /// The relay's own state (hash: `heartbeat` = epoch seconds, `pid`, and per users shard
    /// `shard:NAME` = "live" / "catching up" / "reconnecting …"), so consoles can say
    /// whether the relay is running and how fresh its feed is.
    public static let status = "relay:status"
}

/// Stream lengths: bounded (`XADD … MAXLEN ~ N`) so the free-tier cache's
/// memory is bounded whatever the traffic.
public enum RelayLimits {
    /// Per owner: a busy library's day and more.
    public static let ownerStreamLength = 10_000
    /// All owners together: what an operator's feed and catch-up need.
    public static let allStreamLength = 100_000
}

/// One booking change as a stream entry's fields (`XADD key * field value …`).
/// Times are whole microseconds since 1970, PostgreSQL's own precision, so
/// a change's key (`shard`, `id`, `updated_at`) survives the round trip
/// exactly and a console can tell a change it already showed.
public enum RelayEntry {
    public static func fields(_ r: BookingRecord) -> [(String, String)] {
        var f: [(String, String)] = [
            ("id", String(r.id)), ("shard", r.shard), ("user", String(r.userId)),
            ("library", String(r.libraryId)), ("owner", String(r.ownerId)), ("seat", String(r.seatId)),
            ("starts", micros(r.startsAt)), ("ends", micros(r.endsAt)), ("status", r.status.rawValue),
            ("paise", String(r.amountPaise)), ("created", micros(r.createdAt)), ("updated", micros(r.updatedAt)),
        ]
        if let v = r.userName { f.append(("user_name", v)) }
        if let v = r.libraryName { f.append(("library_name", v)) }
        if let v = r.libraryCity { f.append(("city", v)) }
        if let v = r.seatLabel { f.append(("seat_label", v)) }
        // What the relay's catalog said, so consoles flag a mismatched row as a direct console would.
        if r.catalogMatch != .unchecked { f.append(("catalog", String(r.catalogMatch.rawValue))) }
        return f
    }

    /// The record an entry holds, or why it holds none (a field missing or
    /// not a number: the entry is skipped and counted, never guessed at).
    public static func record(_ fields: [String: String]) -> Result<BookingRecord, RelayEntryError> {
        func int(_ k: String) throws(RelayEntryError) -> Int64 {
            guard let s = fields[k] else { throw RelayEntryError(field: k, problem: "missing") }
            guard let v = Int64(s) else { throw RelayEntryError(field: k, problem: "not a whole number: \(s.prefix(40))") }
            return v
        }
        func date(_ k: String) throws(RelayEntryError) -> Date { Date(timeIntervalSince1970: Double(try int(k)) / 1_000_000) }
        do throws(RelayEntryError) {
            guard let shard = fields["shard"] else { throw RelayEntryError(field: "shard", problem: "missing") }
            guard let st = fields["status"], let status = BookingStatus(rawValue: st) else {
                throw RelayEntryError(field: "status", problem: "not a booking status: \(fields["status"]?.prefix(40) ?? "missing")")
            }
            var r = BookingRecord(id: try int("id"), shard: shard, userId: try int("user"), userName: fields["user_name"],
                                  libraryId: try int("library"), ownerId: try int("owner"), seatId: try int("seat"),
                                  startsAt: try date("starts"), endsAt: try date("ends"), status: status,
                                  amountPaise: try int("paise"), createdAt: try date("created"), updatedAt: try date("updated"),
                                  libraryName: fields["library_name"], libraryCity: fields["city"], seatLabel: fields["seat_label"])
            r.catalogMatch = fields["catalog"].flatMap(UInt8.init).flatMap(CatalogMatch.init(rawValue:)) ?? .unchecked
            return .success(r)
        } catch {
            return .failure(error)
        }
    }

    /// Microseconds since 1970, rounded: PostgreSQL's timestamps are whole microseconds.
    public static func micros(_ d: Date) -> String { String(Int64((d.timeIntervalSince1970 * 1_000_000).rounded())) }
}

public struct RelayEntryError: Error, Sendable, Equatable, CustomStringConvertible {
    public var field: String
    public var problem: String
    public var description: String { "relay entry field \(field): \(problem)" }
}

/// One library's seat map as the relay stores it under `RelayKeys.seats`:
/// the catalog layout and the bookings that hold or will hold its seats.
public struct RelaySeatState: Codable, Sendable, Equatable {
    public struct Seat: Codable, Sendable, Equatable {
        public var id: Int64, label: String, zone: String, row: Int, column: Int, state: String
    }
    public var libraryId: Int64
    public var ownerId: Int64
    public var name: String
    public var city: String
    public var seats: [Seat]
    /// Stream entry fields of each booking in the map's window (`RelayEntry.fields`).
    public var bookings: [[String: String]]
    /// When the relay read it, microseconds since 1970.
    public var loadedAt: Int64
    public var shardErrors: [String: String]

    public init(_ s: SeatMapSnapshot) {
        libraryId = s.library.id; ownerId = s.library.ownerId ?? 0; name = s.library.name; city = s.library.city
        seats = s.seats.map { Seat(id: $0.id, label: $0.label, zone: $0.zone, row: $0.row, column: $0.column, state: $0.state) }
        bookings = s.bookings.map { Dictionary(RelayEntry.fields($0), uniquingKeysWith: { a, _ in a }) }
        loadedAt = Int64(RelayEntry.micros(s.loadedAt)) ?? 0
        shardErrors = s.shardErrors
    }

    /// The snapshot the Seats pane draws; bookings that do not decode are left out.
    public var snapshot: SeatMapSnapshot {
        let library = SeatLibrary(id: libraryId, name: name, city: city, ownerId: ownerId)
        return SeatMapSnapshot(library: library,
                               seats: seats.map { SeatInfo(id: $0.id, libraryId: libraryId, label: $0.label, zone: $0.zone,
                                                           row: $0.row, column: $0.column, state: $0.state) },
                               bookings: bookings.compactMap { try? RelayEntry.record($0).get() },
                               loadedAt: Date(timeIntervalSince1970: Double(loadedAt) / 1_000_000), shardErrors: shardErrors)
    }
}

/// The readings the relay takes once for every operator's console
/// (`RelayKeys.readings`): what each console would otherwise poll itself.
public struct RelayReadings: Codable, Sendable, Equatable {
    public var shards: [ShardHealth]
    public var caches: [CacheHealth]
    public var instances: [InstanceHealth]
    /// The state cache's error when the relay read instances (nil: read).
    public var stateCacheError: String?
    /// When the relay published them, seconds since 1970.
    public var publishedAt: Double
    public init(shards: [ShardHealth], caches: [CacheHealth], instances: [InstanceHealth], stateCacheError: String? = nil, publishedAt: Date) {
        self.shards = shards; self.caches = caches; self.instances = instances
        self.stateCacheError = stateCacheError; self.publishedAt = publishedAt.timeIntervalSince1970
    }
}

extension RelayKeys {
    /// The set of an owner's library ids with a seat map under `seats(owner:library:)`:
    /// inside the owner's key pattern, so the owner's console lists its libraries
    /// without SCAN (which an ACL cannot confine to a pattern).
    public static func seatLibraries(owner ownerId: Int64) -> String { "seats:owner:\(ownerId):libraries" }
}

/// The commands an owner's ACL user may run: what a console with
/// `source = "relay"` needs to read its own streams and seat maps, nothing
/// that writes and nothing that lists other keys (no SCAN, KEYS, INFO).
public enum RelayOwnerCommands {
    public static let allowed = ["xread", "xrange", "xrevrange", "xlen", "get", "mget", "smembers", "ping", "select", "client|setname"]
}
