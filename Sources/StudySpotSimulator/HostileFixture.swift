import Foundation
import StudySpotCore
import StudySpotDevStack
import StudySpotSchema
import StudySpotMonitors
import StudySpotWire

/// Writes a hostile data set the way the platform could: through
/// parameterised SQL on every shard and plain commands on the state cache.
/// Every text column gets `HostileText`; numbers go negative or huge; and
/// the rows contradict each other in the ways the console must flag:
///
/// - 3 bookings end before they start (one per users shard);
/// - 2 bookings for libraries not in the catalog (999991, 999992);
/// - 3 bookings for seats not in the catalog (seats 888801 and 888802 of
///   library 1, and a seat of library 1 booked under library 2);
/// - 2 bookings with negative amounts;
/// - 2 bookings whose `owner_id` is not their library's owner (2006, 3003);
/// - library 1 has no name and no city, two seats at Quiet r3c4 (A12, A13),
///   and seats at negative and at the largest positions;
/// - negative and unusable (NaN, ±Infinity, 1e300) usage samples;
/// - negative, garbage and overflowing weights and counters, heartbeats that
///   started in the future, e-mail queue entries that are not JSON.
///
/// Ids are small (libraries 1–17, bookings 1001–3009): seed it into an empty
/// topology (`TestEnvironment.isolatedTopology`, or `seed --scale hostile --force`).
public struct HostileFixture {
    public let topology: Topology
    /// The login role of owner 1, who owns library 1 (the seat map's first).
    public let ownerRole: String

    public static let mainLibrary: Int64 = 1
    public static let missingLibraries: [Int64] = [999_991, 999_992]
    public static let missingSeats: [Int64] = [888_801, 888_802]

    public init(topology: Topology, ownerRole: String = "hostile_owner") {
        self.topology = topology; self.ownerRole = ownerRole
    }

    /// For `seed --scale hostile --force`: empties the platform's tables (the
    /// metering's samples too), writes the set and gives owner 1 its login
    /// role on every shard.
    public func replaceAll(ownerPassword: String?, now: Date = Date()) throws {
        for shard in topology.shards {
            let c = try PGConnection(dsn: shard.dsn)
            defer { c.close() }
            switch shard.role {
            case .catalog: try c.query("TRUNCATE owners, libraries, seats CASCADE")
            case .users: try c.query("TRUNCATE users, bookings CASCADE")
            case .archive: try c.query("TRUNCATE archived_bookings")
            }
            if shard.name == topology.opsShard?.name { try c.query("TRUNCATE ops.usage_samples") }
        }
        try write(now: now)
        _ = try SchemaApplier(topology: topology, ownerPassword: ownerPassword).syncOwnerRoles()
    }

    /// Writes everything; the state cache only when `redis` is true.
    public func write(redis: Bool = true, now: Date = Date()) throws {
        try writeCatalog()
        try writeUsers()
        try writeArchive()
        try writeOps()
        if redis { try writeStateCache(now: now) }
    }

    // MARK: catalog

    static func seatId(_ row: Int, _ col: Int) -> Int64 { Int64(100 + row * 10 + col) }

