import Foundation
import StudySpotCore
import StudySpotWire

/// An owner as the relay's ACLs need it: its id and the login role its
/// console uses, which names its Redis ACL user (CONTRACT §10).
public struct RelayOwner: Sendable, Equatable {
    public var id: Int64
    /// `owners.db_role`; nil when the owner has none (or an empty one).
    public var dbRole: String?
    public init(id: Int64, dbRole: String?) { self.id = id; self.dbRole = dbRole }
}

/// Reads owners' `db_role` from the catalog, on PostgreSQL or on Turso's
/// HTTP API: `relay grant` for one owner, `doctor` for every owner whose
/// console may use the relay.
public enum RelayOwnerRoles {
    static let ownerSQL = "SELECT id, db_role FROM owners WHERE id = $1"
    static let withRolesSQL = "SELECT id, db_role FROM owners WHERE db_role IS NOT NULL AND db_role <> '' ORDER BY id"
    static let tursoOwnerSQL = "SELECT id, db_role FROM owners WHERE id = ?1"
    static let tursoWithRolesSQL = "SELECT id, db_role FROM owners WHERE db_role IS NOT NULL AND db_role <> '' ORDER BY id"

    /// One owner, nil when the catalog has no such owner.
    public static func owner(_ id: Int64, catalog: ShardConfig, options: PGConnectOptions = PGConnectOptions()) throws -> RelayOwner? {
        if let url = catalog.url {
            let client = try HranaClient(url: url, token: catalog.token ?? "")
            return try client.query(tursoOwnerSQL, [.integer(id)]).rows.first.map(turso)
        }
        let conn = try PGConnection(dsn: catalog.dsn, options: options)
        defer { conn.close() }
        return try conn.query(ownerSQL, [id]).first.map(postgres)
    }

    /// Every owner with a `db_role`, by id.
    public static func withRoles(catalog: ShardConfig, options: PGConnectOptions = PGConnectOptions()) throws -> [RelayOwner] {
        if let url = catalog.url {
            let client = try HranaClient(url: url, token: catalog.token ?? "")
            return try client.query(tursoWithRolesSQL).rows.map(turso)
        }
        let conn = try PGConnection(dsn: catalog.dsn, options: options)
        defer { conn.close() }
        return try conn.query(withRolesSQL).rows.map(postgres)
    }

    private static func postgres(_ row: PGRow) throws -> RelayOwner {
        RelayOwner(id: try row.int("id"), dbRole: row.optionalString("db_role").flatMap { $0.isEmpty ? nil : $0 })
    }

    private static func turso(_ row: HranaRow) throws -> RelayOwner {
        let role: String?
        switch try row.value("db_role") {
        case .text(let t) where !t.isEmpty: role = t
        default: role = nil
        }
        return RelayOwner(id: try row.int("id"), dbRole: role)
    }
}
