import Foundation
import Testing
import StudySpotCore
@testable import StudySpotConsole
@testable import TerminalUI

/// Hostile data: every pane drawn from a state full of escape
/// sequences, controls, bidi tricks, emoji, combining marks, empty and
/// 10 KB names, negative and overflowing numbers, at sizes from 1×1 up:
/// nothing crashes, no control byte from the data reaches the terminal,
/// every row is exactly as wide as the screen, and the inconsistencies are flagged.
@Suite struct HostileRenderTests {
    static let now = Date(timeIntervalSince1970: 1_764_052_200)
    static let texts: [String] = [
        "Clear\u{1B}[2J\u{1B}[H Hall", "\u{1B}]52;c;cm0gLXJmIH4=\u{07}Clip", "\u{1B}[99999999999999999999;9999999999H",
        "Lone\u{1B}", "C1 \u{9B}31m\u{9D}0;t\u{9C}\u{85}", "Tab\tCR\rBS\u{08}DEL\u{7F}BEL\u{07}\nLF",
        "مكتبة المعرفة \u{200F}ספריית הידע", "\u{202E}exe.txt\u{202C}\u{2066}iso\u{2069}", "📚👩‍💻👨‍👩‍👧‍👦🏳️‍🌈🇮🇳1️⃣",
        "\u{0301}Za\u{0301}\u{0302}l" + String(repeating: "\u{0336}", count: 40), "A\u{200B}1\u{200D}\u{FEFF}\u{2060}2",
        "ज्ञान केंद्र படிப்பகம்", "", "   ",
        String(repeating: "ज्ञान📚\u{1B}[31mपुस्तक\u{202E}", count: 300),
    ]
    static func text(_ i: Int) -> String { texts[i % texts.count] }

    static func booking(_ id: Int64, shard: String, starts: Double, ends: Double, amount: Int64 = 5000,
                        match: CatalogMatch = .found, library: Int64 = 1, seat: Int64 = 11) -> BookingRecord {
        var r = BookingRecord(id: id, shard: shard, userId: id, userName: text(Int(id)), libraryId: library, ownerId: 1, seatId: seat,
                              startsAt: now.addingTimeInterval(starts), endsAt: now.addingTimeInterval(ends),
                              status: BookingStatus.allCases[Int(id) % 5], amountPaise: amount,
                              createdAt: now.addingTimeInterval(-60), updatedAt: now.addingTimeInterval(-Double(100 - id)),
                              libraryName: match == .libraryMissing ? nil : text(Int(id) + 3),
                              libraryCity: match == .libraryMissing ? nil : text(Int(id) + 7),
                              seatLabel: match == .found ? text(Int(id) + 1) : nil)
        r.catalogMatch = match
        return r
    }

    static var bookings: [BookingRecord] {
        var out: [BookingRecord] = []
        for i in 0..<Int64(texts.count) { out.append(booking(i + 1, shard: ["neon", "supabase", "planetscale"][Int(i) % 3], starts: -600, ends: 3600)) }
        out += [booking(40, shard: "neon", starts: -3600, ends: -7200), booking(41, shard: "supabase", starts: 0, ends: -1),
                booking(42, shard: "planetscale", starts: -60, ends: -120),
                booking(43, shard: "neon", starts: 0, ends: 60, match: .libraryMissing, library: 999_991),
                booking(44, shard: "neon", starts: 0, ends: 60, match: .seatMissing, seat: 888_801),
                booking(45, shard: "supabase", starts: 0, ends: 60, amount: Int64(Int32.min)),
                booking(46, shard: "neon", starts: 0, ends: 0)]
        // 'infinity' and '-infinity' as PGTimestamp reads them.
        out[out.count - 1].startsAt = .distantPast
        out[out.count - 1].endsAt = .distantFuture
        return out
    }