    func writeCatalog() throws {
        guard let shard = topology.shards.first(where: { $0.role == .catalog }) else { return }
        let c = try PGConnection(dsn: shard.dsn)
        defer { c.close() }
        // Owners 3 and 4 name login roles no server can have: 10 KB, and escapes.
        try c.query("INSERT INTO owners (id, display_name, db_role) VALUES (1, $1, $2), (2, '', NULL), (3, $3, $4), (4, $5, $6)",
                    [HostileText.osc52, ownerRole, HostileText.tenKB, HostileText.tenKB, HostileText.blank, HostileText.clearScreen])
        // Library 1 has no name: it sorts first, so the seat map opens it.
        try c.query("INSERT INTO libraries (id, name, city, owner_id) VALUES (1, '', '', 1)")
        for (i, sample) in HostileText.all.enumerated() {
            try c.query("INSERT INTO libraries (id, name, city, owner_id, timezone) VALUES ($1, $2, $3, $4, $5)",
                        [Int64(i + 2), sample.text, HostileText.sample(i + 5), Int64(1 + i % 2), HostileText.sample(i + 1)])
        }
        func seat(_ id: Int64, _ lib: Int64, _ label: String, _ zone: String, _ row: Int, _ col: Int, _ state: String = "open") throws {
            try c.query("INSERT INTO seats (id, library_id, label, zone, row_no, col_no, kind, state) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                        [id, lib, label, zone, row, col, HostileText.sample(Int(id)), state])
        }
        // Library 1: a 3×5 grid in "Quiet" whose r3c4 holds two seats, A12 and A13.
        for r in 1...3 {
            for col in 1...5 where !(r == 3 && col == 4) {
                try seat(Self.seatId(r, col), 1, "Q\(r)\(col)", "Quiet", r, col, r == 2 && col == 5 ? "maintenance" : "open")
            }
        }
        try seat(201, 1, "A12", "Quiet", 3, 4)
        try seat(202, 1, "A13", "Quiet", 3, 4)
        // Hostile labels in hostile zones, including an empty zone and a retired seat.
        for (i, sample) in HostileText.all.enumerated() {
            let zone = ["Quiet", HostileText.rightToLeft, HostileText.clearScreen, ""][i % 4]
            try seat(Int64(300 + i), 1, sample.text, zone, 10 + i / 5, i % 5 + 1, i == 3 ? "retired" : "open")
        }
        try seat(400, 1, "NEG", "Quiet", -1, Int(Int32.min))
        try seat(401, 1, "BIG", "Quiet", Int(Int32.max), Int(Int32.max))
        // Every other library: three seats with hostile labels.
        for lib in 2...Int64(HostileText.all.count + 1) {
            for k in 0..<3 { try seat(lib * 1_000 + Int64(k), lib, HostileText.sample(Int(lib) + k), HostileText.sample(Int(lib)), 1, k + 1) }
        }
    }

    // MARK: users shards

    struct Booking {
        var id: Int64, library: Int64, owner: Int64 = 1, seat: Int64
        var starts: String, ends: String, status: String, amount: Int64 = 5_000
    }

    /// Per users shard, in order: (id offset, bookings).
    static func bookings(shardIndex: Int) -> [Booking] {
        switch shardIndex {
        case 0: return [
            Booking(id: 1001, library: 1, seat: seatId(1, 1), starts: "-30 minutes", ends: "90 minutes", status: "checked_in"),
            Booking(id: 1002, library: 1, seat: 201, starts: "-10 minutes", ends: "2 hours", status: "reserved", amount: 4_000),
            Booking(id: 1003, library: 1, seat: seatId(1, 2), starts: "-1 hour", ends: "-3 hours", status: "reserved"),
            Booking(id: 1004, library: missingLibraries[0], seat: 1, starts: "0", ends: "1 hour", status: "reserved"),
            Booking(id: 1005, library: 1, seat: missingSeats[0], starts: "0", ends: "1 hour", status: "reserved"),
            Booking(id: 1006, library: 1, seat: seatId(1, 3), starts: "-2 hours", ends: "-1 hour", status: "completed", amount: -5_000),
            Booking(id: 1007, library: 1, seat: 300, starts: "-5 minutes", ends: "infinity", status: "reserved"),
            Booking(id: 1008, library: 1, seat: 301, starts: "-infinity", ends: "-20 minutes", status: "completed"),
            // starts_at past year 9999: PostgreSQL takes it, and so must the console's timestamp parser.
            Booking(id: 1009, library: 1, seat: 302, starts: "12000-01-01 00:00:00+00", ends: "12000-01-02 00:00:00+00", status: "reserved"),
        ]
        case 1: return [
            Booking(id: 2001, library: 1, seat: seatId(1, 5), starts: "-20 minutes", ends: "-50 minutes", status: "completed"),
            Booking(id: 2002, library: missingLibraries[1], owner: 2, seat: 2, starts: "-1 hour", ends: "1 hour", status: "checked_in"),
            Booking(id: 2003, library: 1, seat: missingSeats[1], starts: "-15 minutes", ends: "45 minutes", status: "checked_in"),
            Booking(id: 2004, library: 2, owner: 1, seat: seatId(2, 1), starts: "-5 minutes", ends: "1 hour", status: "reserved"),
            Booking(id: 2005, library: 1, seat: 202, starts: "-1 minute", ends: "3 hours", status: "reserved", amount: 0),
            // Library 1 is owner 1's; this row says owner 2, so owner 2's login would see it.
            Booking(id: 2006, library: 1, owner: 2, seat: seatId(2, 5), starts: "-1 minute", ends: "1 hour", status: "reserved"),
        ]
        default: return [
            Booking(id: 3001, library: 1, seat: seatId(2, 2), starts: "-2 hours", ends: "-2 hours -1 second", status: "cancelled", amount: 0),
            Booking(id: 3002, library: 1, seat: seatId(2, 3), starts: "-5 minutes", ends: "1 hour", status: "reserved", amount: Int64(Int32.min)),
            Booking(id: 3003, library: 3, seat: 3_000, starts: "-10 minutes", ends: "50 minutes", status: "checked_in", amount: Int64(Int32.max)),
            Booking(id: 3004, library: 1, seat: seatId(2, 4), starts: "0", ends: "0", status: "no_show"),
        ]
        }
    }

    /// `starts` ($6) and `ends` ($7) are an interval from now, or a timestamp
    /// literal (infinity, a year past 9999), spelled out in SQL so that the
    /// statement stays one literal.
    static let insertBookingSQL = """
        INSERT INTO bookings (id, user_id, library_id, owner_id, seat_id, starts_at, ends_at, status, amount_paise)
        VALUES ($1, $2, $3, $4, $5,
                (CASE WHEN $6 ~ '^(-?infinity|[0-9]{5}-.*)$' THEN $6::timestamptz ELSE now() + $6::interval END),
                (CASE WHEN $7 ~ '^(-?infinity|[0-9]{5}-.*)$' THEN $7::timestamptz ELSE now() + $7::interval END),
                $8, $9)
        """

    func writeUsers() throws {
        let shards = topology.shards.filter { $0.role == .users }
        for (k, shard) in shards.enumerated() {
            let c = try PGConnection(dsn: shard.dsn)
            defer { c.close() }
            let first = shard.users?.lower ?? 1
            // One user per hostile text; e-mail and phone NULL, empty or hostile.
            for (i, sample) in HostileText.all.enumerated() {
                let email: String? = i % 3 == 0 ? nil : (i % 3 == 1 ? "" : sample.text)
                try c.query("INSERT INTO users (id, display_name, email, phone) VALUES ($1, $2, $3, $4)",
                            [first + Int64(i), sample.text, email, i % 2 == 0 ? "" : HostileText.controls])
            }
            for (i, b) in Self.bookings(shardIndex: min(k, 2)).enumerated() {
                try c.query(Self.insertBookingSQL, [b.id, first + Int64(i % HostileText.all.count), b.library, b.owner, b.seat, b.starts, b.ends, b.status, b.amount])
            }
        }
    }

    func writeArchive() throws {
        guard let shard = topology.shards.first(where: { $0.role == .archive }) else { return }
        let c = try PGConnection(dsn: shard.dsn)
        defer { c.close() }
        try c.query("""
            INSERT INTO archived_bookings (id, user_id, library_id, owner_id, seat_id, starts_at, ends_at, status, amount_paise)
            VALUES (9001, 1, 999991, 1, 888801, now() - interval '200 days', now() - interval '201 days', 'completed', -100),
                   (9002, -1, 1, 1, 201, '-infinity', 'infinity', 'no_show', -2147483648)
            """)
    }

    // MARK: ops

    func writeOps() throws {
        guard let ops = topology.opsShard else { return }
        let c = try PGConnection(dsn: ops.dsn)
        defer { c.close() }
        // provider, resource, used, unit, minutes ago
        let samples: [(String, String, String, String, Int)] = [
            ("neon", "storage", "-5", "GB", 20), ("neon", "storage", "-3.5", HostileText.clearScreen, 5),
            ("upstash", "commands-month", "NaN", "commands", 25), ("upstash", "commands-month", "Infinity", "commands", 15),
            ("upstash", "commands-month", "1e300", "commands", 3),
            ("vercel", "bandwidth", "-Infinity", "GB", 10), ("vercel", "bandwidth", "-0.25", "GB", 2),
            (HostileText.osc52, HostileText.c1, "1", HostileText.tenKB, 1),
        ]
        for s in samples {
            try c.query("""
                INSERT INTO ops.usage_samples (provider, resource, used, unit, period_start, observed_at)
                VALUES ($1, $2, $3::float8, $4, current_date, now() - make_interval(mins => $5))
                """, [s.0, s.1, s.2, s.3, s.4])
        }
        try c.query("INSERT INTO ops.audit_log (actor, role, action, target, detail) VALUES ($1, $2, $3, $4, $5::jsonb)",
                    [HostileText.clearScreen, HostileText.bidi, HostileText.c1, HostileText.tenKB, "{\"x\": \"\\u001b[2J\"}"])
    }

    // MARK: state cache

    func writeStateCache(now: Date) throws {
        guard let cache = topology.stateCache else { return }
        let r = try RedisConnection(url: cache.url, timeoutSeconds: 3)
        defer { r.close() }
        let names = topology.instances.map(\.name)
        let day = StateCacheKeys.utcDay(now)
        var commands: [[String]] = [["DEL", StateCacheKeys.weights, StateCacheKeys.drained, StateCacheKeys.emailQueue]]
        // Weights: negative, overflowing, garbage; counters likewise.
        let weights = ["-5", "9223372036854775807", "9223372036854775807", "\u{1B}[2J", "-9223372036854775808"]
        let requests = ["9223372036854775807", "9223372036854775807", "-42", "NaN", "\u{9B}31m"]
        for (i, n) in names.enumerated() {
            commands.append(["HSET", StateCacheKeys.weights, n, weights[i % weights.count]])
            commands.append(["SET", StateCacheKeys.requests(n, day: day), requests[i % requests.count]])
            commands.append(["HSET", StateCacheKeys.heartbeat(n), "status", i % 2 == 0 ? "ok" : HostileText.clearScreen,
                             "version", HostileText.sample(i + 9), "started_at", "9999-12-31 23:59:59+00",
                             "at", PGTimestamp.format(now)])
            commands.append(["EXPIRE", StateCacheKeys.heartbeat(n), "600"])
        }
        commands.append(["SADD", StateCacheKeys.drained, HostileText.osc52, "", names.last ?? "koyeb"])
        // E-mail counters: negative today, and two days that overflow a month's sum.
        let days = StateCacheKeys.daysOfMonthSoFar(now)
        commands.append(["SET", StateCacheKeys.emailSent("resend", day: day), "-5"])
        for d in days.suffix(2) { commands.append(["SET", StateCacheKeys.emailSent("brevo", day: d), "9223372036854775807"]) }
        commands.append(["RPUSH", StateCacheKeys.emailQueue, "not json \u{1B}[2J", "{\"queued_at\": \"\u{1B}]52;c;eA==\u{07}\"}",
                         HostileText.tenKB, "{\"queued_at\": \"-infinity\"}"])
        commands.append(["HSET", StateCacheKeys.alertAcks, HostileText.clearScreen, HostileText.c1])
        _ = try r.pipeline(commands)
    }
}
