import Foundation
import Testing
@testable import StudySpotCore

/// The consistency checks of the hostile data: pure, on hand-made rows.
@Suite struct DataChecksTests {
    let now = Date(timeIntervalSince1970: 1_790_000_000)

    func booking(_ id: Int64, shard: String = "neon", starts: Double = 0, ends: Double = 3600, amount: Int64 = 5000,
                 match: CatalogMatch = .found, library: Int64 = 1, seat: Int64 = 11) -> BookingRecord {
        var r = BookingRecord(id: id, shard: shard, userId: 1, libraryId: library, ownerId: 1, seatId: seat,
                              startsAt: now.addingTimeInterval(starts), endsAt: now.addingTimeInterval(ends),
                              status: .reserved, amountPaise: amount, createdAt: now, updatedAt: now)
        r.catalogMatch = match
        return r
    }

    @Test func bookingFlagsNameEachInconsistency() {
        #expect(BookingChecks.flags(booking(1)).isEmpty)
        #expect(BookingChecks.flags(booking(2, starts: 0, ends: -1)) == .endsBeforeStarts)
        #expect(BookingChecks.flags(booking(3, starts: 0, ends: 0)).isEmpty, "zero length is odd but not backwards")
        #expect(BookingChecks.flags(booking(4, amount: -1)) == .negativeAmount)
        #expect(BookingChecks.flags(booking(5, match: .libraryMissing)) == .unknownLibrary)
        #expect(BookingChecks.flags(booking(6, match: .seatMissing)) == .unknownSeat)
        #expect(BookingChecks.flags(booking(7, match: .ownerMismatch)) == .ownerMismatch)
        #expect(BookingChecks.problems(booking(7, match: .ownerMismatch)).first?.whereText == "neon #7 owner 1, library 1")
        // A catalog that could not be asked flags nothing.
        #expect(BookingChecks.flags(booking(7, match: .unchecked)).isEmpty)
        let many = BookingChecks.flags(booking(8, ends: -5, amount: -100, match: .seatMissing))
        #expect(many.text == "ends before start, seat not in catalog, negative amount")
        let p = BookingChecks.problems(booking(9, shard: "supabase", amount: -5050))
        #expect(p == [DataProblem(.negativeAmount, place: "supabase", detail: "#9 -₹50.50")])
    }

    @Test func negativeAmountsReadAsWritten() {
        #expect(booking(1, amount: -5050).amountText == "-₹50.50")
        #expect(booking(1, amount: -5).amountText == "-₹0.05")
        #expect(booking(1, amount: Int64.min).amountText.hasPrefix("-₹92233720368547758"))
    }

    @Test func tallyCountsEachBookingOnceByItsNewestVersion() {
        var t = BookingProblemTally()
        t.record([booking(1, ends: -1), booking(2, shard: "supabase", ends: -1), booking(3), booking(4, match: .libraryMissing)])
        #expect(t.count == 3)
        let r0 = t.revision
        // The same bad row again changes nothing; a repaired row drops out.
        t.record([booking(1, ends: -1)])
        #expect(t.revision == r0)
        t.record([booking(2, shard: "supabase")])
        #expect(t.count == 2 && t.revision != r0)
        let s = t.summaries()
        #expect(s.map(\.kind) == [.endsBeforeStarts, .unknownLibrary])
        #expect(s[0].text() == "1 booking ends before it starts (neon #1)")
        #expect(s[1].text() == "1 booking for libraries not in the catalog (neon #4 library 1)")
        // Re-flagged after repair: counted once, not twice.
        t.record([booking(2, shard: "supabase", ends: -1), booking(2, shard: "supabase", ends: -1, amount: -1)])
        #expect(t.summaries().first { $0.kind == .endsBeforeStarts }?.count == 2)
        #expect(t.problems.filter { $0.kind == .endsBeforeStarts }.count == 2)
    }

    @Test func tallyIsBounded() {
        var t = BookingProblemTally()
        t.record((0..<Int64(BookingProblemTally.limit + 50)).map { booking($0, ends: -1) })
        #expect(t.count == BookingProblemTally.limit)
        #expect(t.summaries().first?.count == BookingProblemTally.limit)
    }

