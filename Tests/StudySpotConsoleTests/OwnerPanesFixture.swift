import Foundation
import StudySpotCore
@testable import StudySpotConsole
@testable import TerminalUI

/// A small platform as the panes see it: a library named in Devanagari, one
/// with an escape sequence in its name, bookings on three shards.
enum OwnerPanesFixture {
    static let now = Date(timeIntervalSince1970: 1_764_052_200) // 2025-11-25 12:00 IST
    static let ist = TimeZone(identifier: "Asia/Kolkata")!
    static let devanagari = SeatLibrary(id: 1, name: "Gyan Kendra ज्ञान केंद्र", city: "Pune")
    static let hostile = SeatLibrary(id: 2, name: "Evil\u{1B}[2J\u{1B}]0;pwned\u{07}Hall", city: "Chennai")

    static func state(_ role: ConsoleRole = .owner, size: Size, pane: Pane = .bookings) -> State {
        var s = State(role: role, readOnly: false, size: size, now: now, timeZone: ist)
        s.pane = pane
        return s
    }

    static func booking(_ id: Int64, _ lib: SeatLibrary, seat: Int64, label: String, _ status: BookingStatus,
                        shard: String, from: TimeInterval = -1800, to: TimeInterval = 7200, user: String = "Asha R.",
                        changedAgo: TimeInterval = 10) -> BookingRecord {
        BookingRecord(id: id, shard: shard, userId: 100 + id, userName: user, libraryId: lib.id, ownerId: 1, seatId: seat,
                      startsAt: now.addingTimeInterval(from), endsAt: now.addingTimeInterval(to), status: status,
                      amountPaise: 5000, createdAt: now.addingTimeInterval(-3600), updatedAt: now.addingTimeInterval(-changedAgo),
                      libraryName: lib.name, libraryCity: lib.city, seatLabel: label)
    }

    static var changes: [BookingRecord] {
        [booking(11, devanagari, seat: 101, label: "क01", .reserved, shard: "neon", changedAgo: 50),
         booking(12, hostile, seat: 201, label: "B-14", .checkedIn, shard: "supabase", user: "Karthik S.", changedAgo: 40),
         booking(13, devanagari, seat: 102, label: "क02", .cancelled, shard: "planetscale", user: "Priya D.", changedAgo: 30),
         booking(14, devanagari, seat: 103, label: "A03", .completed, shard: "neon", user: "Rahul M.", changedAgo: 20),
         booking(15, hostile, seat: 202, label: "B-15", .noShow, shard: "planetscale", user: "Meera K.", changedAgo: 10)]
    }

    static func batch(_ changes: [BookingRecord] = changes) -> BookingFeedBatch {
        BookingFeedBatch(changes: changes, today: ["reserved": 1204, "checked_in": 3881, "completed": 2940, "cancelled": 311, "no_show": 72],
                         shardStatus: ["neon": "live", "supabase": "live", "planetscale": "reconnecting in 0.4s (attempt 2): connection refused"],
                         initialLoadDone: true, activity: activity())
    }

    /// Five bookings made in the minute before noon (IST), two more at 09:xx; the server's clock 3 s ahead.
    static func activity(minutes extra: [Int64: Int] = [:]) -> BookingActivityCounts {
        let m = BookingActivity.minute(of: now)
        let dayStart = Int64(now.timeIntervalSince1970) - 12 * 3_600
        return BookingActivityCounts(minutes: [m - 1: 5].merging(extra, uniquingKeysWith: +), hours: [dayStart + 9 * 3_600: 2, dayStart + 11 * 3_600: 5],
                                     serverNow: now.addingTimeInterval(3), localNow: now,
                                     dayStart: Date(timeIntervalSince1970: Double(dayStart)))
    }

    static func seatMap(_ lib: SeatLibrary, seats count: Int = 40) -> SeatMapSnapshot {
        var seats: [SeatInfo] = []
        for i in 0..<count {
            let zone = i < count / 2 ? "Quiet zone" : "AC कक्ष"
            let label = i < count / 2 ? "A\(String(format: "%02d", i + 1))" : "क\(i + 1 - count / 2)"
            seats.append(SeatInfo(id: 100 + Int64(i) + 1, libraryId: lib.id, label: label, zone: zone,
                                  row: (i % (count / 2)) / 10 + 1, column: i % 10 + 1,
                                  state: i == 5 ? "maintenance" : (i == 6 ? "retired" : "open")))
        }
        let bookings = [booking(11, lib, seat: 101, label: "A01", .reserved, shard: "neon"),
                        booking(16, lib, seat: 102, label: "A02", .checkedIn, shard: "supabase"),
                        booking(17, lib, seat: 103, label: "A03", .reserved, shard: "planetscale", from: 3600, to: 7200, user: "Rahul M."),
                        booking(18, lib, seat: 106, label: "A06", .checkedIn, shard: "neon")]
        return SeatMapSnapshot(library: lib, seats: seats, bookings: bookings, loadedAt: now)
    }

    static func render(_ s: State) -> Buffer {
        var b = Buffer(size: s.size)
        view(s, into: &b)
        return b
    }
}
