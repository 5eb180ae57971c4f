import Foundation
import StudySpotCore
import StudySpotWire

/// Live booking changes across the users shards: new reservations for seats
/// that are free now in libraries that are open now (Asia/Kolkata), then
/// check-ins, completions, cancellations and no-shows as time passes. Each
/// tick spends exactly its share of the configured rate, in one INSERT and a
/// few UPDATEs per shard.
final class BookingTraffic {
    struct Active {
        var id: Int64
        var shard: String
        var seat: Int64
        var startsAt: Double
        var endsAt: Double
        var status: String
    }
    struct Library {
        var id: Int64
        var ownerId: Int64
        var openSeats: [Int64]
        var open24h: Bool
        var ratePaise: Int
    }

    private let shards: [ShardConfig]
    private var connections: [String: PGConnection] = [:]
    private var libraries: [Library] = []
    private var userRanges: [(shard: String, lo: Int64, hi: Int64)] = []
    private var active: [Int64: Active] = [:]
    private var takenSeats: [Int64: Int64] = [:] // seat → booking
    private var nextId: Int64 = 0
    private var rng: SeededRandom

    init(topology: Topology, seed: UInt64) throws {
        shards = ShardRouter(shards: topology.shards).shards
        rng = SeededRandom(seed: seed)
        guard let catalog = topology.catalogShard else { throw SimulatorError("no catalog shard in the configuration") }
        let cat = try PGConnection(dsn: catalog.dsn, options: Self.options)
        var seatsByLibrary: [Int64: [Int64]] = [:]
        for row in try cat.query("SELECT library_id, id FROM seats WHERE state = 'open'").rows {
            seatsByLibrary[try row.int("library_id"), default: []].append(try row.int("id"))
        }
        libraries = try cat.query("SELECT id, owner_id FROM libraries WHERE active ORDER BY id").rows.map { row in
            let id = try row.int("id")
            // About one library in seven never closes: the rest keep 06:00–23:00 IST.
            return Library(id: id, ownerId: try row.int("owner_id"), openSeats: seatsByLibrary[id] ?? [],
                           open24h: id % 7 == 0, ratePaise: 1_000 + Int(id % 4) * 500)
        }.filter { !$0.openSeats.isEmpty }
        guard !libraries.isEmpty else { throw SimulatorError("the catalog has no library with open seats: run `studyspot seed` first") }

        var maxId: Int64 = 0
        for shard in topology.shards where shard.role != .catalog {
            let c = try PGConnection(dsn: shard.dsn, options: Self.options)
            let newest = shard.role == .archive
                ? try c.query("SELECT coalesce(max(id), 0) AS m FROM archived_bookings")
                : try c.query("SELECT coalesce(max(id), 0) AS m FROM bookings")
            maxId = max(maxId, try newest.first?.int("m") ?? 0)
            guard shard.role == .users else { continue }
            connections[shard.name] = c
            if let r = try c.query("SELECT min(id) AS lo, max(id) AS hi FROM users").first,
               let lo = try r.optionalInt("lo"), let hi = try r.optionalInt("hi") {
                userRanges.append((shard.name, lo, hi))
            }
            for row in try c.query("""
                SELECT id, seat_id, starts_at, ends_at, status FROM bookings
                WHERE status IN ('reserved', 'checked_in') AND ends_at > now() - interval '1 day'
                """).rows {
                let a = Active(id: try row.int("id"), shard: shard.name, seat: try row.int("seat_id"),
                               startsAt: try row.date("starts_at").timeIntervalSince1970,
                               endsAt: try row.date("ends_at").timeIntervalSince1970, status: try row.string("status"))
                active[a.id] = a
                takenSeats[a.seat] = a.id
            }
        }
        guard !userRanges.isEmpty else { throw SimulatorError("the users shards hold no users: run `studyspot seed` first") }
        // Far above seeded ids (user × 1000 + n), so live bookings never collide with history.
        nextId = max(maxId + 1, 1_000_000_000_000)
    }

    static var options: PGConnectOptions {
        var o = PGConnectOptions()
        o.applicationName = "studyspot-simulate"
        return o
    }

    var activeCount: Int { active.count }

