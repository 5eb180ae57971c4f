import Foundation
import StudySpotCore
import Testing
@testable import StudySpotConfig

/// `[[collector]]` (CONTRACT §9): keys, durations, the catalog's providers,
/// `${VAR}` tokens, and the token never shown.
@Suite struct CollectorConfigTests {
    static let secret = "nfp_S3cretTokenValue"
    let env = ["NETLIFY_TOKEN": CollectorConfigTests.secret]

    func parse(_ text: String) -> Result<ConsoleConfig, ConfigErrors> {
        ConfigLoader.parse(text: text, file: "c.toml", environment: env)
    }

    func problems(_ text: String) -> [String] {
        ConfigLoader.check(text: text, file: "c.toml", environment: env).map(\.description)
    }

    @Test func aCollectorDecodesEveryKey() throws {
        let config = try parse("""
            [[collector]]
            provider = "netlify"
            token = "${NETLIFY_TOKEN}"
            account = "studyspot"
            api_url = "http://127.0.0.1:9/x"
            every = "15m"

            [[collector]]
            provider = "upstash"
            account = "upstash-2"
            user = "ops@example.org"
            token = "k"
            database_id = "db-1"
            every = 90
            """).get()
        #expect(config.collectors.count == 2 && config.collectorLines == [1, 8])
        let n = config.collectors[0]
        #expect(n.provider == "netlify" && n.token == Self.secret && n.account == "studyspot" && n.every == 900)
        #expect(n.apiURL == "http://127.0.0.1:9/x")
        let u = config.collectors[1]
        #expect(u.user == "ops@example.org" && u.ids == ["database_id": "db-1"] && u.every == 90 && u.name == "upstash (upstash-2)")
    }

    @Test func durationsReadInSecondsMinutesHoursAndDays() {
        #expect(ConfigDecoder.duration("90s") == 90 && ConfigDecoder.duration("15m") == 900)
        #expect(ConfigDecoder.duration("1h") == 3_600 && ConfigDecoder.duration("1d") == 86_400 && ConfigDecoder.duration("120") == 120)
        #expect(ConfigDecoder.duration("soon") == nil && ConfigDecoder.duration("m") == nil)
    }

    @Test func aBadEveryIsNamedWithItsLine() {
        let found = problems("""
            [[collector]]
            provider = "netlify"
            token = "t"
            every = "15 minutes"
            """)
        #expect(found == ["c.toml:4: collector[0].every: expected a duration such as \"90s\", \"15m\", \"1h\" or a number of seconds greater than 0"])
        #expect(problems("[[collector]]\nprovider = \"netlify\"\ntoken = \"t\"\nevery = -5\n").first?.hasPrefix("c.toml:4: collector[0].every") == true)
    }

    @Test func anUnknownProviderIsNamedWithTheNearestOfTheCatalog() {
        let found = problems("[[collector]]\nprovider = \"netlfy\"\ntoken = \"t\"\n")
        #expect(found == ["c.toml:2: collector[0].provider: unknown provider \"netlfy\"; did you mean \"netlify\"?"])
        // A provider a [[quota]] adds to the catalog is one collectors may name.
        #expect(problems("""
            [[quota]]
            provider = "fly"
            resource = "machines"
            limit = 3
            unit = "instances"
            period = "total"

            [[collector]]
            provider = "fly"
            token = "t"
            """).isEmpty)
    }

    @Test func aMissingTokenVariableIsNamedAndTheTokenRequired() {
        #expect(problems("[[collector]]\nprovider = \"netlify\"\ntoken = \"${NETLFY_TOKEN}\"\n")
                == ["c.toml:3: collector[0].token: environment variable NETLFY_TOKEN is not set"])
        #expect(problems("[[collector]]\nprovider = \"netlify\"\n") == ["c.toml:1: collector[0]: missing required key \"token\""])
    }

    @Test func unknownKeysAndASecondCollectorForOneAccountAreRefused() {
        let found = problems("""
            [[collector]]
            provider = "netlify"
            token = "t"
            acount = "a"

            [[collector]]
            provider = "netlify"
            token = "u"
            """)
        #expect(found.count == 2)
        #expect(found[0] == "c.toml:4: collector[0].acount: unknown key \"acount\"; did you mean \"account\"?")
        #expect(found[1] == "c.toml:6: collector[1]: a second collector for netlify (first on line 1); give each its own account")
    }

    @Test func theTokenIsNeverShown() throws {
        let config = try parse("[[collector]]\nprovider = \"netlify\"\ntoken = \"${NETLIFY_TOKEN}\"\naccount = \"s\"\n").get()
        let shown = ConfigWriter.renderEffective(config)
        #expect(shown.contains("[[collector]]\nprovider = \"netlify\"\naccount = \"s\"\ntoken = \"•••\""))
        #expect(!shown.contains(Self.secret))
        #expect(!String(describing: config.collectors).contains(Self.secret))
        // And the shown configuration loads back with the same collectors (token aside).
        let again = try parse(shown.replacingOccurrences(of: "•••", with: "x")).get()
        #expect(again.collectors.map(\.name) == ["netlify (s)"])
    }
}
