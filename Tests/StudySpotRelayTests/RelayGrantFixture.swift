import Foundation
import Testing
import StudySpotCore
import StudySpotTestSupport
import StudySpotWire
@testable import StudySpotRelay

/// Owners made for one test in a catalog database of its own (the stack's
/// shards start empty), with ids and roles no other test uses, and
/// everything they leave behind removed (`cleanUp`): the database, their
/// ACL users and the relay keys written for them.
final class RelayGrantFixture {
    private(set) var topology: Topology
    let catalog: PGConnection
    let admin: RedisConnection
    private let server: PGConnection
    private let database: String
    private(set) var owners: [RelayOwner] = []
    private var keys: [String] = []

    init() throws {
        topology = try TestEnvironment.topology()
        let i = try require(topology.shards.firstIndex { $0.role == .catalog }, "a catalog shard")
        server = try PGConnection(dsn: topology.shards[i].dsn)
        database = "relaytest_\(UInt32.random(in: 0...UInt32.max))"
        try server.query("CREATE DATABASE \(database)")
        topology.shards[i].dsn += " dbname=\(database)"
        catalog = try PGConnection(dsn: topology.shards[i].dsn)
        // CONTRACT §3's owners table: all `relay grant` reads.
        try catalog.query("CREATE TABLE owners (id bigint PRIMARY KEY, display_name text NOT NULL, db_role text UNIQUE)")
        admin = try RedisConnection(url: try require(topology.stateCache).url)
    }

    /// A new owner; `role: false` makes one without a db_role.
    func owner(role: Bool = true) throws -> RelayOwner {
        let id = Int64.random(in: 900_000_000...999_999_999)
        let owner = RelayOwner(id: id, dbRole: role ? "relaytest_\(id)" : nil)
        try catalog.query("INSERT INTO owners (id, display_name, db_role) VALUES ($1, $2, $3)", [id, "Relay test \(id)", owner.dbRole])
        owners.append(owner)
        return owner
    }

    /// A value under `key`, written as the relay would (as the cache's admin).
    func put(_ command: [String], key: String) throws {
        keys.append(key)
        let reply = try admin.command(command)
        if case .error(let e) = reply { throw RedisError(kind: .command, message: e) }
    }

    /// The state cache's url with `user` and `password` in place of the admin's.
    func url(user: String, password: String) throws -> String {
        let u = try RedisURL(parsing: try require(topology.stateCache).url)
        return "redis://\(user):\(password)@\(u.host):\(u.port)/\(u.database)"
    }

    func grant(_ owner: RelayOwner, password: String) throws -> [String] {
        try RelayGrant.apply(.grant(password: password), user: try require(owner.dbRole), owner: owner.id, cacheName: "state", on: admin)
    }

    func cleanUp() {
        for o in owners {
            if let role = o.dbRole { _ = try? admin.command(["ACL", "DELUSER", role]) }
        }
        if !keys.isEmpty { _ = try? admin.command(["DEL"] + keys) }
        catalog.close()
        _ = try? server.query("DROP DATABASE IF EXISTS \(database) WITH (FORCE)")
        server.close()
        admin.close()
    }
}

/// `#require` outside a test function: a thrown error names what was missing.
func require<T>(_ value: T?, _ what: String = "value") throws -> T {
    guard let value else { throw RelayGrantError("missing \(what)") }
    return value
}

/// The error `body` throws, as `E`; records an issue when it throws none or another kind.
func caught<E: Error, T>(_ type: E.Type = E.self, _ body: () throws -> T, sourceLocation: SourceLocation = #_sourceLocation) -> E? {
    do {
        _ = try body()
        Issue.record("expected \(E.self); none was thrown", sourceLocation: sourceLocation)
    } catch let e as E {
        return e
    } catch {
        Issue.record("expected \(E.self), got \(error)", sourceLocation: sourceLocation)
    }
    return nil
}
