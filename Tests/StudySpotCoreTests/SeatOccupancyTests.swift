import Foundation
import Testing
import StudySpotCore

@Suite("Seat state: CONTRACT §3 taken = reserved or checked in with starts_at <= now < ends_at")
struct SeatOccupancyTests {
    static let now = Date(timeIntervalSince1970: 1_764_072_000)

    static func booking(_ status: BookingStatus, from: TimeInterval, to: TimeInterval, id: Int64 = 1) -> BookingRecord {
        BookingRecord(id: id, shard: "neon", userId: 1, libraryId: 1, ownerId: 1, seatId: 1,
                      startsAt: now.addingTimeInterval(from), endsAt: now.addingTimeInterval(to), status: status,
                      createdAt: now, updatedAt: now)
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var catalog: String
        var bookings: [BookingRecord]
        var expected: SeatStatus
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "no booking is free", catalog: "open", bookings: [], expected: .free),
        Case(name: "reserved over now", catalog: "open", bookings: [booking(.reserved, from: -60, to: 60)], expected: .reserved),
        Case(name: "checked in over now", catalog: "open", bookings: [booking(.checkedIn, from: -60, to: 60)], expected: .checkedIn),
        Case(name: "starts_at == now is taken", catalog: "open", bookings: [booking(.reserved, from: 0, to: 60)], expected: .reserved),
        Case(name: "ends_at == now is free", catalog: "open", bookings: [booking(.checkedIn, from: -60, to: 0)], expected: .free),
        Case(name: "starts a second from now is free", catalog: "open", bookings: [booking(.reserved, from: 1, to: 60)], expected: .free),
        Case(name: "cancelled over now is free", catalog: "open", bookings: [booking(.cancelled, from: -60, to: 60)], expected: .free),
        Case(name: "completed over now is free", catalog: "open", bookings: [booking(.completed, from: -60, to: 60)], expected: .free),
        Case(name: "no-show over now is free", catalog: "open", bookings: [booking(.noShow, from: -60, to: 60)], expected: .free),
        Case(name: "maintenance overrides a check-in", catalog: "maintenance", bookings: [booking(.checkedIn, from: -60, to: 60)], expected: .maintenance),
        Case(name: "retired overrides a reservation", catalog: "retired", bookings: [booking(.reserved, from: -60, to: 60)], expected: .retired),
        Case(name: "maintenance with no booking", catalog: "maintenance", bookings: [], expected: .maintenance),
        Case(name: "checked in wins over a reservation", catalog: "open",
             bookings: [booking(.reserved, from: -60, to: 60, id: 1), booking(.checkedIn, from: -30, to: 60, id: 2)], expected: .checkedIn),
        Case(name: "a cancelled and a live reservation", catalog: "open",
             bookings: [booking(.cancelled, from: -60, to: 60, id: 1), booking(.reserved, from: -30, to: 60, id: 2)], expected: .reserved),
    ]

    @Test(arguments: cases)
    func status(_ c: Case) {
        #expect(SeatOccupancy.status(catalogState: c.catalog, bookings: c.bookings, now: Self.now) == c.expected)
    }

    @Test func currentAndNextBooking() {
        let cur = Self.booking(.checkedIn, from: -60, to: 60, id: 1)
        let later = Self.booking(.reserved, from: 3600, to: 7200, id: 2)
        let soon = Self.booking(.reserved, from: 120, to: 600, id: 3)
        let cancelled = Self.booking(.cancelled, from: 30, to: 90, id: 4)
        let all = [later, cur, soon, cancelled]
        #expect(SeatOccupancy.current(all, now: Self.now)?.id == 1)
        #expect(SeatOccupancy.next(all, now: Self.now)?.id == 3)
        #expect(SeatOccupancy.current([later], now: Self.now) == nil)
    }

    @Test func occupancyCountsOpenSeatsOnlyPerZoneAndInTotal() {
        let seats = [
            SeatInfo(id: 1, libraryId: 1, label: "A01", zone: "Quiet", row: 1, column: 1),
            SeatInfo(id: 2, libraryId: 1, label: "A02", zone: "Quiet", row: 1, column: 2),
            SeatInfo(id: 3, libraryId: 1, label: "A03", zone: "Quiet", row: 1, column: 3, state: "maintenance"),
            SeatInfo(id: 4, libraryId: 1, label: "C01", zone: "AC", row: 1, column: 1),
        ]
        let (zones, total) = SeatOccupancy.occupancy(seats: seats, statuses: [.checkedIn, .free, .maintenance, .reserved])
        #expect(zones == [SeatZoneOccupancy(zone: "Quiet", taken: 1, open: 2), SeatZoneOccupancy(zone: "AC", taken: 1, open: 1)])
        #expect(total.taken == 2 && total.open == 3)
    }

    @Test func librarySearchMatchesNameOrCityInAnyScript() {
        let l = SeatLibrary(id: 1, name: "Gyan Kendra ज्ञान केंद्र", city: "Pune")
        #expect(l.matches("ज्ञान") && l.matches("pune") && l.matches("GYAN") && l.matches(""))
        #expect(!l.matches("Chennai"))
    }
}