    @Test func phrasesAreShortAndPluralised() {
        #expect(DataProblemKind.endsBeforeStarts.phrase(3) == "3 bookings end before they start")
        #expect(DataProblemKind.unknownSeat.phrase(2) == "2 bookings for seats not in the catalog")
        let s = DataProblems.summarize([DataProblem(.endsBeforeStarts, place: "neon", detail: "#1"),
                                        DataProblem(.endsBeforeStarts, place: "neon", detail: "#2"),
                                        DataProblem(.endsBeforeStarts, place: "xata", detail: "#3"),
                                        DataProblem(.endsBeforeStarts, place: "xata", detail: "#4")])
        #expect(s.first?.text() == "4 bookings end before they start (neon #1, neon #2, xata #3, …)")
        #expect(DataProblems.clip(String(repeating: "ज्ञा", count: 100), 3) == "ज्ञाज्ञाज्ञा…")
        #expect(DataProblems.number(.nan) == "NaN" && DataProblems.number(-5) == "-5" && DataProblems.number(1e300) == "1e+300")
    }

    @Test func seatMapFlagsDuplicatePositionsAndStrayBookings() {
        let seats = [SeatInfo(id: 1, libraryId: 1, label: "A11", zone: "Quiet", row: 1, column: 1),
                     SeatInfo(id: 2, libraryId: 1, label: "A12", zone: "Quiet", row: 3, column: 4),
                     SeatInfo(id: 3, libraryId: 1, label: "A13", zone: "Quiet", row: 3, column: 4),
                     SeatInfo(id: 4, libraryId: 1, label: "B11", zone: "AC", row: 3, column: 4),
                     SeatInfo(id: 5, libraryId: 1, label: " ", zone: "AC", row: -1, column: 2)]
        let map = SeatMapSnapshot(library: SeatLibrary(id: 1, name: "", city: "Pune", ownerId: 1), seats: seats,
                                  bookings: [booking(10, seat: 1), booking(11, seat: 99), booking(12, ends: -10, seat: 2)]
                                      + [{ var b = booking(13, seat: 1); b.ownerId = 2; return b }()], loadedAt: now)
        let p = SeatChecks.problems(map)
        #expect(p.contains(DataProblem(.duplicateSeatPosition, place: "library 1", detail: "Quiet r3c4: A12, A13")))
        #expect(!p.contains { $0.detail.contains("B11") }, "the same row and column in another zone is another seat")
        #expect(p.contains(DataProblem(.negativeSeatPosition, place: "library 1", detail: "#5 r-1c2")))
        #expect(p.contains(DataProblem(.emptyName, place: "library 1", detail: "library name")))
        #expect(p.contains(DataProblem(.emptyName, place: "library 1", detail: "seat #5 label")))
        #expect(p.contains(DataProblem(.unknownSeat, place: "neon", detail: "#11 seat 99")))
        #expect(p.contains(DataProblem(.endsBeforeStarts, place: "neon", detail: "#12")))
        #expect(p.contains(DataProblem(.ownerMismatch, place: "neon", detail: "#13 owner 2, library 1")))
        #expect(p.filter { $0.kind == .ownerMismatch }.count == 1)
        #expect(SeatChecks.duplicatePositionSeats(seats) == [2, 3])
        let line = DataProblems.line(p, first: [.duplicateSeatPosition])
        #expect(line?.hasPrefix("⚠ duplicate seat position Quiet r3c4: A12, A13 · ") == true)
    }

    func entry(_ provider: String, limit: Double? = 100, period: QuotaPeriod = .month) -> QuotaEntry {
        QuotaEntry(provider: provider, resource: "storage", category: .database, limit: limit, unit: "GB", period: period,
                   planLimit: nil, planText: "", currentText: "", source: "", checked: "", verdict: .confirmed)
    }

