import Foundation
import StudySpotCore
import TerminalUI

// Inconsistencies of the shown library: duplicate seat positions,
// negative positions, empty names, bookings for seats the library does not
// have. One warning line under the zone line, a note on the selected seat,
// and alerts through AlertsPane+DataProblems.

/// The shown library's problems: the layout's, computed when a map loads,
/// and its bookings', kept up to date as the feed changes them.
public struct SeatProblems: Sendable, Equatable {
    public var layout: [DataProblem] = []
    var bookings: [BookingChangeKeyID: [DataProblem]] = [:]
    var seatIds: Set<Int64> = []
    var libraryOwner: Int64?
    /// Seats that share their zone, row and column with another.
    public var duplicateSeats: Set<Int64> = []
    public init() {}

    init(_ map: SeatMapSnapshot) {
        let all = SeatChecks.problems(map)
        let bookingKinds: Set<DataProblemKind> = [.unknownSeat, .endsBeforeStarts, .negativeAmount, .ownerMismatch]
        layout = all.filter { !bookingKinds.contains($0.kind) }
        seatIds = Set(map.seats.map(\.id))
        libraryOwner = map.library.ownerId
        duplicateSeats = SeatChecks.duplicatePositionSeats(map.seats)
        for b in map.bookings { set(b) }
    }

    /// Every problem, layout first.
    public var all: [DataProblem] {
        layout + bookings.keys.sorted { ($0.shard, $0.id) < ($1.shard, $1.id) }.flatMap { bookings[$0]! }
    }

    /// Re-checks the bookings the feed just changed (each change is the newest
    /// version of its row, so checking it directly avoids a search per change).
    mutating func update(_ changes: [BookingRecord], in map: SeatMapSnapshot) {
        for c in changes where c.libraryId == map.library.id { set(c) }
    }

    private mutating func set(_ b: BookingRecord) {
        var p: [DataProblem] = []
        if !seatIds.contains(b.seatId) { p.append(DataProblem(.unknownSeat, place: b.shard, detail: "#\(b.id) seat \(b.seatId)")) }
        let f = BookingChecks.flags(b).subtracting([.unknownLibrary, .unknownSeat, .ownerMismatch])
        p += BookingChecks.problems(b, f)
        if let owner = libraryOwner, b.ownerId != owner {
            p.append(DataProblem(.ownerMismatch, place: b.shard, detail: "#\(b.id) owner \(b.ownerId), library \(b.libraryId)"))
        }
        bookings[BookingChangeKeyID(shard: b.shard, id: b.id)] = p.isEmpty ? nil : p
    }
}

/// Draws the shown library's problems on one line; returns the lines used (0 or 1).
func drawSeatProblems(_ s: State, _ area: Rect, _ buffer: inout Buffer) -> Int {
    guard area.height >= 1, let line = DataProblems.line(s.seats.problems.all,
                                                         first: [.duplicateSeatPosition, .negativeSeatPosition, .unknownSeat]) else { return 0 }
    buffer.put(line, x: area.x, y: area.y, style: s.theme[.warning], clip: area)
    return 1
}

/// "⚠ shares its position with another seat · " before the selected seat's line.
func seatProblemNote(_ s: State, _ seat: SeatInfo) -> String {
    var notes: [String] = []
    if s.seats.problems.duplicateSeats.contains(seat.id) { notes.append("shares its position with another seat") }
    if seat.row < 0 || seat.column < 0 { notes.append("negative position r\(seat.row)c\(seat.column)") }
    return notes.isEmpty ? "" : "⚠ " + notes.joined(separator: ", ") + " · "
}

/// "Gyan Kendra · Pune", or "library 1 (no name)" when the catalog left the name empty.
func seatLibraryTitle(_ lib: SeatLibrary) -> String {
    let name = lib.name.allSatisfy(\.isWhitespace) ? "library \(lib.id) (no name)" : lib.name
    return lib.city.allSatisfy(\.isWhitespace) ? name : "\(name) · \(lib.city)"
}
