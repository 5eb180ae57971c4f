import Foundation
import Testing
import StudySpotCore
@testable import StudySpotConsole

/// The Bookings pane's compact feed against the records it was given.
@Suite("Feed store: compact entries, names interned, the same records back")
struct BookingFeedStoreTests {
    func record(_ i: Int, user: String? = nil) -> BookingRecord {
        let t = Date(timeIntervalSince1970: 1_764_000_000.123456 + Double(i) * 0.001)
        var r = BookingRecord(id: Int64(i), shard: ["neon", "supabase", "planetscale"][i % 3], userId: Int64(i % 97),
                              userName: user ?? (i % 5 == 0 ? nil : "Customer with a long name \(i % 50)"),
                              libraryId: Int64(i % 7), ownerId: Int64(i % 3), seatId: Int64(i),
                              startsAt: t.addingTimeInterval(600), endsAt: t.addingTimeInterval(4_200),
                              status: BookingStatus.allCases[i % 5], amountPaise: Int64(i * 25 - 300),
                              createdAt: t, updatedAt: t.addingTimeInterval(0.5),
                              libraryName: i % 11 == 0 ? nil : "लाइब्रेरी \(i % 7)", libraryCity: "Pune",
                              seatLabel: i % 13 == 0 ? nil : "A\(i % 40)")
        r.catalogMatch = [CatalogMatch.unchecked, .found, .libraryMissing, .seatMissing, .ownerMismatch][i % 5]
        return r
    }

    @Test("Every field comes back as appended, newest first, the oldest dropped past capacity")
    func roundTrip() {
        var store = BookingFeedStore(capacity: 1_000)
        let all = (0..<1_300).map { record($0) }
        store.append(contentsOf: all)
        #expect(store.count == 1_000)
        #expect(store.newestFirst == Array(all.suffix(1_000).reversed()))
        #expect(store.newest(0).changeKey == all[1_299].changeKey)
    }

    @Test("An entry is much smaller than the record it stores")
    func compact() {
        #expect(MemoryLayout<CompactBooking>.stride <= 104)
        #expect(MemoryLayout<CompactBooking>.stride * 3 <= MemoryLayout<BookingRecord>.stride * 2,
                "\(MemoryLayout<CompactBooking>.stride) against \(MemoryLayout<BookingRecord>.stride)")
    }

    @Test("Names of changes long gone do not pile up: the table is rebuilt from what the ring holds")
    func boundedNames() {
        let capacity = 500
        var store = BookingFeedStore(capacity: capacity)
        var appended: [BookingRecord] = []
        for i in 0..<40_000 {
            let r = record(i, user: "user \(i)")  // every change a new name
            store.append(r)
            appended.append(r)
            #expect(store.internedCount <= 8 * capacity + 1_024 + 1)
        }
        #expect(store.newestFirst == Array(appended.suffix(capacity).reversed()))
    }

    @Test("A copy keeps reading its own records while the other appends and rebuilds its table")
    func copiesStayAsTheyWere() {
        var a = BookingFeedStore(capacity: 300)
        a.append(contentsOf: (0..<300).map { record($0, user: "first \($0)") })
        let before = a.newestFirst
        var b = a
        #expect(a == b)
        b.append(record(300, user: "new name"))
        #expect(a != b)
        for i in 301..<6_000 { b.append(record(i, user: "later \(i)")) }
        #expect(a.newestFirst == before)
        #expect(b.newest(0).userName == "later 5999")
    }

    @Test("Stores built apart are equal when they hold the same records")
    func equalApart() {
        #expect(BookingFeedStore(capacity: 2) == BookingFeedStore(capacity: 2))
        var a = BookingFeedStore(capacity: 2)
        a.append(contentsOf: [record(1), record(2)])
        // c interned another name first, so its ids for the same names differ.
        var c = BookingFeedStore(capacity: 2)
        c.append(contentsOf: [record(99, user: "gone by now"), record(1), record(2)])
        #expect(a == c)
        c.append(record(3))
        #expect(a != c)
    }
}