    static var seatMap: SeatMapSnapshot {
        var seats: [SeatInfo] = []
        for r in 1...3 { for c in 1...5 where !(r == 3 && c == 4) { seats.append(SeatInfo(id: Int64(r * 10 + c), libraryId: 1, label: "Q\(r)\(c)", zone: "Quiet", row: r, column: c)) } }
        seats += [SeatInfo(id: 201, libraryId: 1, label: "A12", zone: "Quiet", row: 3, column: 4),
                  SeatInfo(id: 202, libraryId: 1, label: "A13", zone: "Quiet", row: 3, column: 4),
                  SeatInfo(id: 400, libraryId: 1, label: "NEG", zone: "Quiet", row: -1, column: Int(Int32.min)),
                  SeatInfo(id: 401, libraryId: 1, label: "BIG", zone: "Quiet", row: Int(Int32.max), column: Int(Int32.max))]
        for (i, t) in texts.enumerated() {
            seats.append(SeatInfo(id: Int64(300 + i), libraryId: 1, label: t, zone: [t, "", "Quiet"][i % 3], row: 10 + i / 5, column: i % 5 + 1,
                                  state: ["open", "maintenance", "retired"][i % 3]))
        }
        let b = [booking(50, shard: "neon", starts: -600, ends: 3600, seat: 201), booking(51, shard: "neon", starts: -600, ends: 3600, seat: 888_802),
                 booking(52, shard: "supabase", starts: -600, ends: -900, seat: 11)]
        return SeatMapSnapshot(library: SeatLibrary(id: 1, name: "", city: ""), seats: seats, bookings: b, loadedAt: now)
    }

    static var gauges: [QuotaGauge] {
        func entry(_ p: String, _ r: String) -> QuotaEntry {
            QuotaEntry(provider: p, resource: r, category: .database, limit: 0.5, unit: "GB", period: .total, planLimit: 3,
                       planText: text(2), currentText: text(4), source: text(5), checked: text(6), verdict: .changed)
        }
        let t = now
        return [QuotaMath.gauge(entry: entry("neon", "storage"), samples: [QuotaSample(used: -5, observedAt: t.addingTimeInterval(-600)),
                                                                              QuotaSample(used: -3.5, observedAt: t)], now: t),
                QuotaMath.gauge(entry: entry("upstash", "commands"), samples: [QuotaSample(used: .nan, observedAt: t.addingTimeInterval(-900)),
                                                                                 QuotaSample(used: .infinity, observedAt: t.addingTimeInterval(-600)),
                                                                                 QuotaSample(used: 1e300, observedAt: t)], now: t),
                QuotaMath.gauge(entry: entry("vercel", "bandwidth"), samples: [QuotaSample(used: 0.49999, observedAt: t.addingTimeInterval(-7200)),
                                                                                 QuotaSample(used: 0.5, observedAt: t)], now: t)]
    }

    static var instances: [InstanceHealth] {
        let weights = [-5, Int.max, Int.max, 3, Int.min]
        let requests: [Int64] = [.max, .max, -42, 0, .min]
        return ["railway", "render-1", "render-2", "fly", "koyeb"].enumerated().map { i, name in
            var h = InstanceHealth(config: InstanceConfig(name: name, provider: name, url: "http://127.0.0.1:1", priority: i == 0 ? 1 : 2,
                                                          weight: 10, sleeps: i > 0))
            h.effectiveWeight = weights[i]
            h.requestsToday = requests[i]
            h.version = text(i + 9)
            h.uptimeSeconds = [-1e300, 1e300, .nan, -1e9, 5][i]
            h.heartbeatAt = now.addingTimeInterval(i == 1 ? 1e12 : -3)
            h.apply(.probeOK(status: "ok", latency: 0.04), at: now)
            if i == 4 { h.apply(.probeFailed, error: text(0), at: now) }
            return h
        }
    }

