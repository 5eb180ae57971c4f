import Foundation
import Testing
import StudySpotCore
import StudySpotTestSupport
import StudySpotWire
@testable import StudySpotRelay

/// `relay grant` on the stack's real Redis 7 state cache: what an owner's
/// ACL user may and may not do is the server's answer, not ours.
@Suite struct RelayGrantTests {
    func isNoPerm(_ r: RedisReply) -> Bool {
        if case .error(let e) = r { return e.hasPrefix("NOPERM") }
        return false
    }

    @Test func anOwnerReadsOnlyItsOwnKeysAndWritesNothing() throws {
        let f = try RelayOwnerFixture()
        defer { f.cleanUp() }
        let a = try f.owner(), b = try f.owner()
        for o in [a, b] {
            try f.put(["XADD", RelayKeys.owner(o.id), "*", "id", "1"], key: RelayKeys.owner(o.id))
            try f.put(["SET", RelayKeys.seats(owner: o.id, library: 7), "{}"], key: RelayKeys.seats(owner: o.id, library: 7))
            try f.put(["SADD", RelayKeys.seatLibraries(owner: o.id), "7"], key: RelayKeys.seatLibraries(owner: o.id))
        }
        let lines = try grant(a, password: "pw-a-\(a.id)", f)
        _ = try grant(b, password: "pw-b-\(b.id)", f)
        #expect(lines.first?.hasPrefix("granted: ACL user \(a.dbRole!)") == true, "\(lines)")
        #expect(!lines.joined().contains("pw-a-"))

        let asA = try RedisConnection(url: try f.url(user: a.dbRole!, password: "pw-a-\(a.id)"))
        defer { asA.close() }
        // Its own stream, seat maps and library set: what a relay console reads.
        #expect(try asA.command(["XRANGE", RelayKeys.owner(a.id), "-", "+"]).array?.count == 1)
        #expect(try asA.command(["XREAD", "COUNT", "10", "STREAMS", RelayKeys.owner(a.id), "0"]).array?.count == 1)
        #expect(try asA.command(["GET", RelayKeys.seats(owner: a.id, library: 7)]).string == "{}")
        #expect(try asA.command(["SMEMBERS", RelayKeys.seatLibraries(owner: a.id)]).array?.count == 1)
        // Another owner's keys and the operators' stream: refused by the server.
        #expect(isNoPerm(try asA.command(["XRANGE", RelayKeys.owner(b.id), "-", "+"])))
        #expect(isNoPerm(try asA.command(["XREAD", "STREAMS", RelayKeys.owner(b.id), "0"])))
        #expect(isNoPerm(try asA.command(["GET", RelayKeys.seats(owner: b.id, library: 7)])))
        #expect(isNoPerm(try asA.command(["XREAD", "STREAMS", RelayKeys.all, "0"])))
        // Nothing written, not even to its own keys; no listing of keys.
        #expect(isNoPerm(try asA.command(["XADD", RelayKeys.owner(a.id), "*", "id", "2"])))
        #expect(isNoPerm(try asA.command(["SET", RelayKeys.seats(owner: a.id, library: 7), "x"])))
        #expect(isNoPerm(try asA.command(["DEL", RelayKeys.seats(owner: a.id, library: 7)])))
        #expect(isNoPerm(try asA.command(["KEYS", "*"])))
        #expect(isNoPerm(try asA.command(["SCAN", "0"])))
        #expect(isNoPerm(try asA.command(["ACL", "SETUSER", a.dbRole!, "~*"])))
        #expect(try f.admin.command(["XLEN", RelayKeys.owner(a.id)]).integer == 1)
    }

    @Test func aNewGrantReplacesThePasswordAndRevokeDeletesTheUser() throws {
        let f = try RelayOwnerFixture()
        defer { f.cleanUp() }
        let a = try f.owner()
        _ = try grant(a, password: "first-\(a.id)", f)
        _ = try RedisConnection(url: try f.url(user: a.dbRole!, password: "first-\(a.id)")).command(["PING"])
        _ = try grant(a, password: "second-\(a.id)", f)
        let old = caught(RedisError.self) { try RedisConnection(url: try f.url(user: a.dbRole!, password: "first-\(a.id)")) }
        #expect(old?.message.contains("WRONGPASS") == true, "\(String(describing: old))")
        #expect(old?.message.contains("first-\(a.id)") == false)
        #expect(try RedisConnection(url: try f.url(user: a.dbRole!, password: "second-\(a.id)")).command(["PING"]) == .status("PONG"))

        let revoked = try RelayGrant.apply(.revoke, user: a.dbRole!, owner: a.id, cacheName: "state", on: f.admin)
        #expect(revoked.first?.hasPrefix("revoked: ACL user \(a.dbRole!) deleted") == true, "\(revoked)")
        #expect(try f.admin.command(["ACL", "GETUSER", a.dbRole!]) == .null)
        _ = caught(RedisError.self) { try RedisConnection(url: try f.url(user: a.dbRole!, password: "second-\(a.id)")) }
        let again = try RelayGrant.apply(.revoke, user: a.dbRole!, owner: a.id, cacheName: "state", on: f.admin)
        #expect(again == ["no ACL user \(a.dbRole!) on state cache state: nothing to revoke"])
    }

