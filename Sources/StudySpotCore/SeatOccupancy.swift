import Foundation

/// What a seat is doing now, as the seat map shows it.
public enum SeatStatus: String, Sendable, CaseIterable, Hashable {
    case free, reserved, checkedIn = "checked_in", maintenance, retired

    /// Counts against the zone's open seats.
    public var isTaken: Bool { self == .reserved || self == .checkedIn }
}

/// A seat from the catalog layout.
public struct SeatInfo: Sendable, Hashable {
    public var id: Int64
    public var libraryId: Int64
    public var label: String
    public var zone: String
    public var row: Int
    public var column: Int
    /// The catalog's state: open, maintenance or retired.
    public var state: String
    public init(id: Int64, libraryId: Int64, label: String, zone: String, row: Int, column: Int, state: String = "open") {
        self.id = id; self.libraryId = libraryId; self.label = label; self.zone = zone
        self.row = row; self.column = column; self.state = state
    }
}

/// A library as the seat picker lists it.
public struct SeatLibrary: Sendable, Hashable {
    public var id: Int64
    public var name: String
    public var city: String
    /// The catalog's owner of the library (nil when not read).
    public var ownerId: Int64?
    public init(id: Int64, name: String, city: String, ownerId: Int64? = nil) {
        self.id = id; self.name = name; self.city = city; self.ownerId = ownerId
    }

    /// Case-insensitive match on name or city (empty query matches all).
    public func matches(_ query: String) -> Bool {
        let q = query.trimmingCharacters(in: .whitespaces)
        guard !q.isEmpty else { return true }
        return TextCompare.containsIgnoringCase(name, q) || TextCompare.containsIgnoringCase(city, q)
    }
}

/// Per-zone and total occupancy: taken seats over the seats that count.
/// A seat counts when the catalog has it open: seats in maintenance or
/// retired cannot be booked, so they are in neither number (a maintenance
/// seat with a booking on it is still shown as maintenance, as CONTRACT §3's
/// catalog state overrides). The Seats pane's title and its zone headings
/// both read this, so they agree.
public struct SeatZoneOccupancy: Sendable, Hashable {
    public var zone: String
    public var taken: Int
    /// Seats that can be booked (not in maintenance, not retired).
    public var open: Int
    public init(zone: String, taken: Int, open: Int) { self.zone = zone; self.taken = taken; self.open = open }
}

/// The seat map's rules (CONTRACT §3), as pure functions: a seat is taken now
/// when a booking for it is reserved or checked in with starts_at <= now < ends_at;
/// the catalog's maintenance and retired states override any booking.
public enum SeatOccupancy {
    /// One seat's status now.
    public static func status(catalogState: String, bookings: [BookingRecord], now: Date) -> SeatStatus {
        switch catalogState {
        case "retired": return .retired
        case "maintenance": return .maintenance
        default: break
        }
        var result = SeatStatus.free
        for b in bookings where b.status.holdsSeat && b.startsAt <= now && now < b.endsAt {
            if b.status == .checkedIn { return .checkedIn }
            result = .reserved
        }
        return result
    }

    /// The booking holding the seat now, if any (checked in wins over reserved).
    public static func current(_ bookings: [BookingRecord], now: Date) -> BookingRecord? {
        let live = bookings.filter { $0.status.holdsSeat && $0.startsAt <= now && now < $0.endsAt }
        return live.first { $0.status == .checkedIn } ?? live.min { $0.startsAt < $1.startsAt }
    }

    /// The next booking that will hold the seat, starting after now.
    public static func next(_ bookings: [BookingRecord], now: Date) -> BookingRecord? {
        bookings.filter { $0.status.holdsSeat && $0.startsAt > now }.min { $0.startsAt < $1.startsAt }
    }

    /// Every seat's status, in the order of `seats`.
    public static func statuses(seats: [SeatInfo], bookingsBySeat: [Int64: [BookingRecord]], now: Date) -> [SeatStatus] {
        seats.map { status(catalogState: $0.state, bookings: bookingsBySeat[$0.id] ?? [], now: now) }
    }

    /// Occupancy per zone (in first-seen zone order) and in total.
    public static func occupancy(seats: [SeatInfo], statuses: [SeatStatus]) -> (zones: [SeatZoneOccupancy], total: SeatZoneOccupancy) {
        var order: [String] = []
        var byZone: [String: SeatZoneOccupancy] = [:]
        var total = SeatZoneOccupancy(zone: "total", taken: 0, open: 0)
        for (seat, st) in zip(seats, statuses) {
            if byZone[seat.zone] == nil { order.append(seat.zone); byZone[seat.zone] = SeatZoneOccupancy(zone: seat.zone, taken: 0, open: 0) }
            guard st != .maintenance && st != .retired else { continue }
            byZone[seat.zone]!.open += 1; total.open += 1
            if st.isTaken { byZone[seat.zone]!.taken += 1; total.taken += 1 }
        }
        return (order.map { byZone[$0]! }, total)
    }
}
