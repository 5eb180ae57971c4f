import Foundation
@testable import StudySpotDevStack
@testable import StudySpotSchema
@testable import StudySpotWire
import Testing
import StudySpotCore
import StudySpotTestSupport

/// Against the real stack: the schema applies idempotently and the owner
/// confinement is the database's own.
@Suite(.serialized) struct SchemaTests {
    static let ownerPassword = TestEnvironment.ownerPassword

    func applier() throws -> SchemaApplier {
        SchemaApplier(topology: try TestEnvironment.topology(), ownerPassword: Self.ownerPassword)
    }

    @Test func applyingTwiceChangesNothingTheSecondTime() throws {
        let a = try applier()
        let first = a.applyAll()
        #expect(first.shards.allSatisfy { $0.error == nil }, "\(first.shards.map(\.line))")
        let second = a.applyAll()
        #expect(second.shards.allSatisfy { $0.error == nil && $0.applied.isEmpty })
        #expect(second.shards.allSatisfy { $0.line.contains("up to date") })
        let neon = try #require(second.shards.first { $0.shard == "neon" })
        #expect(neon.upToDate.map(\.component) == ["owner-map", "users", "ops"])
        let supabase = try #require(second.shards.first { $0.shard == "supabase" })
        #expect(supabase.upToDate.map(\.component) == ["owner-map", "users"])
    }

    @Test func bookingChangesNotifyWithIdAndOpAndTouchUpdatedAt() throws {
        _ = try applier().applyAll()
        let dsn = try TestEnvironment.shard("supabase").dsn
        let listener = try PGConnection(dsn: dsn)
        let writer = try PGConnection(dsn: dsn)
        try listener.listen("studyspot_bookings")
        let userId = Int64.random(in: 7501...10000)
        let bookingId = Int64.random(in: 1_000_000_000...2_000_000_000)
        try writer.query("INSERT INTO users (id, display_name) VALUES ($1, 'Asha') ON CONFLICT DO NOTHING", [userId])
        try writer.query("""
            INSERT INTO bookings (id, user_id, library_id, owner_id, seat_id, starts_at, ends_at, status, updated_at)
            VALUES ($1, $2, 1, 1, 1, now(), now() + interval '1 hour', 'reserved', now() - interval '1 day')
            """, [bookingId, userId])
        try writer.query("UPDATE bookings SET status = 'checked_in' WHERE id = $1", [bookingId])
        var payloads: [String] = []
        _ = try TestEnvironment.waitUntil(timeout: 5) {
            payloads += try listener.waitForNotifications(timeout: 0.2).map(\.payload)
            return payloads.filter { $0.contains("\(bookingId)") }.count >= 2
        }
        let mine = payloads.filter { $0.contains("\"id\" : \(bookingId)") }
        #expect(mine.count == 2, "\(payloads)")
        #expect(mine.first?.contains("\"op\" : \"INSERT\"") == true)
        #expect(mine.last?.contains("\"op\" : \"UPDATE\"") == true)
        // The update moved updated_at forward although the writer did not set it.
        let age = try writer.query("SELECT extract(epoch FROM now() - updated_at) AS age FROM bookings WHERE id = $1", [bookingId]).first?.double("age")
        #expect((age ?? 99_999) < 60)
        try writer.query("DELETE FROM bookings WHERE id = $1", [bookingId])
    }

    @Test func anOwnerRoleSeesOnlyItsOwnRowsAndCannotWrite() throws {
        let a = try applier()
        _ = a.applyAll()
        let topo = try TestEnvironment.topology()
        let tag = UInt32.random(in: 0...UInt32.max)
        let mineId = Int64(tag) + 5_000_000_000, otherId = mineId + 1
        let mineRole = "test_owner_\(tag)_a", otherRole = "test_owner_\(tag)_b"
        let cat = try PGConnection(dsn: try TestEnvironment.shard("catalog").dsn)
        try cat.query("INSERT INTO owners (id, display_name, db_role) VALUES ($1, 'Mine', $2), ($3, 'Other', $4)", [mineId, mineRole, otherId, otherRole])
        try cat.query("INSERT INTO libraries (id, name, city, owner_id) VALUES ($1, 'ज्ञान केंद्र', 'Pune', $1), ($2, 'Other Hall', 'Chennai', $2)", [mineId, otherId])
        try cat.query("INSERT INTO seats (id, library_id, label, row_no, col_no) VALUES ($1, $1, 'A01', 1, 1), ($2, $2, 'B01', 1, 1)", [mineId, otherId])
        let users = try PGConnection(dsn: try TestEnvironment.shard("neon").dsn)
        let userId = Int64.random(in: 1...7500)
        try users.query("INSERT INTO users (id, display_name) VALUES ($1, 'Ravi') ON CONFLICT DO NOTHING", [userId])
        try users.query("""
            INSERT INTO bookings (id, user_id, library_id, owner_id, seat_id, starts_at, ends_at, status)
            VALUES ($1, $3, $1, $1, $1, now(), now() + interval '2 hours', 'reserved'),
                   ($2, $3, $2, $2, $2, now(), now() + interval '2 hours', 'reserved')
            """, [mineId, otherId, userId])
        let archive = try PGConnection(dsn: try TestEnvironment.shard("xata").dsn)
        try archive.query("""
            INSERT INTO archived_bookings (id, user_id, library_id, owner_id, seat_id, starts_at, ends_at, status)
            VALUES ($1, 1, $1, $1, $1, now() - interval '200 days', now() - interval '200 days', 'completed'),
                   ($2, 1, $2, $2, $2, now() - interval '200 days', now() - interval '200 days', 'completed')
            """, [mineId, otherId])
        defer {
            _ = try? users.query("DELETE FROM bookings WHERE id IN ($1, $2)", [mineId, otherId])
            _ = try? archive.query("DELETE FROM archived_bookings WHERE id IN ($1, $2)", [mineId, otherId])
            _ = try? cat.query("DELETE FROM seats WHERE id IN ($1, $2)", [mineId, otherId])
            _ = try? cat.query("DELETE FROM libraries WHERE id IN ($1, $2)", [mineId, otherId])
            _ = try? cat.query("DELETE FROM owners WHERE id IN ($1, $2)", [mineId, otherId])
        }

        let sync = try a.syncOwnerRoles()
        #expect(sync.created.contains(mineRole) && sync.created.contains(otherRole))
        let again = try a.syncOwnerRoles()
        // Of this test's roles: tests beside it add owners of their own to the shared catalog.
        #expect(!again.created.contains(mineRole) && !again.created.contains(otherRole)
                && !again.passwordsSet.contains(mineRole) && !again.passwordsSet.contains(otherRole), "a second sync changes nothing")

