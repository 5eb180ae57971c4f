import Foundation
import Testing
import StudySpotCore
@testable import StudySpotConsole
@testable import TerminalUI

/// Sorting the Instances, Shards, Caches, Alerts and Bookings tables: every
/// column both ways, numbers by value, missing values last, the order and
/// the selected row kept across refreshes, the header marker, `[keys]`.
@Suite("Sortable tables: every column both ways, kept across refreshes")
struct TableSortTests {
    typealias F = OwnerPanesFixture
    static let noon = SnapshotReportTests.noon

    // MARK: Fixtures: values whose text order is not their numeric order

    static func instances() -> [InstanceHealth] {
        var list = OperatorActionDialogTests.instances()  // railway, render-1, render-2, koyeb
        for (i, today) in [9, 1000, 25, 100].enumerated() { list[i].requestsToday = Int64(today) }
        for (i, last) in ([0.009, nil, 1.2, 0.041] as [Double?]).enumerated() { list[i].lastLatency = last }
        return list
    }

    static func shards() -> [ShardHealth] {
        ([("neon", 9 << 20, 100), ("supabase", 1536 << 20, 9), ("planetscale", nil, 25), ("xata", 100 << 20, nil)] as [(String, Int?, Int?)]).map {
            var h = ShardHealth(name: $0.0, provider: $0.0, role: .users, users: UserRange(lower: 1, upper: 10))
            h.reachable = $0.1 != nil; h.sizeBytes = $0.1.map(Int64.init); h.connections = $0.2; h.latency = 0.002
            return h
        }
    }

    static func caches() -> [CacheHealth] {
        ([("upstash", 9, 0.9), ("redis-cloud", 1000, nil), ("railway-redis", 25, 0.05)] as [(String, Int, Double?)]).map {
            var h = CacheHealth(name: $0.0, provider: $0.0, role: .cache)
            h.reachable = true; h.clients = Int64($0.1); h.hitRate = $0.2; h.usedMemoryBytes = Int64($0.1) << 20
            return h
        }
    }

    static func alerts() -> [Alert] {
        [Alert(id: "a", severity: .critical, source: "shards", message: "neon down", since: noon.addingTimeInterval(-9)),
         Alert(id: "b", severity: .warning, source: "caches", message: "memory 85%", since: noon.addingTimeInterval(-1000)),
         Alert(id: "c", severity: .warning, source: "alpha", message: "quiet", since: noon.addingTimeInterval(-100), acknowledged: true)]
    }

    static func events() -> [ConsoleEvent] {
        [ConsoleEvent(at: noon.addingTimeInterval(-300), kind: .shard, severity: .critical, source: "neon", text: "neon lost: refused"),
         ConsoleEvent(at: noon.addingTimeInterval(-200), kind: .audit, severity: .warning, source: "asha", text: "drained koyeb"),
         ConsoleEvent(at: noon.addingTimeInterval(-100), kind: .cache, severity: .ok, source: "upstash", text: "upstash back")]
    }

    static func bookings() -> [BookingRecord] {
        F.changes.enumerated().map { i, r in var r = r; r.amountPaise = [900, 100_000, 2500, 100_000, 0][i]; return r }
    }

    /// An operator on `pane` with every sortable table loaded.
    static func state(_ pane: Pane, size: Size = Size(width: 160, height: 40)) -> State {
        var s = State(role: .operator, readOnly: false, size: size, now: noon, timeZone: TimeZone(identifier: "UTC")!)
        for e: MonitorEvent in [.instances(.reading(instances(), stateCacheError: nil)), .shards(.configured(shards())),
                                .caches(.configured(caches())), .bookings(.batch(F.batch(bookings()))), .events(.posted(events()))] {
            s = update(s, .data(e)).0
        }
        s.alerts.alerts = alerts()
        s.pane = pane
        return s
    }

    static func send(_ s: State, _ keys: String...) -> State { keys.reduce(s) { update($0, .key(Key(name: $1)!)).0 } }

