import Foundation

/// One library's seat map as loaded: the catalog layout and the bookings
/// around now from every users shard.
public struct SeatMapSnapshot: Sendable, Equatable {
    public var library: SeatLibrary
    public var seats: [SeatInfo]
    /// Bookings of this library that start within a day either side of `loadedAt`.
    public var bookings: [BookingRecord]
    public var loadedAt: Date
    /// Shards whose bookings could not be read (name → message).
    public var shardErrors: [String: String]

    public init(library: SeatLibrary, seats: [SeatInfo], bookings: [BookingRecord], loadedAt: Date, shardErrors: [String: String] = [:]) {
        self.library = library; self.seats = seats; self.bookings = bookings; self.loadedAt = loadedAt; self.shardErrors = shardErrors
    }

    /// How far either side of now bookings are read: covers the current and the next booking.
    public static let window: TimeInterval = 24 * 3600
}
