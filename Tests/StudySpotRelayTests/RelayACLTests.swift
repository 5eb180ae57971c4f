import Testing
import StudySpotCore
@testable import StudySpotRelay

struct RelayACLTests {
    @Test func anOwnerMayOnlyReadItsOwnKeys() {
        let args = RelayACL.setUser("owner_12", owner: 12, password: "s3cret")
        #expect(Array(args.prefix(4)) == ["ACL", "SETUSER", "owner_12", "reset"])
        #expect(args.contains("%R~feed:owner:12") && args.contains("%R~seats:owner:12:*"))
        #expect(!args.contains { $0.hasPrefix("~") || $0.hasPrefix("%W~") || $0.hasPrefix("%RW~") || $0 == "allkeys" })
        #expect(args.firstIndex(of: "-@all")! < args.firstIndex(of: "+xread")!)
        #expect(!RelayACL.describe("owner_12", owner: 12).contains("s3cret"))
    }
}