    @Test func theOwnersRoleComesFromTheCatalogWithAClearErrorWhenItCannot() throws {
        let f = try RelayOwnerFixture()
        defer { f.cleanUp() }
        let a = try f.owner(), none = try f.owner(role: false)
        #expect(try RelayGrant.user(owner: a.id, topology: f.topology) == a.dbRole)
        let missing = caught(RelayGrantError.self) { try RelayGrant.user(owner: 12_345_678_901, topology: f.topology) }
        #expect(missing?.message == "no owner 12345678901 in the owners table of catalog shard catalog", "\(String(describing: missing))")
        let roleless = caught(RelayGrantError.self) { try RelayGrant.user(owner: none.id, topology: f.topology) }
        #expect(roleless?.message.contains("owner \(none.id) has no db_role: set owners.db_role first") == true)
        #expect(roleless?.status == 1)
    }

    @Test func theCachesOwnUserIsNeverAnOwnersUser() {
        let cache = CacheConfig(name: "s", provider: "railway", role: .state, url: "redis://relay:pw@127.0.0.1:6379/0")
        #expect(throws: RelayGrantError.self) { try RelayGrant.checkUserName("default", owner: 1, stateCache: nil) }
        #expect(throws: RelayGrantError.self) { try RelayGrant.checkUserName("relay", owner: 1, stateCache: cache) }
        #expect(throws: RelayGrantError.self) { try RelayGrant.checkUserName("owner 1", owner: 1, stateCache: cache) }
        #expect(throws: Never.self) { try RelayGrant.checkUserName("owner_1", owner: 1, stateCache: cache) }
    }

    @Test func aServerTooOldForTheRulesIsNamedWithItsVersion() {
        #expect(RelayGrant.versionRefusal("5.0.14", cacheName: "c")?.contains("has no ACLs") == true)
        #expect(RelayGrant.versionRefusal("6.2.6", cacheName: "c")?.contains("need Redis 7") == true)
        #expect(RelayGrant.versionRefusal("7.0.15", cacheName: "c") == nil)
        #expect(RelayGrant.versionRefusal("7.2.4", cacheName: "c") == nil)
    }

    /// A user that may not change ACLs (as on a managed Redis that keeps them
    /// to its console): the refusal says so and gives the rules, password masked.
    @Test func aCacheThatRefusesACLCommandsGetsTheRulesToApplyByHand() throws {
        let f = try RelayOwnerFixture()
        defer { f.cleanUp() }
        let a = try f.owner()
        let limited = "relaytest_limited_\(a.id)"
        try f.put(["ACL", "SETUSER", limited, "on", ">limited-pw", "~*", "+@all", "-@admin"], key: "unused:\(a.id)")
        defer { _ = try? f.admin.command(["ACL", "DELUSER", limited]) }
        let conn = try RedisConnection(url: try f.url(user: limited, password: "limited-pw"))
        defer { conn.close() }
        let e = caught(RelayGrantError.self) { try RelayGrant.apply(.grant(password: "never-shown-\(a.id)"), user: a.dbRole!, owner: a.id, cacheName: "managed", on: conn) }
        let message = try #require(e?.message)
        #expect(message.contains("state cache managed refused ACL SETUSER to the configuration's user (NOPERM"), "\(message)")
        #expect(message.contains("ACL SETUSER \(a.dbRole!) reset on >••• resetchannels %R~feed:owner:\(a.id)"), "\(message)")
        #expect(!message.contains("never-shown"))
        #expect(e?.status == 1)
        #expect(try f.admin.command(["ACL", "GETUSER", a.dbRole!]) == .null)
    }
}

/// Grants `owner` its ACL user on the fixture's state cache, as `relay grant` does.
func grant(_ owner: RelayOwnerFixture.Owner, password: String, _ f: RelayOwnerFixture) throws -> [String] {
    try RelayGrant.apply(.grant(password: password), user: try require(owner.dbRole), owner: owner.id, cacheName: "state", on: f.admin)
}