    /// Spends `budget` changes now; returns what was written.
    func tick(budget: Int, now: Double) throws -> (counts: SimulationCounts, createdIds: [(shard: String, id: Int64)]) {
        var counts = SimulationCounts()
        var created: [(String, Int64)] = []
        guard budget > 0 else { return (counts, created) }
        var updates: [String: [String: [Int64]]] = [:] // shard → status → ids
        var spent = 0

        // Due transitions first, up to 60% of the budget; creations fill the rest.
        // Cancellations are a small share of what happens (about one change in twenty).
        let transitionBudget = max(1, budget * 6 / 10)
        var cancellations = max(1, budget / 20)
        for (id, a) in active where spent < transitionBudget {
            var next: String?
            if a.status == "reserved" && now >= a.startsAt {
                next = now > a.startsAt + 1_800 ? "no_show" : (rng.unit() < 0.9 ? "checked_in" : "no_show")
            } else if a.status == "checked_in" && now >= a.endsAt {
                next = "completed"
            } else if a.status == "reserved" && cancellations > 0 && rng.unit() < 0.002 {
                next = "cancelled"
                cancellations -= 1
            }
            guard let status = next else { continue }
            updates[a.shard, default: [:]][status, default: []].append(id)
            spent += 1
            if status == "checked_in" { active[id]?.status = "checked_in" } else { finish(id) }
            switch status {
            case "checked_in": counts.checkedIn += 1
            case "completed": counts.completed += 1
            case "cancelled": counts.cancelled += 1
            default: counts.noShow += 1
            }
            counts.changesByShard[a.shard, default: 0] += 1
        }
        // If little is due, move some reservations along early so the feed keeps all kinds of change.
        while spent < budget / 3, let (id, a) = active.first(where: { $0.value.status == "reserved" }) {
            updates[a.shard, default: [:]]["checked_in", default: []].append(id)
            active[id]?.status = "checked_in"
            active[id]?.startsAt = now
            counts.checkedIn += 1
            counts.changesByShard[a.shard, default: 0] += 1
            spent += 1
        }

        var inserts: [String: [[String?]]] = [:]
        let openLibraries = libraries.filter { $0.open24h || Self.isOpen(now) }
        while spent < budget, !openLibraries.isEmpty {
            let lib = rng.pick(openLibraries)
            // A few tries for a free seat; a full library still takes a (future) booking.
            var seat = rng.pick(lib.openSeats)
            for _ in 0..<4 where takenSeats[seat] != nil { seat = rng.pick(lib.openSeats) }
            let range = rng.pick(userRanges)
            let user = Int64.random(in: range.lo...range.hi, using: &rng)
            let starts = now + Double(rng.int(0...4)) * 900
            let ends = starts + Double(rng.int(2...6)) * 3_600
            let id = nextId
            nextId += 1
            let amount = Int((ends - starts) / 3_600) * lib.ratePaise
            inserts[range.shard, default: []].append([String(id), String(user), String(lib.id), String(lib.ownerId), String(seat),
                                                     PGTimestamp.format(Date(timeIntervalSince1970: starts)),
                                                     PGTimestamp.format(Date(timeIntervalSince1970: ends)), String(amount)])
            active[id] = Active(id: id, shard: range.shard, seat: seat, startsAt: starts, endsAt: ends, status: "reserved")
            takenSeats[seat] = id
            created.append((range.shard, id))
            counts.created += 1
            counts.changesByShard[range.shard, default: 0] += 1
            spent += 1
        }

        for (shard, rows) in inserts {
            guard let c = connections[shard] else { continue }
            func col(_ i: Int) -> PGArray { PGArray(strings: rows.map { $0[i] }) }
            try c.query("""
                INSERT INTO bookings (id, user_id, library_id, owner_id, seat_id, starts_at, ends_at, status, amount_paise)
                SELECT i, u, l, o, s, st, en, 'reserved', a
                FROM unnest($1::bigint[], $2::bigint[], $3::bigint[], $4::bigint[], $5::bigint[], $6::timestamptz[], $7::timestamptz[], $8::int[])
                  AS t(i, u, l, o, s, st, en, a)
                """, [col(0), col(1), col(2), col(3), col(4), col(5), col(6), col(7)])
        }
        for (shard, byStatus) in updates {
            guard let c = connections[shard] else { continue }
            for (status, ids) in byStatus {
                try c.query("UPDATE bookings SET status = $1 WHERE id = ANY($2::bigint[])", [status, PGArray(ids)])
            }
        }
        return (counts, created)
    }

    private func finish(_ id: Int64) {
        if let a = active.removeValue(forKey: id), takenSeats[a.seat] == id { takenSeats[a.seat] = nil }
    }

    /// 06:00–23:00 in Asia/Kolkata (UTC+5:30, no daylight saving).
    static func isOpen(_ now: Double) -> Bool {
        let local = (now + 19_800).truncatingRemainder(dividingBy: 86_400) / 3_600
        return local >= 6 && local < 23
    }
}
