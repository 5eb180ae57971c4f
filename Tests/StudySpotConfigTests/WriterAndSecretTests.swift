import Foundation
import StudySpotCore
import Testing
@testable import StudySpotConfig

struct WriterTests {
    static let password = "pa ss'\"wo${rd}\\"

    @Test func renderedConfigRoundTripsThroughTheLoader() throws {
        var topology = ConfigDefaults.config.topology
        topology.shards[1].dsn = "host=127.0.0.1 port=54321 dbname=studyspot user=studyspot password=s3cr3t-pw"
        topology.caches[1].url = "redis://:s3cr3t-pw@127.0.0.1:54331/0"
        topology.instances[0].name = "रेलवे 😀"
        topology.shards[0] = ShardConfig(name: "catalog", provider: "turso", role: .catalog, users: nil, dsn: "",
                                         url: "libsql://studyspot-acme.turso.io", token: "eyJ.s3cr3t-token")
        let login = LoginConfig(user: "owner_17", password: Self.password)
        let console = ConsoleSettings(refreshSeconds: 0.5, theme: "light", budgetPercent: 1.5, logLevel: "debug")
        let text = ConfigWriter.render(topology: topology, login: login, console: console, header: "local stack\nwritten by tests")
        let config = try ConfigLoader.parse(text: text, file: "stack.toml", environment: [:]).get()
        #expect(config.topology == topology)
        #expect(config.login == login)
        #expect(config.console == console)
    }

    @Test func effectiveConfigRendersBackWithSecretsMasked() throws {
        let text = """
        [login]
        user = "owner_17"
        password = "s3cr3t-pw"
        [keys]
        quit = ["q", "Q"]
        """
        let config = try ConfigLoader.parse(text: text, file: "c.toml", environment: [:]).get()
        let shown = ConfigWriter.renderEffective(config)
        #expect(!shown.contains("s3cr3t-pw"))
        let reparsed = try ConfigLoader.parse(text: shown, file: "shown.toml", environment: [:]).get()
        #expect(reparsed.quotas == config.quotas)
        #expect(reparsed.keys == ["quit": ["q", "Q"]])
        #expect(reparsed.login?.password == SecretMasking.mask)
    }

    @Test func aTursoTokenIsMaskedWhenShown() throws {
        let text = """
        [[shard]]
        name = "catalog"
        provider = "turso"
        role = "catalog"
        url = "libsql://studyspot-acme.turso.io"
        token = "${TURSO_TOKEN}"
        """
        let config = try ConfigLoader.parse(text: text, file: "c.toml", environment: ["TURSO_TOKEN": "eyJ.s3cr3t-token"]).get()
        #expect(config.topology.shards.map(\.token) == ["eyJ.s3cr3t-token"])
        #expect(config.topology.catalogShard?.overHTTP == true && config.topology.catalogShard?.dsn == "")
        let shown = ConfigWriter.renderEffective(config)
        #expect(!shown.contains("s3cr3t") && shown.contains("token = \"•••\""))
        #expect(shown.contains("url = \"libsql://studyspot-acme.turso.io\""))
    }

    @Test func writtenFileIsOwnerOnly() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path + "/stack/config.toml"
        let text = ConfigWriter.render(topology: ConfigDefaults.config.topology,
                                       login: LoginConfig(user: "studyspot", password: "s3cr3t-pw"))
        try ConfigWriter.write(text, toPath: path)
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber
        #expect(mode?.intValue == 0o600)
        #expect(ConfigLoader.checkPermissions(path: path) == nil)
        let config = try ConfigLoader.load(explicitPath: path, environment: [:])
        #expect(config.login?.password == "s3cr3t-pw")
    }
}

struct SecretTests {
    static let secret = "Hunter2-Secret"

