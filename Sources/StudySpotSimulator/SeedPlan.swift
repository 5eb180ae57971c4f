import Foundation
import StudySpotCore

/// How big a seeded platform is.
public enum SeedScale: String, Sendable, CaseIterable {
    case small, target
    case tenX = "10x"

    public var users: Int { switch self { case .small: 2_000; case .target: 20_000; case .tenX: 200_000 } }
    public var libraries: Int { switch self { case .small: 60; case .target: 500; case .tenX: 500 } }
    /// Mean bookings per user over the whole history (10x: 5,000,000 in all).
    public var bookingsPerUser: Int { switch self { case .small: 12; case .target: 25; case .tenX: 26 } }
}

/// The catalog of a seeded platform, built deterministically from a seed:
/// owners, libraries and their seats. Bookings are generated per user on the fly.
public struct SeedPlan: Sendable {
    public struct Library: Sendable {
        public var id: Int64
        public var ownerId: Int64
        public var name: String
        public var city: String
        /// Paise per hour.
        public var rate: Int
        public var seats: [Seat]
    }
    public struct Seat: Sendable {
        public var id: Int64
        public var label: String
        public var zone: String
        public var row: Int
        public var col: Int
        public var state: String
    }

    public let scale: SeedScale
    public let seed: UInt64
    public let owners: [(id: Int64, name: String, role: String)]
    public let libraries: [Library]
    /// Bookings older than this go to the archive shard.
    public static let archiveAfterDays = 183
    /// History reaches back past the archive cut-off so the archive has content.
    public static let historyDays = 240

    public init(scale: SeedScale, seed: UInt64 = 20_261_125) {
        self.scale = scale
        self.seed = seed
        var rng = SeededRandom(seed: seed)
        let ownerCount = max(1, scale.libraries / 4)
        owners = (1...ownerCount).map { i in
            (Int64(i), "\(rng.pick(SeedNames.firstNames)) \(rng.pick(SeedNames.lastInitials)).", "owner_\(i)")
        }
        var libraries: [Library] = []
        var seatId: Int64 = 1
        for i in 1...scale.libraries {
            let name = SeedNames.libraryName(&rng, index: i)
            let devanagariRows = name.unicodeScalars.contains { (0x0900...0x097F).contains($0.value) } && rng.unit() < 0.3
            let seatCount = 30 + Int(pow(rng.unit(), 2) * 370)
            let zoneCount = seatCount < 60 ? 1 : seatCount < 200 ? 2 : 3
            var zones = SeedNames.zones
            zones.shuffle(using: &rng)
            var seats: [Seat] = []
            let perZone = seatCount / zoneCount
            for z in 0..<zoneCount {
                let n = z == zoneCount - 1 ? seatCount - perZone * (zoneCount - 1) : perZone
                let cols = min(20, max(5, Int(Double(n).squareRoot() * 1.6)))
                for k in 0..<n {
                    let row = k / cols + 1, col = k % cols + 1
                    let label = SeedNames.rowLabel(row, devanagari: devanagariRows) + (col < 10 ? "0\(col)" : "\(col)")
                    let r = rng.unit()
                    let state = r < 0.02 ? "maintenance" : r < 0.03 ? "retired" : "open"
                    seats.append(Seat(id: seatId, label: label, zone: zones[z], row: row, col: col, state: state))
                    seatId += 1
                }
            }
            let owner = owners[(i - 1) % owners.count].id
            libraries.append(Library(id: Int64(i), ownerId: owner, name: name, city: rng.pick(SeedNames.cities),
                                     rate: 1_000 + rng.int(0...3) * 500, seats: seats))
        }
        self.libraries = libraries
    }

    /// The user ids a users shard holds at this scale. From the plan's 20,000
    /// users up, ids run from 1 without gaps; below it every shard keeps its
    /// share of the plan's split (so `small` still has users on every shard).
    public func userIds(in range: UserRange) -> ClosedRange<Int64>? {
        let n = Int64(scale.users)
        let planUsers: Int64 = 20_000
        if n >= planUsers {
            let last = min(range.upper ?? n, n)
            return range.lower <= last ? range.lower...last : nil
        }
        let sizeInPlan = min(range.upper ?? planUsers, planUsers) - range.lower + 1
        guard sizeInPlan > 0 else { return nil }
        let count = max(1, (sizeInPlan * n + planUsers - 1) / planUsers)
        return range.lower...(range.lower + count - 1)
    }

    public var seatCount: Int { libraries.reduce(0) { $0 + $1.seats.count } }

    /// One generated booking, before it is routed to a shard.
    public struct Booking: Sendable {
        public var id: Int64
        public var userId: Int64
        public var library: Int
        public var seat: Int64
        public var startsAt: Double
        public var endsAt: Double
        public var status: String
        public var amountPaise: Int
        public var createdAt: Double
        public var updatedAt: Double
    }

    /// Every booking of one user, deterministic per (seed, user). Ids are
    /// `user * 1000 + n`, unique across shards without coordination.
    public func bookings(forUser user: Int64, now: Double) -> [Booking] {
        var rng = SeededRandom(seed: seed ^ (UInt64(user) &* 0x9E37_79B9))
        let mean = Double(scale.bookingsPerUser)
        let count = min(999, max(0, Int(mean * (0.25 + 1.5 * rng.unit()))))
        let home = rng.int(0...(libraries.count - 1))
        let day = 86_400.0
        let istOffset = 5.5 * 3600
        let today = ((now + istOffset) / day).rounded(.down) * day - istOffset
        var out: [Booking] = []
        out.reserveCapacity(count)
        for n in 0..<count {
            let li = rng.unit() < 0.8 ? home : rng.int(0...(libraries.count - 1))
            let lib = libraries[li]
            let seat = lib.seats[rng.int(0...(lib.seats.count - 1))]
            let dayOffset = Double(rng.int(-Self.historyDays...2))
            let startHour = Double(rng.int(7...19))
            let hours = Double(rng.int(2...6))
            let starts = today + dayOffset * day + startHour * 3600 + Double(rng.int(0...3)) * 900
            let ends = min(starts + hours * 3600, today + dayOffset * day + 23 * 3600)
            let created = starts - Double(rng.int(600...(7 * 86_400)))
            let r = rng.unit()
            let status: String
            if ends <= now { status = r < 0.82 ? "completed" : r < 0.91 ? "cancelled" : "no_show" }
            else if starts <= now { status = r < 0.7 ? "checked_in" : r < 0.9 ? "reserved" : "cancelled" }
            else { status = r < 0.9 ? "reserved" : "cancelled" }
            let updated = status == "reserved" ? created : min(now, status == "checked_in" ? starts + 300 : ends)
            out.append(Booking(id: user * 1000 + Int64(n), userId: user, library: li, seat: seat.id, startsAt: starts,
                               endsAt: ends, status: status, amountPaise: Int((ends - starts) / 3600 * Double(lib.rate)),
                               createdAt: created, updatedAt: max(created, updated)))
        }
        return out
    }

    public func userName(_ user: Int64) -> String {
        var rng = SeededRandom(seed: seed &+ UInt64(user))
        return "\(rng.pick(SeedNames.firstNames)) \(rng.pick(SeedNames.lastInitials))."
    }
}