    @Test func unusableSamplesAreLeftOutAndCounted() {
        let samples = [QuotaSample(used: 10, observedAt: now.addingTimeInterval(-7200)),
                       QuotaSample(used: .nan, observedAt: now.addingTimeInterval(-3600)),
                       QuotaSample(used: .infinity, observedAt: now.addingTimeInterval(-1800)),
                       QuotaSample(used: 1e300, observedAt: now.addingTimeInterval(-60))]
        let g = QuotaMath.gauge(entry: entry("neon"), samples: samples, now: now)
        #expect(g.used == 10 && g.rejectedSamples == 3 && g.rejectedValue == 1e300)
        #expect(g.percent == 10)
        #expect(g.history.allSatisfy { $0.isFinite })
        let p = PlatformChecks.usage([g])
        #expect(p == [DataProblem(.implausibleUsage, place: "neon storage", detail: "3 samples 1e+300")])
        // Tiny limits cannot push percentages past what an Int holds.
        let tiny = QuotaMath.gauge(entry: entry("x", limit: 1e-300), samples: [QuotaSample(used: 1e14, observedAt: now)], now: now)
        #expect(tiny.percent == 1e12)
        #expect(Int(tiny.percent!.rounded()) == 1_000_000_000_000)
    }

    @Test func negativeUsageIsFlaggedWithItsProvider() {
        let g = QuotaMath.gauge(entry: entry("neon", period: .total),
                                samples: [QuotaSample(used: -5, observedAt: now.addingTimeInterval(-600)),
                                          QuotaSample(used: -3.5, observedAt: now)], now: now)
        let p = PlatformChecks.usage([g])
        // Left out of the arithmetic (no gauge from them) and flagged: the latest and how many.
        #expect(g.used == nil && g.rejectedSamples == 2)
        #expect(p == [DataProblem(.negativeUsage, place: "neon storage", detail: "-3.5 GB (2 samples)")])
        let alerts = DataProblemAlerts.alerts(p, now: now)
        #expect(alerts.map(\.message) == ["negative usage reported by neon storage: -3.5 GB (2 samples)"])
        #expect(alerts.first?.id == "data.negative-usage:neon storage" && alerts.first?.severity == .warning)
    }

    @Test func weightsAndCountersFromTheStateCache() {
        var a = InstanceHealth(config: InstanceConfig(name: "railway", provider: "railway", url: "http://x", priority: 1, weight: 60, sleeps: false))
        a.effectiveWeight = -5
        a.requestsToday = -42
        a.uptimeSeconds = -1e9
        var b = InstanceHealth(config: InstanceConfig(name: "render-1", provider: "render", url: "http://x", priority: 1, weight: 20, sleeps: true))
        b.effectiveWeight = Int.max
        b.requestsToday = Int64.max
        let p = PlatformChecks.instances([a, b])
        #expect(p.map(\.kind) == [.negativeWeight, .negativeCounter, .futureStart])
        #expect(p[0].whereText == "lb:weights railway -5")
        let alerts = DataProblemAlerts.alerts(p, now: now)
        #expect(alerts.map(\.id) == ["data.negative-weight", "data.negative-counter", "data.future-start"])
        #expect(alerts.allSatisfy { $0.source == "state cache" })
    }

    @Test func overflowingWeightsAndCountersDoNotTrap() {
        let members = [LoadBalancer.Member(name: "a", priority: 1, weight: Int.max), LoadBalancer.Member(name: "b", priority: 1, weight: Int.max)]
        let shares = LoadBalancer.shares(members)
        #expect(shares["a"] == 0.5 && shares["b"] == 0.5)
        #expect(SaturatingMath.sum([Int64.max, Int64.max, -1]) == Int64.max - 1)
        #expect(SaturatingMath.sum([Int64.min, -5]) == Int64.min)
        #expect(SaturatingMath.sum([Int.max, 1]) == Int.max)
    }

    @Test func emailCountersBelowZero() {
        let status = EmailRouterStatus.make(router: EmailRouter(senders: [EmailRouter.Sender(provider: "resend", dailyLimit: 100, monthlyLimit: 3000)]),
                                            sentToday: ["resend": -5], sentThisMonth: ["resend": 10], catalog: [], queueLength: 0, oldestQueuedAt: nil)
        #expect(PlatformChecks.email(status) == [DataProblem(.negativeCounter, place: "email:sent", detail: "resend -5")])
    }
}