    static func screen(_ s: State) -> [String] {
        var b = Buffer(size: s.size)
        view(s, into: &b)
        return b.trimmedTextDump.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    /// A word of each table's header, to find the table on the screen.
    static let headerWord: [Pane: String] = [.instances: "STATE", .shards: "STATE", .caches: "STATE", .alerts: "SOURCE", .bookings: "seat", .events: "KIND"]

    /// The row names as drawn in the table, top to bottom.
    static func drawnOrder(_ s: State, _ names: [String]) -> [String] {
        let all = screen(s)
        let header = all.firstIndex { $0.contains(headerWord[s.pane]!) } ?? 0
        let lines = Array(all[header...])
        return names.compactMap { n in lines.firstIndex { $0.contains(n) }.map { (n, $0) } }.sorted { $0.1 < $1.1 }.map(\.0)
    }

    /// Presses `>` until the pane sorts by `column`.
    static func sorted(_ s: State, by column: String, ascending: Bool) -> State {
        var st = s
        for _ in 0...20 where st.sorts[st.pane]?.column != column { st = send(st, ">") }
        #expect(st.sorts[st.pane]?.column == column, "no > reaches \(column)")
        return ascending ? st : send(st, "I")
    }

    static let names: [Pane: [String]] = [
        .instances: ["railway", "render-1", "render-2", "koyeb"], .shards: ["neon", "supabase", "planetscale", "xata"],
        .caches: ["upstash", "redis-cloud", "railway-redis"], .alerts: ["neon down", "memory 85%", "quiet"],
        .bookings: ["Asha R.", "Karthik S.", "Priya D.", "Rahul M.", "Meera K."],
        .events: ["neon lost: refused", "drained koyeb", "upstash back"],
    ]

    // MARK: Numbers as numbers, missing last

    @Test("Numbers sort by value, not by their text, and missing values go last both ways", arguments: [
        (Pane.instances, "TODAY", ["railway", "render-2", "koyeb", "render-1"], ["render-1", "koyeb", "render-2", "railway"]), // 9 25 100 1,000
        (Pane.instances, "LAST", ["railway", "koyeb", "render-2", "render-1"], ["render-2", "koyeb", "railway", "render-1"]),  // 9ms 41ms 1.2s -
        (Pane.shards, "SIZE / FREE TIER", ["neon", "xata", "supabase", "planetscale"], ["supabase", "xata", "neon", "planetscale"]), // 9 MB 100 MB 1.5 GB -
        (Pane.shards, "CONNS", ["supabase", "planetscale", "neon", "xata"], ["neon", "planetscale", "supabase", "xata"]),      // 9 25 100 -
        (Pane.caches, "CLIENTS", ["upstash", "railway-redis", "redis-cloud"], ["redis-cloud", "railway-redis", "upstash"]),     // 9 25 1,000
        (Pane.caches, "HIT", ["railway-redis", "upstash", "redis-cloud"], ["upstash", "railway-redis", "redis-cloud"]),         // 5% 90% -
        (Pane.alerts, "FOR", ["neon down", "quiet", "memory 85%"], ["memory 85%", "quiet", "neon down"]),                        // 9s 1m 16m
        (Pane.events, "TIME", ["neon lost: refused", "drained koyeb", "upstash back"], ["upstash back", "drained koyeb", "neon lost: refused"]),
        // ₹0, ₹9, ₹25, then two of ₹1,000 that keep the feed's order (newest first) whichever way.
        (Pane.bookings, "amount", ["Meera K.", "Asha R.", "Priya D.", "Rahul M.", "Karthik S."],
         ["Rahul M.", "Karthik S.", "Priya D.", "Asha R.", "Meera K."]),
    ] as [(Pane, String, [String], [String])])
    func numbers(_ pane: Pane, _ column: String, _ ascending: [String], _ descending: [String]) {
        let up = Self.sorted(Self.state(pane), by: column, ascending: true)
        #expect(Self.drawnOrder(up, Self.names[pane]!) == ascending)
        #expect(Self.drawnOrder(Self.send(up, "I"), Self.names[pane]!) == descending)
    }

    @Test("Every column of every sortable pane sorts both ways, with ▲ or ▼ on its header", arguments: [Pane.instances, .shards, .caches, .alerts, .bookings, .events])
    func everyColumn(_ pane: Pane) throws {
        let base = Self.state(pane, size: Size(width: 250, height: 40))
        let ids = try #require(SortedTable.all[pane]).columnIDs
        #expect(ids.count >= 5)
        for id in ids {
            for ascending in [true, false] {
                let s = Self.sorted(base, by: id, ascending: ascending)
                #expect(s.sorts[pane] == TableSort(column: id, ascending: ascending))
                let m = ascending ? "▲" : "▼"
                let header = try #require(Self.screen(s).first { $0.contains(m) }, "\(pane) \(id): no marker")
                // Blank headers (the alert's glyph and ack columns) show the marker alone; a
                // narrow column keeps the marker and gives up the title's space or its end.
                let title = (pane == .alerts || pane == .events) && (id == "SEVERITY" || id == "ACK") ? "" : id
                #expect(header.contains(title + " " + m) || header.contains(title + m)
                        || (header.contains("…" + m) && header.contains(String(title.prefix(1)))), "\(pane) \(id): [\(header)]")
                #expect(header.filter { $0 == "▲" || $0 == "▼" }.count == 1)
                #expect(Self.drawnOrder(s, Self.names[pane]!).count == Self.names[pane]!.count, "\(pane) \(id): a row went missing")
            }
        }
        // Past the last column: the pane's own order again, no marker.
        var s = Self.sorted(base, by: ids.last!, ascending: true)
        s = Self.send(s, ">")
        #expect(s.sorts[pane] == nil)
        #expect(!Self.screen(s).contains { $0.contains(" ▲") || $0.contains(" ▼") })
        #expect(Self.drawnOrder(s, Self.names[pane]!) == Self.drawnOrder(base, Self.names[pane]!))
        #expect(Self.send(base, "<").sorts[pane]?.column == ids.last)
    }

