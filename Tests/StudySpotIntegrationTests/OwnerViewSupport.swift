import Foundation
import StudySpotCore
import StudySpotConsole
import StudySpotDevStack
import StudySpotSchema
import StudySpotTestSupport
import StudySpotWire
import TerminalUI

/// Test platform for the owner view: two owners with a library each, acting
/// as the platform with SQL on the shared stack (unique ids, removed after).
final class OwnerViewPlatform: @unchecked Sendable {
    let topology: Topology
    let tag = UInt32.random(in: 0...UInt32.max)
    var mineOwner: Int64 { Int64(tag) * 10 + 6_000_000_000 }
    var otherOwner: Int64 { mineOwner + 1 }
    var mineRole: String { "test_ownerview_\(tag)_a" }
    var otherRole: String { "test_ownerview_\(tag)_b" }
    var mineLibrary: String { "Owner Test \(tag) ज्ञान केंद्र" }
    let catalog: PGConnection
    var shards: [ShardConfig] { topology.shards.filter { $0.role == .users } }
    private var writers: [String: PGConnection] = [:]
    private var bookingIds: [String: [Int64]] = [:]
    private var nextBooking: Int64

    /// `ownerRoles`: give the owners login roles (only the confinement test
    /// needs them; role syncing is server-wide, so the others stay out of it).
    /// A second library of the first owner ("Annexe", 6 seats) when asked for (the owner's grid).
    let annexe: Int64?
    var libraryIds: [Int64] { [mineOwner, otherOwner] + (annexe.map { [$0] } ?? []) }

    /// `isolated`: databases of the test's own on every server (named after it), for a test
    /// that compares the console with the whole table: on the shared ones, tests running
    /// beside it book and delete in the same minute.
    init(ownerRoles: Bool = false, annexe withAnnexe: Bool = false, isolated: String? = nil) throws {
        topology = try isolated.map { try TestEnvironment.isolatedTopology($0) } ?? TestEnvironment.topology()
        let applied = SchemaApplier(topology: topology, ownerPassword: TestEnvironment.ownerPassword).applyAll()
        if isolated != nil, let failed = applied.shards.first(where: { $0.error != nil }) {
            throw PlatformSetupError(detail: "\(failed.error ?? "")")
        }
        catalog = try PGConnection(dsn: topology.shards.first { $0.role == .catalog }!.dsn)
        nextBooking = Int64(tag) * 1_000 + 7_000_000_000_000
        annexe = withAnnexe ? (Int64(tag) * 10 + 6_000_000_000) * 10 + 2 : nil
        try catalog.query("INSERT INTO owners (id, display_name, db_role) VALUES ($1, 'Mine', $2), ($3, 'Other', $4)",
                          [mineOwner, ownerRoles ? mineRole : nil, otherOwner, ownerRoles ? otherRole : nil])
        try catalog.query("INSERT INTO libraries (id, name, city, owner_id) VALUES ($1, $3, 'Pune', $1), ($2, $4, 'Chennai', $2)",
                          [mineOwner, otherOwner, mineLibrary, "Other \(tag)\u{1B}[2J Hall"])
        if let annexe {
            try catalog.query("INSERT INTO libraries (id, name, city, owner_id) VALUES ($1, $2, 'Pune', $3)",
                              [annexe, "Owner Test \(tag) Annexe", mineOwner])
        }
        // Seats: id = library * 100 + n, in two rows.
        for (lib, count) in [(mineOwner, 12), (otherOwner, 4)] + (annexe.map { [($0, 6)] } ?? []) {
            for n in 1...count {
                try catalog.query("INSERT INTO seats (id, library_id, label, zone, row_no, col_no) VALUES ($1, $2, $3, $4, $5, $6)",
                                  [lib * 100 + Int64(n), lib, "A\(n)", n <= 6 ? "Quiet" : "AC", (n - 1) / 6 + 1, (n - 1) % 6 + 1])
            }
        }
        if ownerRoles { _ = try SchemaApplier(topology: topology, ownerPassword: TestEnvironment.ownerPassword).syncOwnerRoles() }
        for s in shards {
            let c = try PGConnection(dsn: s.dsn)
            writers[s.name] = c
            try c.query("INSERT INTO users (id, display_name) VALUES ($1, 'Owner View Tester') ON CONFLICT DO NOTHING", [userId(s)])
        }
    }

    func userId(_ shard: ShardConfig) -> Int64 {
        let r = shard.users!
        return r.upper.map { $0 - 7 } ?? r.lower + 900_007
    }

    func writer(_ shard: String) -> PGConnection { writers[shard]! }

