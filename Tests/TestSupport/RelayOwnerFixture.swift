import Foundation
import Testing
import StudySpotCore
import StudySpotWire

/// Owners made for one test in a catalog database of its own (the stack's
/// shards start empty), with ids and roles no other test uses, and
/// everything they leave behind removed (`cleanUp`): the database, their
/// ACL users and the relay keys written for them.
public final class RelayOwnerFixture {
    /// An owner of the fixture's catalog; `dbRole` nil for one without a role.
    public struct Owner: Sendable {
        public var id: Int64
        public var dbRole: String?
    }

    public private(set) var topology: Topology
    public let catalog: PGConnection
    public let admin: RedisConnection
    private let server: PGConnection
    private let database: String
    public private(set) var owners: [Owner] = []
    private var keys: [String] = []

    public init() throws {
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
    public func owner(role: Bool = true) throws -> Owner {
        let id = Int64.random(in: 900_000_000...999_999_999)
        let owner = Owner(id: id, dbRole: role ? "relaytest_\(id)" : nil)
        try catalog.query("INSERT INTO owners (id, display_name, db_role) VALUES ($1, $2, $3)", [id, "Relay test \(id)", owner.dbRole])
        owners.append(owner)
        return owner
    }

    /// A value under `key`, written as the relay would (as the cache's admin).
    public func put(_ command: [String], key: String) throws {
        keys.append(key)
        let reply = try admin.command(command)
        if case .error(let e) = reply { throw RedisError(kind: .command, message: e) }
    }

    /// The state cache's url with `user` and `password` in place of the admin's.
    public func url(user: String, password: String) throws -> String {
        let u = try RedisURL(parsing: try require(topology.stateCache).url)
        return "redis://\(user):\(password)@\(u.host):\(u.port)/\(u.database)"
    }

    public func cleanUp() {
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

/// `#require` outside a test function (a fixture's set-up): a thrown error names what was missing.
public func require<T>(_ value: T?, _ what: String = "value") throws -> T {
    guard let value else { throw FixtureError(description: "missing \(what)") }
    return value
}

/// The error `body` throws, as `E`; records an issue when it throws none or another kind.
public func caught<E: Error, T>(_ type: E.Type = E.self, _ body: () throws -> T, sourceLocation: SourceLocation = #_sourceLocation) -> E? {
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

public struct FixtureError: Error, CustomStringConvertible {
    public var description: String
}
