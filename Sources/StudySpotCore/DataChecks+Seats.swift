import Foundation

public enum SeatChecks {
    /// What is wrong with one library's seat map: seats sharing a zone, row
    /// and column; seats at negative positions; empty labels and names;
    /// bookings for seats the library does not have; bookings that end
    /// before they start. Place = the library ("library 12").
    public static func problems(_ map: SeatMapSnapshot) -> [DataProblem] {
        let place = "library \(map.library.id)"
        var out: [DataProblem] = []
        if map.library.name.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            out.append(DataProblem(.emptyName, place: place, detail: "library name"))
        }
        if map.library.city.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            out.append(DataProblem(.emptyName, place: place, detail: "city"))
        }
        struct Position: Hashable { var zone: String; var row: Int; var column: Int }
        var byPosition: [Position: [SeatInfo]] = [:]
        var order: [Position] = []
        for s in map.seats {
            let p = Position(zone: s.zone, row: s.row, column: s.column)
            if byPosition[p] == nil { order.append(p) }
            byPosition[p, default: []].append(s)
            if s.row < 0 || s.column < 0 {
                out.append(DataProblem(.negativeSeatPosition, place: place, detail: "\(label(s)) r\(s.row)c\(s.column)"))
            }
            if s.label.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                out.append(DataProblem(.emptyName, place: place, detail: "seat #\(s.id) label"))
            }
        }
        for p in order where byPosition[p]!.count > 1 {
            let zone = map.seats.contains(where: { $0.zone != p.zone }) ? "\(p.zone) " : ""
            out.append(DataProblem(.duplicateSeatPosition, place: place,
                                   detail: "\(zone)r\(p.row)c\(p.column): " + byPosition[p]!.map(label).joined(separator: ", ")))
        }
        let seatIds = Set(map.seats.map(\.id))
        for b in map.bookings {
            if !seatIds.contains(b.seatId) {
                out.append(DataProblem(.unknownSeat, place: b.shard, detail: "#\(b.id) seat \(b.seatId)"))
            }
            if b.endsAt < b.startsAt { out.append(DataProblem(.endsBeforeStarts, place: b.shard, detail: "#\(b.id)")) }
            if b.amountPaise < 0 { out.append(DataProblem(.negativeAmount, place: b.shard, detail: "#\(b.id) \(b.amountText)")) }
            if let owner = map.library.ownerId, b.ownerId != owner {
                out.append(DataProblem(.ownerMismatch, place: b.shard, detail: "#\(b.id) owner \(b.ownerId), library \(map.library.id)"))
            }
        }
        return out
    }

    /// Seat ids that share their position with another seat (to mark them).
    public static func duplicatePositionSeats(_ seats: [SeatInfo]) -> Set<Int64> {
        struct Position: Hashable { var zone: String; var row: Int; var column: Int }
        let groups = Dictionary(grouping: seats) { Position(zone: $0.zone, row: $0.row, column: $0.column) }
        return Set(groups.values.filter { $0.count > 1 }.flatMap { $0.map(\.id) })
    }

    /// A seat's label, or "#id" when it has none.
    static func label(_ s: SeatInfo) -> String {
        s.label.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? "#\(s.id)" : DataProblems.clip(s.label)
    }
}
