import Foundation
import Testing
import StudySpotCore
import StudySpotTestSupport
import StudySpotWire
@testable import StudySpotRelay

/// Owners' roles from a catalog on Turso's HTTP API (the fake's real SQLite),
/// as `relay grant` and doctor read them there.
@Suite struct RelayOwnerRolesTests {
    @Test func aTursoCatalogGivesEachOwnersRole() throws {
        let server = try FakeTurso()
        try server.run([HranaStatement("INSERT INTO owners (id, display_name, db_role) VALUES (1, 'A', 'owner_a'), (2, 'B', NULL), (3, 'C', '')")])
        let catalog = ShardConfig(name: "turso", provider: "turso", role: .catalog, users: nil, dsn: "", url: server.url, token: server.token)
        #expect(try RelayOwnerRoles.owner(1, catalog: catalog) == RelayOwner(id: 1, dbRole: "owner_a"))
        #expect(try RelayOwnerRoles.owner(2, catalog: catalog) == RelayOwner(id: 2, dbRole: nil))
        #expect(try RelayOwnerRoles.owner(3, catalog: catalog) == RelayOwner(id: 3, dbRole: nil))
        #expect(try RelayOwnerRoles.owner(4, catalog: catalog) == nil)
        #expect(try RelayOwnerRoles.withRoles(catalog: catalog) == [RelayOwner(id: 1, dbRole: "owner_a")])
        let topology = Topology(shards: [catalog], caches: [], instances: [])
        let e = caught(RelayGrantError.self) { try RelayGrant.user(owner: 2, topology: topology) }
        #expect(e?.message.hasPrefix("owner 2 has no db_role: set owners.db_role first") == true)
    }
}
