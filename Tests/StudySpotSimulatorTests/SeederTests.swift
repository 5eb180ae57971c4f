import Foundation
import StudySpotDevStack
import StudySpotSchema
import StudySpotWire
import Testing
@testable import StudySpotSimulator
import StudySpotCore
import StudySpotTestSupport

@Suite(.serialized) struct SeederTests {
    @Test func planIsDeterministicAndShapedLikeThePlatform() {
        let a = SeedPlan(scale: .small), b = SeedPlan(scale: .small)
        #expect(a.libraries.map(\.name) == b.libraries.map(\.name))
        #expect(a.libraries.count == 60)
        #expect(a.libraries.allSatisfy { (30...400).contains($0.seats.count) })
        #expect(a.libraries.contains { $0.name.unicodeScalars.contains { (0x0900...0x097F).contains($0.value) } })
        let now = 1_764_100_000.0
        #expect(a.bookings(forUser: 42, now: now).map(\.id) == b.bookings(forUser: 42, now: now).map(\.id))
        let all = (1...200).flatMap { a.bookings(forUser: Int64($0), now: now) }
        #expect(Set(all.map(\.id)).count == all.count, "booking ids are unique")
        #expect(all.allSatisfy { $0.endsAt > $0.startsAt })
        #expect(all.contains { $0.startsAt < now - Double(SeedPlan.archiveAfterDays) * 86_400 })
        // Statuses agree with time: nothing in the future is completed.
        #expect(!all.contains { $0.startsAt > now && ["completed", "no_show", "checked_in"].contains($0.status) })
    }

    @Test func seedsSmallThroughCopyAndTheDatabaseHoldsWhatItReports() throws {
        let topo = try TestEnvironment.isolatedTopology("seedtest")
        let schema = SchemaApplier(topology: topo, ownerPassword: TestEnvironment.ownerPassword)
        #expect(schema.applyAll().shards.allSatisfy { $0.error == nil })
        let seeder = Seeder(topology: topo, plan: SeedPlan(scale: .small), ownerPassword: TestEnvironment.ownerPassword)
        let report = try seeder.seed(force: false)
        #expect(!report.skipped)
        for shard in topo.shards {
            let c = try PGConnection(dsn: shard.dsn)
            for (table, n) in report.rowsByShard[shard.name] ?? [:] {
                #expect(try c.query("SELECT count(*) AS n FROM \(table)").first?.int("n") == Int64(n), "\(shard.name).\(table)")
            }
        }
        // Users live on the shard their id routes to.
        let router = ShardRouter(shards: topo.shards)
        for shard in router.shards {
            let c = try PGConnection(dsn: shard.dsn)
            let r = try #require(try c.query("SELECT min(id) AS lo, max(id) AS hi FROM users").first)
            if let lo = try r.optionalInt("lo"), let hi = try r.optionalInt("hi") {
                #expect(router.shard(forUser: lo)?.name == shard.name && router.shard(forUser: hi)?.name == shard.name)
            }
            // Nothing older than six months stays on a users shard.
            #expect(try c.query("SELECT count(*) AS n FROM bookings WHERE starts_at < now() - interval '183 days'").first?.int("n") == 0)
        }
        let archive = try PGConnection(dsn: try #require(topo.archiveShard).dsn)
        #expect(try archive.query("SELECT count(*) AS n FROM archived_bookings WHERE starts_at >= now() - interval '183 days'").first?.int("n") == 0)
        #expect((report.rowsByShard["xata"]?["archived_bookings"] ?? 0) > 0)
        // Seeding again without --force changes nothing.
        #expect(try seeder.seed(force: false).skipped)
        // Owners can log in as their roles.
        var o = PGConnectOptions()
        o.user = "owner_1"; o.password = TestEnvironment.ownerPassword
        let owner = try PGConnection(dsn: try #require(topo.catalogShard).dsn, options: o)
        let mine = try owner.query("SELECT DISTINCT owner_id FROM libraries").rows.map { try $0.int("owner_id") }
        #expect(mine == [1])
    }
}
