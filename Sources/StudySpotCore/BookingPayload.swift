import Foundation

/// Reads a `studyspot_bookings` notification payload. The payload is not
/// trusted for anything but which row to read again, so only a positive
/// integer `"id"` is taken from it; anything else is garbage.
public enum BookingPayload {
    private struct Fields: Decodable { var id: Int64 }

    /// The booking id named by the payload, or nil when the payload is garbage.
    public static func bookingId(_ payload: String) -> Int64? {
        // Bounded: a giant payload is garbage, not something to parse.
        guard payload.utf8.count <= 8_000,
              let fields = try? JSONDecoder().decode(Fields.self, from: Data(payload.utf8)),
              fields.id > 0 else { return nil }
        return fields.id
    }
}