    static func state(_ role: ConsoleRole, size: Size) -> State {
        var s = State(role: role, readOnly: true, size: size, now: now, timeZone: TimeZone(identifier: "Asia/Kolkata")!)
        func fold(_ m: MonitorEvent) { s = update(s, .data(m)).0 }
        fold(.bookings(.batch(BookingFeedBatch(changes: bookings, today: ["reserved": -3, "checked_in": Int.max],
                                               shardStatus: ["neon": "live", text(0): text(1)], initialLoadDone: true, garbagePayloads: 7))))
        fold(.seats(.libraries([SeatLibrary(id: 1, name: "", city: "")] + texts.enumerated().map { SeatLibrary(id: Int64($0 + 2), name: $1, city: text($0 + 4)) })))
        fold(.seats(.map(seatMap)))
        guard role != .owner else { return s }
        fold(.instances(.reading(instances, stateCacheError: text(1))))
        var shard = ShardHealth(name: "neon", provider: "neon", role: .users, users: UserRange(lower: 1, upper: 7500))
        shard.reachable = false; shard.error = text(4); shard.sizeBytes = -1; shard.limitBytes = 0; shard.bookingsEstimate = -1
        fold(.shards(.configured([shard])))
        fold(.shards(.reading(shard)))
        var cache = CacheHealth(name: "railway-redis", provider: "railway", role: .state)
        cache.reachable = true; cache.emailQueueLength = -4; cache.emailQueueOldestAge = -1e300; cache.hitRate = .nan
        cache.usedMemoryBytes = Int64.max; cache.memoryLimitBytes = 1; cache.commandsToday = Int64.min
        fold(.caches(.configured([cache])))
        fold(.caches(.reading(cache)))
        let email = EmailRouterStatus.make(router: .plan, sentToday: ["resend": -5, "brevo": Int.max], sentThisMonth: ["resend": Int.max],
                                           catalog: [], queueLength: -4, oldestQueuedAt: .distantPast)
        fold(.quotas(.report(QuotaReport(gauges: gauges, email: email, problems: [text(0)], generatedAt: now))))
        return s
    }