    @Test func readableFileWithAPasswordIsRefusedWithTheFix() throws {
        let dir = try TemporaryDirectory()
        let text = ConfigDefaults.text + "\n\n[login]\nuser = \"owner_17\"\npassword = \"\(Self.secret)\"\n"
        let path = try dir.write("config.toml", text, mode: 0o644)
        let problem = try #require(ConfigLoader.checkPermissions(path: path))
        #expect(problem.description == "\(path): holds a password and can be read by other users (mode 644); run: chmod 600 \(path)")
        #expect(throws: ConfigErrors.self) { try ConfigLoader.load(explicitPath: path, environment: [:]) }

        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        #expect(ConfigLoader.checkPermissions(path: path) == nil)
        #expect(try ConfigLoader.load(explicitPath: path, environment: [:]).login?.user == "owner_17")
    }

    @Test func aSymlinkIsJudgedByItsTarget() throws {
        let dir = try TemporaryDirectory()
        let target = try dir.write("real.toml", "[login]\nuser = \"o\"\npassword = \"\(Self.secret)\"\n", mode: 0o600)
        let link = dir.path + "/link.toml"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
        #expect(ConfigLoader.checkPermissions(path: link) == nil)
        try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: target)
        #expect(ConfigLoader.checkPermissions(path: link)?.message.hasSuffix("run: chmod 600 \(link)") == true)
    }

    @Test func referencesAndPasswordlessFilesMayBeReadable() throws {
        let dir = try TemporaryDirectory()
        let byReference = try dir.write("a.toml", "[login]\nuser = \"o\"\npassword = \"${STUDYSPOT_PASSWORD}\"\n", mode: 0o644)
        #expect(ConfigLoader.checkPermissions(path: byReference) == nil)
        let plain = try dir.write("b.toml", ConfigDefaults.text, mode: 0o644)
        #expect(ConfigLoader.checkPermissions(path: plain) == nil)
    }

    @Test(arguments: [
        "dsn = \"host=h password=\(secret)\"",
        "dsn = \"host=h password='\(secret)'\"",
        "dsn = \"postgresql://u:\(secret)@h/db\"",
        "url = \"redis://:\(secret)@127.0.0.1:6379/0\"",
        "password = \"\(secret)\"",
        "token = \"\(secret)\"",
    ])
    func literalSecretsAreDetected(_ line: String) {
        #expect(ConfigLoader.holdsPassword(text: "[[shard]]\n\(line)\n"))
    }

    @Test(arguments: [
        "dsn = \"host=h password=${PW}\"",
        "dsn = \"postgresql://u:${PW}@h/db\"",
        "url = \"redis://127.0.0.1:6379/0\"",
        "dsn = \"host=h user=u\"",
        "token = \"${TURSO_TOKEN}\"",
    ])
    func referencesAreNotSecrets(_ line: String) {
        #expect(!ConfigLoader.holdsPassword(text: "[[shard]]\n\(line)\n"))
    }

    @Test func noProblemMessageHoldsThePassword() {
        let broken = [
            "[[shard]]\nname = \"neon\"\nprovder = \"neon\"\nrole = \"userz\"\nusers = [5, 1]\ndsn = \"host=h password=\(Self.secret)\"\n",
            "[[cache]]\nname = \"c\"\nprovider = \"p\"\nrole = \"cache\"\nurl = \"http://:\(Self.secret)@h\"\n",
            "[login]\nuser = \"o\"\npassword = \(Self.secret)\n",
            "[login]\nuser = \"o\"\npassword = \"\(Self.secret)\n",
            "[[shard]]\ndsn = \"host=h password=\(Self.secret)\" x\n",
            "[[instance]]\nurl = \"https://u:\(Self.secret)@h\"\npriority = \"\(Self.secret)\"\n",
        ]
        for text in broken {
            let problems = ConfigLoader.check(text: text, file: "c.toml", environment: [:])
            #expect(!problems.isEmpty)
            for problem in problems {
                #expect(!problem.description.contains(Self.secret), "leaked: \(problem)")
                #expect(!problem.description.contains("Hunter2"), "leaked: \(problem)")
            }
        }
    }
}
