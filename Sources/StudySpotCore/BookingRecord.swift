import Foundation

/// A booking's status (CONTRACT §3).
public enum BookingStatus: String, Sendable, CaseIterable, Codable, Hashable {
    case reserved, checkedIn = "checked_in", completed, cancelled, noShow = "no_show"

    /// Words for people ("checked in", "no-show").
    public var label: String {
        switch self {
        case .reserved: "reserved"
        case .checkedIn: "checked in"
        case .completed: "completed"
        case .cancelled: "cancelled"
        case .noShow: "no-show"
        }
    }

    /// A mark that tells statuses apart without colour.
    public var glyph: String {
        switch self {
        case .reserved: "○"
        case .checkedIn: "●"
        case .completed: "✓"
        case .cancelled: "✕"
        case .noShow: "…"
        }
    }

    /// Holds the seat while its time runs.
    public var holdsSeat: Bool { self == .reserved || self == .checkedIn }
}

/// One booking row as the feed re-read it, joined with the catalog's names.
public struct BookingRecord: Sendable, Hashable {
    public var id: Int64
    /// The users shard the row lives on.
    public var shard: String
    public var userId: Int64
    /// The customer's display name (nil when the role may not read it).
    public var userName: String?
    public var libraryId: Int64
    public var ownerId: Int64
    public var seatId: Int64
    public var startsAt: Date
    public var endsAt: Date
    public var status: BookingStatus
    public var amountPaise: Int64
    public var createdAt: Date
    public var updatedAt: Date
    /// From the catalog; nil when the catalog does not show it to this role.
    public var libraryName: String?
    public var libraryCity: String?
    public var seatLabel: String?
    /// Whether the catalog was asked about this row's library and seat, and what it said.
    public var catalogMatch: CatalogMatch = .unchecked

    public init(id: Int64, shard: String, userId: Int64, userName: String? = nil, libraryId: Int64, ownerId: Int64,
                seatId: Int64, startsAt: Date, endsAt: Date, status: BookingStatus, amountPaise: Int64 = 0,
                createdAt: Date, updatedAt: Date, libraryName: String? = nil, libraryCity: String? = nil,
                seatLabel: String? = nil) {
        self.id = id; self.shard = shard; self.userId = userId; self.userName = userName
        self.libraryId = libraryId; self.ownerId = ownerId; self.seatId = seatId
        self.startsAt = startsAt; self.endsAt = endsAt; self.status = status; self.amountPaise = amountPaise
        self.createdAt = createdAt; self.updatedAt = updatedAt
        self.libraryName = libraryName; self.libraryCity = libraryCity; self.seatLabel = seatLabel
    }

    /// What makes a change unique: the same row at the same `updated_at` is the same change.
    public var changeKey: BookingChangeKey { BookingChangeKey(shard: shard, id: id, updatedAt: updatedAt) }

    /// "₹50", "₹12.50" or "-₹12.50" (a negative amount is the platform's mistake, shown as written).
    public var amountText: String {
        let sign = amountPaise < 0 ? "-" : ""
        let m = amountPaise.magnitude
        let rupees = m / 100, paise = m % 100
        return paise == 0 ? "\(sign)₹\(rupees)" : "\(sign)₹\(rupees).\(paise < 10 ? "0" : "")\(paise)"
    }
}

/// What the catalog said about a booking's library and seat.
public enum CatalogMatch: UInt8, Sendable, Hashable {
    /// Not looked up (the catalog was not reachable, or nobody asked).
    case unchecked
    case found
    /// The catalog has no such library (or does not show it to this role).
    case libraryMissing
    /// The library exists but has no seat with this id.
    case seatMissing
    /// Library and seat exist, but the library's owner is not the booking's
    /// `owner_id` (row-level security shows the booking to the wrong owner).
    case ownerMismatch
}

/// (shard, id, updated_at): the identity of one change.
public struct BookingChangeKey: Sendable, Hashable {
    public var shard: String
    public var id: Int64
    public var updatedAt: Date
    public init(shard: String, id: Int64, updatedAt: Date) { self.shard = shard; self.id = id; self.updatedAt = updatedAt }
}