    @Test("Text sorts as people read it: A2 before A10, case aside")
    func textOrder() {
        let rows = ["b10", "A2", "a10", "B1"]
        let col = [SortColumn<String>("x") { r, _ in .text(r) }]
        #expect(sortedRows(rows, TableSort(column: "x"), col, Self.state(.instances)) == ["A2", "a10", "B1", "b10"])
    }

    // MARK: Kept across refreshes; the selection follows its row

    @Test("Instances: a refresh re-sorts by the chosen column and the selection stays on its instance")
    func instancesRefresh() {
        var s = Self.sorted(Self.state(.instances), by: "TODAY", ascending: false)  // render-1, koyeb, render-2, railway
        s = Self.send(s, "g", "j")
        #expect(selectedInstance(s)?.name == "koyeb")
        var list = Self.instances()
        list[2].requestsToday = 5000  // render-2 jumps to the top
        s = update(s, .data(.instances(.reading(list, stateCacheError: nil)))).0
        #expect(Self.drawnOrder(s, Self.names[.instances]!) == ["render-2", "render-1", "koyeb", "railway"])
        #expect(selectedInstance(s)?.name == "koyeb")
        #expect(s.selection == 2)
        #expect(Self.screen(s).contains { $0.contains("If koyeb fails") })
    }

    @Test("Re-sorting keeps the selected row selected", arguments: [Pane.instances, .shards, .caches, .alerts, .bookings, .events])
    func resortFollows(_ pane: Pane) throws {
        let table = try #require(SortedTable.all[pane])
        var s = Self.send(Self.state(pane), "j", "j")
        let chosen = table.identity(s, s.selection)
        var seen: Set<Int> = []
        for id in table.columnIDs {
            s = Self.send(s, ">")
            #expect(s.sorts[pane]?.column == id)
            #expect(table.identity(s, s.selection) == chosen, "\(pane) by \(id) ▲")
            s = Self.send(s, "I")
            #expect(table.identity(s, s.selection) == chosen, "\(pane) by \(id) ▼")
            seen.insert(s.selection)
            s = Self.send(s, "I")
        }
        // The row did move: following it is not leaving the index alone.
        #expect(seen.count > 1)
    }

    @Test("Shards and caches: a reading re-sorts and the selection follows", arguments: [Pane.shards, .caches])
    func healthRefresh(_ pane: Pane) {
        var s = Self.sorted(Self.state(pane), by: "LAT", ascending: true)
        let table = SortedTable.all[pane]!
        s = Self.send(s, "G")
        let chosen = table.identity(s, s.selection)!
        if pane == .shards {
            var h = Self.shards().first { $0.name == chosen }!
            h.latency = 0.0001
            s = update(s, .data(.shards(.reading(h)))).0
        } else {
            var h = Self.caches().first { $0.name == chosen }!
            h.latency = 0.0001
            s = update(s, .data(.caches(.reading(h)))).0
        }
        #expect(Self.drawnOrder(s, Self.names[pane]!).first == chosen)
        #expect(s.selection == 0)
        #expect(table.identity(s, s.selection) == chosen)
    }

