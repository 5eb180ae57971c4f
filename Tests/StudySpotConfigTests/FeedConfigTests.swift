import Testing
import StudySpotCore
@testable import StudySpotConfig

/// `[feed] source` and `[login] owner` (CONTRACT §10): direct by default, an
/// unknown source or a bad owner id is an error naming the line and what is allowed.
struct FeedConfigTests {
    static func parse(_ extra: String) -> Result<ConsoleConfig, ConfigErrors> {
        ConfigLoader.parse(text: NotifyConfigTests.instance + extra, file: "c.toml", environment: [:])
    }

    static func error(_ extra: String) -> String? {
        guard case .failure(let e) = parse(extra) else { return nil }
        return "\(e)"
    }

    @Test func directByDefaultRelayWhenAsked() throws {
        #expect(try Self.parse("").get().feed == .direct)
        let relay = try Self.parse("[feed]\nsource = \"relay\"\n[login]\nuser = \"owner_17\"\npassword = \"pw\"\nowner = 17\n").get()
        #expect(relay.feed == .relay)
        #expect(relay.login?.ownerId == 17)
        let shown = ConfigWriter.renderEffective(relay)
        #expect(shown.contains("[feed]\nsource = \"relay\""))
        #expect(shown.contains("owner = 17"))
        #expect(!shown.contains("\"pw\""))
    }

    @Test func anUnknownSourceNamesTheLineAndTheAllowedValues() throws {
        let far = try #require(Self.error("[feed]\nsource = \"kafka\"\n"))
        #expect(far.contains("c.toml:6: feed.source: unknown feed source \"kafka\"; expected one of direct, relay"), "\(far)")
        let near = try #require(Self.error("[feed]\nsource = \"relya\"\n"))
        #expect(near.contains("c.toml:6: feed.source: unknown feed source \"relya\"; did you mean \"relay\"? expected one of direct, relay"), "\(near)")
        let typed = try #require(Self.error("[feed]\nsource = 2\n"))
        #expect(typed.contains("c.toml:6: feed.source: expected string"), "\(typed)")
        let key = try #require(Self.error("[feed]\nsorce = \"relay\"\n"))
        #expect(key.contains("c.toml:6") && key.contains("sorce"), "\(key)")
    }

    @Test func anOwnerIdIsAPositiveWholeNumber() throws {
        let zero = try #require(Self.error("[login]\nuser = \"o\"\nowner = 0\n"))
        #expect(zero.contains("c.toml:7: login.owner: must be at least 1 (found 0)"), "\(zero)")
        let text = try #require(Self.error("[login]\nuser = \"o\"\nowner = \"17\"\n"))
        #expect(text.contains("c.toml:7: login.owner: expected integer"), "\(text)")
    }

    /// An owner's console on the relay needs the owner id; in direct mode it does not.
    @Test func anOwnerOnTheRelayWithoutAnOwnerIdIsToldWhy() throws {
        let direct = try Self.parse("[login]\nuser = \"o\"\n").get()
        #expect(direct.ownerRelayLoginMissing == nil)
        let relay = try Self.parse("[feed]\nsource = \"relay\"\n[login]\nuser = \"o\"\n").get()
        let why = try #require(relay.ownerRelayLoginMissing)
        #expect(why.contains("needs [login] owner = ID"))
        let none = try Self.parse("[feed]\nsource = \"relay\"\n").get()
        #expect(none.ownerRelayLoginMissing?.contains("needs [login] user and password") == true)
        let full = try Self.parse("[feed]\nsource = \"relay\"\n[login]\nuser = \"o\"\nowner = 3\n").get()
        #expect(full.ownerRelayLoginMissing == nil)
    }
}