        var asOwner = PGConnectOptions()
        asOwner.user = mineRole
        asOwner.password = Self.ownerPassword
        let oc = try PGConnection(dsn: try TestEnvironment.shard("catalog").dsn, options: asOwner)
        #expect(try oc.query("SELECT id FROM libraries").rows.map { try $0.int("id") } == [mineId])
        #expect(try oc.query("SELECT id FROM seats").rows.map { try $0.int("id") } == [mineId])
        #expect(try oc.query("SELECT id FROM owners").rows.map { try $0.int("id") } == [mineId])
        // Asking for the other owner's library by id gets nothing: the database refuses, not the client.
        #expect(try oc.query("SELECT id FROM libraries WHERE id = $1", [otherId]).count == 0)
        expectError { try oc.query("UPDATE libraries SET name = 'x' WHERE id = $1", [mineId]) } matching: { ($0 as? PGError)?.sqlstate == "42501" }
        expectError { try oc.query("INSERT INTO owners (id, display_name) VALUES (1, 'x')") } matching: { ($0 as? PGError)?.sqlstate == "42501" }

        let ou = try PGConnection(dsn: try TestEnvironment.shard("neon").dsn, options: asOwner)
        #expect(try ou.query("SELECT id FROM bookings WHERE id IN ($1, $2)", [mineId, otherId]).rows.map { try $0.int("id") } == [mineId])
        #expect(try ou.query("SELECT count(*) AS n FROM bookings WHERE owner_id <> $1", [mineId]).first?.int("n") == 0)
        #expect(try ou.query("SELECT display_name FROM users WHERE id = $1", [userId]).count == 1)
        expectError { try ou.query("SELECT email FROM users") } matching: { ($0 as? PGError)?.sqlstate == "42501" }
        expectError { try ou.query("UPDATE bookings SET status = 'cancelled' WHERE id = $1", [mineId]) } matching: { ($0 as? PGError)?.sqlstate == "42501" }
        expectError { try ou.query("SELECT count(*) FROM ops.audit_log") } matching: { ($0 as? PGError)?.sqlstate == "42501" }

        let oa = try PGConnection(dsn: try TestEnvironment.shard("xata").dsn, options: asOwner)
        #expect(try oa.query("SELECT id FROM archived_bookings WHERE id IN ($1, $2)", [mineId, otherId]).rows.map { try $0.int("id") } == [mineId])
        _ = topo
    }

    @Test func aDbRoleNamingASuperuserIsNotTurnedIntoAnOwner() throws {
        let a = try applier()
        _ = a.applyAll()
        let cat = try PGConnection(dsn: try TestEnvironment.shard("catalog").dsn)
        let superuser = try #require(try cat.query("SELECT current_user AS u").first?.string("u"))
        let id = Int64(UInt32.random(in: 0...UInt32.max)) + 9_000_000_000
        try cat.query("INSERT INTO owners (id, display_name, db_role) VALUES ($1, 'Sneaky', $2)", [id, superuser])
        defer { _ = try? cat.query("DELETE FROM owners WHERE id = $1", [id]) }
        let report = try a.syncOwnerRoles()
        #expect(report.skipped.contains { $0.hasPrefix(superuser) })
        let users = try PGConnection(dsn: try TestEnvironment.shard("neon").dsn)
        #expect(try users.query("SELECT 1 FROM studyspot_owner_roles WHERE db_role = $1", [superuser]).count == 0)
    }
}