    @Test("Bookings sorted by amount: new changes land in order, the selected change stays selected")
    func bookingsRefresh() {
        var s = Self.sorted(Self.state(.bookings), by: "amount", ascending: true)
        s = Self.send(s, "g", "j", "j")  // Priya (₹25)
        #expect(shownBookings(s)[s.selection].userName == "Priya D.")
        let newer = [F.booking(16, F.devanagari, seat: 104, label: "A04", .reserved, shard: "neon", user: "Zoya N.", changedAgo: 1)]
            .map { var r = $0; r.amountPaise = 100; return r }
        s = update(s, .data(.bookings(.batch(F.batch(newer))))).0
        #expect(Self.drawnOrder(s, Self.names[.bookings]! + ["Zoya N."]) == ["Meera K.", "Zoya N.", "Asha R.", "Priya D.", "Rahul M.", "Karthik S."])
        #expect(shownBookings(s)[s.selection].userName == "Priya D.")
        #expect(s.sorts[.bookings] == TableSort(column: "amount"))
        // Enter opens the selected change, in the order shown.
        #expect(Self.send(s, "Enter").bookings.detail?.userName == "Priya D.")
    }

    @Test("Bookings in its own order, watched from the top, keeps showing the newest")
    func feedTop() {
        var s = Self.state(.bookings)
        let newer = [F.booking(16, F.devanagari, seat: 104, label: "A04", .reserved, shard: "neon", user: "Zoya N.", changedAgo: 1)]
        s = update(s, .data(.bookings(.batch(F.batch(newer))))).0
        #expect(s.selection == 0)
        #expect(shownBookings(s, limit: 1).first?.userName == "Zoya N.")
        // Lower down, it follows its row as the feed grows above it.
        s = Self.send(s, "j")
        let chosen = shownBookings(s)[1].userName
        let newest = [F.booking(17, F.devanagari, seat: 105, label: "A05", .reserved, shard: "neon", user: "Ravi T.", changedAgo: 0)]
        s = update(s, .data(.bookings(.batch(F.batch(newest))))).0
        #expect(s.selection == 2)
        #expect(shownBookings(s)[s.selection].userName == chosen)
    }

    // MARK: Keys: declared, shown, rebound

    @Test("The sort keys show in help and in the status line on sortable panes only")
    func shown() {
        for pane in [Pane.instances, .shards, .caches, .alerts, .bookings, .events, .seats] {
            let s = Self.state(pane)
            let help = s.keyMap.help(s.gateContext).map(\.description)
            let sortable = pane != .seats
            #expect(help.contains("sort by the next column") == sortable, "\(pane)")
            #expect(help.contains("invert the sort") == sortable, "\(pane)")
            #expect(Self.screen(s).last!.contains("<> sort I invert") == sortable, "\(pane)")
        }
        #expect(Self.send(Self.state(.seats), ">").sorts.isEmpty)
    }

    @Test("[keys] rebinds sorting like every action")
    func rebound() {
        var s = Self.state(.caches)
        let issues = s.keyMap.remap(["sort.next": ["S-Right"], "sort.previous": ["S-Left"], "sort.invert": ["r"]])
        #expect(issues.isEmpty)
        #expect(Self.send(s, ">").sorts.isEmpty)
        s = Self.send(s, "S-Right")
        #expect(s.sorts[.caches] == TableSort(column: "NAME"))
        s = Self.send(s, "r")
        #expect(s.sorts[.caches] == TableSort(column: "NAME", ascending: false))
        #expect(Self.send(s, "S-Left").sorts[.caches] == nil)
        #expect(Self.screen(s).last!.contains("S-LeftS-Right sort r invert"))
        #expect(ConsoleKeyMap.standard.action(named: "sort.invert")?.keys == [Key(name: "I")!])
    }

    @Test("I with no sort says how to pick one instead of doing nothing silently")
    func invertNothing() {
        let s = Self.send(Self.state(.shards), "I")
        #expect(s.sorts.isEmpty)
        #expect(s.message?.text == "no sort to invert: > picks a column")
    }
}