    /// Inserts a booking on `shard` for seat n of a library (mine unless `other`); returns its id.
    @discardableResult
    /// `library`: the owner's annexe rather than the library with the owner's id.
    func insert(_ shard: ShardConfig, seat n: Int = 1, other: Bool = false, library: Int64? = nil, status: String = "reserved",
                startsIn: String = "-1 minute", lasts: String = "2 hours") throws -> Int64 {
        nextBooking += 1
        let id = nextBooking
        let owner = other ? otherOwner : mineOwner
        let lib = library ?? owner
        try writer(shard.name).query("""
            INSERT INTO bookings (id, user_id, library_id, owner_id, seat_id, starts_at, ends_at, status, amount_paise)
            VALUES ($1, $2, $3, $8, $4, now() + $5::interval, now() + $5::interval + $6::interval, $7, 5000)
            """, [id, userId(shard), lib, lib * 100 + Int64(n), startsIn, lasts, status, owner])
        bookingIds[shard.name, default: []].append(id)
        return id
    }

    /// Inserts a booking made (and last changed) at the server's now plus
    /// `offset` (an interval: "-5 minutes", "33 hours"); returns its id.
    @discardableResult
    func insert(_ shard: ShardConfig, madeAt offset: String, seat n: Int = 1) throws -> Int64 {
        nextBooking += 1
        let id = nextBooking
        try writer(shard.name).query("""
            INSERT INTO bookings (id, user_id, library_id, owner_id, seat_id, starts_at, ends_at, status, amount_paise, created_at, updated_at)
            VALUES ($1, $2, $3, $3, $4, now(), now() + interval '2 hours', 'reserved', 5000, now() + $5::interval, now() + $5::interval)
            """, [id, userId(shard), mineOwner, mineOwner * 100 + Int64(n), offset])
        bookingIds[shard.name, default: []].append(id)
        return id
    }

    /// The next booking's id `n` further on (ids in ranges of their own).
    func skipBookingIds(_ n: Int64) { nextBooking += n }

    func setStatus(_ shard: ShardConfig, _ id: Int64, _ status: String) throws {
        try writer(shard.name).query("UPDATE bookings SET status = $2 WHERE id = $1", [id, status])
    }

    func ownerLogin(other: Bool = false) -> LoginConfig {
        LoginConfig(user: other ? otherRole : mineRole, password: TestEnvironment.ownerPassword)
    }

    func cleanUp() {
        for (shard, ids) in bookingIds { _ = try? writers[shard]?.query("DELETE FROM bookings WHERE id = ANY($1::bigint[])", [PGArray(ids)]) }
        _ = try? catalog.query("DELETE FROM seats WHERE library_id = ANY($1::bigint[])", [PGArray(libraryIds)])
        _ = try? catalog.query("DELETE FROM libraries WHERE id = ANY($1::bigint[])", [PGArray(libraryIds)])
        _ = try? catalog.query("DELETE FROM owners WHERE id IN ($1, $2)", [mineOwner, otherOwner])
    }
}

struct PlatformSetupError: Error { let detail: String }

/// Collects what a monitor posts and folds it into a console state, as the
/// UI loop would (the same `update`).
final class OwnerViewConsole: @unchecked Sendable {
    /// Every post wakes a wait, so waits wake on news instead of polling.
    private let inbox = TestInbox<MonitorEvent>()
    private(set) var batches: [BookingFeedBatch] = []
    var state: State

    init(role: ConsoleRole = .operator, size: Size = Size(width: 200, height: 60)) {
        state = State(role: role, readOnly: false, size: size)
        state.pane = .bookings
    }

    func post(_ e: MonitorEvent) { inbox.post(e) }

    /// Folds everything posted so far; returns the new state.
    @discardableResult
    func pump() -> State {
        for e in inbox.take() {
            if case .bookings(.batch(let b)) = e { batches.append(b) }
            state = update(state, .tick(Date())).0
            state = update(state, .data(e)).0
        }
        return state
    }

    /// Every change the feed delivered so far.
    var changes: [BookingRecord] { batches.flatMap(\.changes) }

    func screen(_ pane: Pane) -> String {
        var s = state
        s.pane = pane
        var b = Buffer(size: s.size)
        view(s, into: &b)
        return b.trimmedTextDump
    }

    /// Waits (bounded) for a condition on the folded state.
    func wait(_ timeout: Double = 10, _ condition: (OwnerViewConsole) -> Bool) -> Bool {
        TestEnvironment.waitUntil(timeout: timeout, wakingOn: inbox) { pump(); return condition(self) }
    }
}