    /// Scalars that must never be drawn: C0, DEL, C1, bidi controls, invisible format characters.
    static func forbidden(_ u: Unicode.Scalar) -> Bool {
        let v = u.value
        return v < 0x20 || (0x7F...0x9F).contains(v) || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v)
            || [0x061C, 0x200B, 0x200E, 0x200F, 0x2028, 0x2029, 0x2060, 0xFEFF].contains(v)
    }

    /// Checks one frame: safe cells, whole wide clusters, rows exactly the width.
    static func check(_ buffer: Buffer, _ what: String) {
        for y in 0..<buffer.height {
            var x = 0
            while x < buffer.width {
                let cell = buffer[x, y]
                #expect(!cell.isContinuation, "\(what): row \(y) col \(x) starts inside a wide cluster")
                let scalars = Array(String(buffer.grapheme(x, y)).unicodeScalars)
                #expect(!scalars.contains(where: forbidden), "\(what): row \(y) col \(x) holds \(scalars.map { String($0.value, radix: 16) })")
                if let first = scalars.first, first.value >= 0x300, [.nonspacingMark, .enclosingMark].contains(first.properties.generalCategory) {
                    Issue.record("\(what): row \(y) col \(x) starts with a combining mark")
                }
                let w = max(1, Int(cell.width))
                for k in 1..<w where x + k < buffer.width { #expect(buffer[x + k, y].isContinuation) }
                #expect(x + w <= buffer.width, "\(what): row \(y) overflows")
                x += w
            }
        }
    }

    /// The bytes an ANSI terminal would get, with the encoder's own cursor
    /// moves and colours taken out: what is left must hold no ESC, C0 or C1.
    static func checkBytes(_ buffer: Buffer, _ what: String) {
        let updates = FrameDiff.updates(from: nil, to: buffer)
        let bytes = AnsiEncoder(depth: .trueColor).encode(updates, clusters: buffer.clusters)
        var i = 0
        var text: [UInt8] = []
        while i < bytes.count {
            if bytes[i] == 0x1B, i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "[") {
                var j = i + 2
                while j < bytes.count, (bytes[j] >= 0x30 && bytes[j] <= 0x3B) { j += 1 }
                if j < bytes.count, bytes[j] == UInt8(ascii: "H") || bytes[j] == UInt8(ascii: "m") { i = j + 1; continue }
            }
            text.append(bytes[i]); i += 1
        }
        #expect(!text.contains { $0 < 0x20 || $0 == 0x7F }, "\(what): a C0 byte or DEL reached the terminal")
        let decoded = String(decoding: text, as: UTF8.self)
        #expect(!decoded.unicodeScalars.contains(where: forbidden), "\(what): a C1 or bidi control reached the terminal")
    }

    static let sizes = [Size(width: 1, height: 1), Size(width: 7, height: 3), Size(width: 40, height: 10), Size(width: 60, height: 12),
                        Size(width: 80, height: 24), Size(width: 120, height: 32), Size(width: 200, height: 60), Size(width: 333, height: 7)]

    @Test(arguments: [ConsoleRole.operator, .owner])
    func everyPaneAtEverySizeIsSafe(_ role: ConsoleRole) {
        for size in Self.sizes {
            var s = Self.state(role, size: size)
            for pane in s.visiblePanes {
                s.pane = pane
                for selection in [0, 3, 1_000] {
                    s.selection = selection
                    var b = Buffer(size: size)
                    view(s, into: &b)
                    Self.check(b, "\(role) \(pane) \(size.width)×\(size.height) sel \(selection)")
                    if selection == 0 { Self.checkBytes(b, "\(role) \(pane) \(size.width)×\(size.height)") }
                }
            }
        }
    }

    @Test func detailAndPickerOverlaysAreSafe() {
        var s = Self.state(.operator, size: Size(width: 100, height: 30))
        s.pane = .bookings
        s.bookings.detail = Self.bookings.last { !BookingChecks.flags($0).isEmpty }
        var b = Buffer(size: s.size)
        view(s, into: &b)
        Self.check(b, "detail")
        #expect(b.textDump.contains("problem  ⚠"))
        s.pane = .seats
        s.seats.picking = true
        b = Buffer(size: s.size)
        view(s, into: &b)
        Self.check(b, "picker")
    }

    func text(_ pane: Pane, _ role: ConsoleRole = .operator, size: Size = Size(width: 200, height: 60)) -> String {
        var s = Self.state(role, size: size)
        s.pane = pane
        var b = Buffer(size: size)
        view(s, into: &b)
        return b.textDump
    }

    @Test func bookingsPaneFlagsRowsAndCountsThem() {
        let t = text(.bookings)
        #expect(t.contains("⚠ 3 bookings end before they start · 1 booking for libraries not in the catalog"))
        #expect(t.contains("⚠ ends before start ·"))
        #expect(t.contains("⚠ library not in catalog"))
        // Shown whole, or shortened by unit where the column is narrow; never cut.
        #expect(t.contains("-₹21474836.48") || t.contains("-₹21.47M") || t.contains("-₹21.5M") || t.contains("-₹21M"))
        // The owner's console flags the same rows (its feed reads through its own permissions).
        #expect(text(.bookings, .owner).contains("⚠ 3 bookings end before they start"))
    }

    @Test func seatsPaneNamesDuplicatePositions() {
        let t = text(.seats)
        #expect(t.contains("⚠ duplicate seat position Quiet r3c4: A12, A13"))
        #expect(t.contains("seat at a negative row or column"))
        #expect(t.contains("bookings for seats not in the catalog") || t.contains("booking for seats not in the catalog"))
        var s = Self.state(.owner, size: Size(width: 200, height: 60))
        s.seats.selectedSeat = s.seats.map!.seats.firstIndex { $0.label == "A13" }!
        var b = Buffer(size: s.size)
        s.pane = .seats
        view(s, into: &b)
        #expect(b.textDump.contains("⚠ shares its position with another seat · A13"))
    }

    @Test func quotasInstancesAndAlertsFlagThePlatform() {
        let q = text(.quotas)
        #expect(q.contains("⚠ negative usage"))
        #expect(q.contains("unusable"))
        let i = text(.instances)
        #expect(i.contains("⚠-5") && i.contains("⚠-42"))
        let a = text(.alerts)
        for expected in ["negative usage reported by neon storage: -3.5 GB (2 samples)", "3 bookings end before they start",
                         "duplicate seat position", "negative load-balancer weight", "negative counter",
                         "unusable usage samples from upstash commands"] {
            #expect(a.contains(expected), "Alerts pane lacks \(expected)")
        }
        #expect(text(.overview).contains("⚠"))
    }

    @Test func snapshotJSONStaysParseableAndInert() throws {
        let s = Self.state(.operator, size: Size(width: 120, height: 32))
        let json = SnapshotReport.json(s, status: .warning, generatedAt: Self.now)
        let obj = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect((obj["alerts"] as? [[String: Any]])?.isEmpty == false)
        #expect(!json.unicodeScalars.contains { $0 != "\n" && Self.forbidden($0) }, "raw controls in the JSON text")
        // Escaped, not lost: the hostile names decode back to what the platform wrote.
        let recent = try #require((obj["bookings"] as? [String: Any])?["recent"] as? [[String: Any]])
        #expect(recent.contains { ($0["library"] as? String)?.contains("\u{9B}") == true || ($0["library"] as? String)?.contains("\u{1B}") == true })
    }
}
