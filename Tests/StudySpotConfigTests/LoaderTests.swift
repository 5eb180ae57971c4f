import Foundation
import StudySpotCore
import Testing
@testable import StudySpotConfig

/// A private temporary directory removed when the value is dropped.
final class TemporaryDirectory {
    let path: String
    init() throws {
        path = NSTemporaryDirectory() + "studyspot-config-tests-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(atPath: path) }

    func write(_ name: String, _ text: String, mode: Int = 0o600) throws -> String {
        let file = path + "/" + name
        try FileManager.default.createDirectory(atPath: (file as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        try text.write(toFile: file, atomically: false, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: file)
        return file
    }
}

struct LookupOrderTests {
    let all: Set<String> = ["/explicit.toml", "/env.toml", "/xdg/studyspot/config.toml", "/home/u/.config/studyspot/config.toml"]

    @Test func explicitPathWinsOverEverything() {
        let env = ["STUDYSPOT_CONFIG": "/env.toml", "XDG_CONFIG_HOME": "/xdg", "HOME": "/home/u"]
        let source = ConfigLoader.locate(explicitPath: "/explicit.toml", environment: env, fileExists: all.contains)
        #expect(source == ConfigSource(origin: .commandLine, path: "/explicit.toml"))
    }

    @Test func environmentVariableComesNext() {
        let env = ["STUDYSPOT_CONFIG": "/env.toml", "XDG_CONFIG_HOME": "/xdg", "HOME": "/home/u"]
        #expect(ConfigLoader.locate(explicitPath: nil, environment: env, fileExists: all.contains)
                == ConfigSource(origin: .environment, path: "/env.toml"))
        // Named but missing is still chosen: loading then says "file not found".
        #expect(ConfigLoader.locate(explicitPath: nil, environment: env, fileExists: { _ in false })
                == ConfigSource(origin: .environment, path: "/env.toml"))
    }

    @Test func xdgThenHomeThenBuiltIn() {
        let env = ["XDG_CONFIG_HOME": "/xdg", "HOME": "/home/u"]
        #expect(ConfigLoader.locate(explicitPath: nil, environment: env, fileExists: all.contains)
                == ConfigSource(origin: .userConfig, path: "/xdg/studyspot/config.toml"))
        #expect(ConfigLoader.locate(explicitPath: nil, environment: ["HOME": "/home/u"], fileExists: all.contains)
                == ConfigSource(origin: .userConfig, path: "/home/u/.config/studyspot/config.toml"))
        // A relative XDG_CONFIG_HOME is ignored.
        #expect(ConfigLoader.locate(explicitPath: nil, environment: ["XDG_CONFIG_HOME": "rel", "HOME": "/home/u"],
                                    fileExists: all.contains)
                == ConfigSource(origin: .userConfig, path: "/home/u/.config/studyspot/config.toml"))
        // XDG set but no file there: not found falls to the built-in defaults, not to HOME.
        #expect(ConfigLoader.locate(explicitPath: nil, environment: ["XDG_CONFIG_HOME": "/nowhere", "HOME": "/home/u"],
                                    fileExists: all.contains) == .builtIn)
        #expect(ConfigLoader.locate(explicitPath: nil, environment: [:], fileExists: all.contains) == .builtIn)
        #expect(ConfigLoader.locate(explicitPath: "", environment: ["STUDYSPOT_CONFIG": ""], fileExists: all.contains) == .builtIn)
    }

    @Test func loadReadsTheLocatedFile() throws {
        let dir = try TemporaryDirectory()
        let path = try dir.write("studyspot/config.toml", ConfigDefaults.text.replacingOccurrences(of: "theme = \"dark\"", with: "theme = \"light\""))
        let config = try ConfigLoader.load(environment: ["XDG_CONFIG_HOME": dir.path])
        #expect(config.console.theme == "light")
        #expect(config.source == ConfigSource(origin: .userConfig, path: path))
        #expect(config.topology == ConfigDefaults.config.topology)
        #expect(config.warnings.isEmpty)
        #expect(config.dsnLines["neon"] != nil)
    }

    @Test func missingNamedFileIsAProblem() {
        #expect(throws: ConfigErrors.self) { try ConfigLoader.load(explicitPath: "/no/such/config.toml", environment: [:]) }
        let (config, problems) = ConfigLoader.checkSource(ConfigSource(origin: .commandLine, path: "/no/such/config.toml"), environment: [:])
        #expect(config == nil)
        #expect(problems.map(\.description) == ["/no/such/config.toml: file not found"])
    }
}

struct InterpolationTests {
    @Test func replacesEveryReference() {
        let env = ["HOST": "db.example", "PORT": "5432", "EMPTY": ""]
        #expect(Interpolation.expand("host=${HOST} port=${PORT}${EMPTY}", environment: env).0 == "host=db.example port=5432")
        #expect(Interpolation.expand("no references", environment: [:]).0 == "no references")
        #expect(Interpolation.expand("cost $5 and $${LITERAL}", environment: [:]) == ("cost $5 and ${LITERAL}", []))
    }

    @Test func namesEveryMissingVariableOnce() {
        let (_, failures) = Interpolation.expand("${A}${B}${A}", environment: ["B": "b"])
        #expect(failures == [.missing("A")])
        #expect(Interpolation.expand("${1BAD}", environment: [:]).1.count == 1)
        #expect(Interpolation.expand("${OPEN", environment: [:]).1.count == 1)
    }

    @Test func everyStringIsInterpolated() throws {
        let text = """
        [console]
        theme = "${THEME}"
        [login]
        user = "${OWNER}"
        password = "${PASS}"
        [keys]
        quit = ["${QUIT}"]
        [[instance]]
        name = "railway"
        provider = "railway"
        url = "http://${HOST}:7101"
        """
        let env = ["THEME": "light", "OWNER": "owner_17", "PASS": "s3cret", "QUIT": "x", "HOST": "127.0.0.1"]
        let config = try ConfigLoader.parse(text: text, file: "c.toml", environment: env).get()
        #expect(config.console.theme == "light")
        #expect(config.login == LoginConfig(user: "owner_17", password: "s3cret"))
        #expect(config.keys["quit"] == ["x"])
        #expect(config.keyLines["quit"] == 7)
        #expect(config.topology.instances.first?.url == "http://127.0.0.1:7101")
    }
}

struct MergeTests {
    @Test func sectionsInTheFileReplaceTheDefaultsOthersStay() throws {
        let text = """
        [[instance]]
        name = "solo"
        provider = "railway"
        url = "http://127.0.0.1:9000"
        weight = 100
        """
        let config = try ConfigLoader.parse(text: text, file: "c.toml", environment: [:]).get()
        #expect(config.topology.instances.map(\.name) == ["solo"])
        #expect(config.topology.instances[0].priority == 1)
        #expect(config.topology.instances[0].sleeps == false)
        #expect(config.topology.shards == ConfigDefaults.config.topology.shards)
        #expect(config.topology.caches == ConfigDefaults.config.topology.caches)
    }

    @Test func quotaOverridesChangeOnlyWhatTheySay() throws {
        let text = """
        [[quota]]
        provider = "vercel"
        resource = "bandwidth"
        limit = 80
        unit = "GB"
        period = "month"

        [[quota]]
        provider = "acme-sms"
        resource = "messages"
        limit = 250
        unit = "messages"
        period = "day"

        [[quota]]
        provider = "resend"
        resource = "emails-week"
        limit = 700
        unit = "emails"
        period = "rolling-30d"
        """
        let config = try ConfigLoader.parse(text: text, file: "c.toml", environment: [:]).get()
        let vercel = try #require(config.quota(provider: "vercel", resource: "bandwidth"))
        #expect(vercel.limit == 80)
        #expect(vercel.period == .month)
        #expect(vercel.planText == "100 GB/month")
        #expect(vercel.source == "vercel.com/docs/limits/fair-use-guidelines")
        let sms = try #require(config.quota(provider: "acme-sms", resource: "messages"))
        #expect(sms.category == .sms)
        #expect(sms.verdict == .unverified)
        #expect(sms.source == "configuration")
        #expect(config.quota(provider: "resend", resource: "emails-week")?.category == .email)
        // The defaults' two Render accounts stand in for the catalog's one entry.
        #expect(config.quotas.count == QuotaCatalog.entries.count + 1 + 2)
    }
}

struct InstanceCAFileTests {
    func check(_ dir: TemporaryDirectory, caFile: String, url: String = "https://api.example:8443") throws -> (ConsoleConfig?, [ConfigProblem]) {
        let path = try dir.write("config.toml", """
            [[instance]]
            name = "railway"
            provider = "railway"
            url = "\(url)"
            ca_file = "\(caFile)"
            """)
        return ConfigLoader.checkSource(ConfigSource(origin: .commandLine, path: path), environment: [:])
    }

    @Test func aReadableCAFileIsKept() throws {
        let dir = try TemporaryDirectory()
        let ca = try dir.write("ca.pem", "-----BEGIN CERTIFICATE-----\n")
        let (config, problems) = try check(dir, caFile: ca)
        #expect(problems.isEmpty, "\(problems)")
        #expect(config?.topology.instances.first?.caFile == ca)
    }

    @Test func aMissingOrUnreadableCAFileIsNamedWithItsLine() throws {
        let dir = try TemporaryDirectory()
        let (_, missing) = try check(dir, caFile: dir.path + "/nope.pem")
        #expect(missing.map(\.description).contains { $0.contains(":5") && $0.contains("instance[0].ca_file") && $0.contains("no such file") },
                "\(missing)")
        let (_, folder) = try check(dir, caFile: dir.path)
        #expect(folder.contains { $0.message.hasPrefix("is a folder") }, "\(folder)")
        let (_, plain) = try check(dir, caFile: try dir.write("ca2.pem", "x"), url: "http://api.example")
        #expect(plain.contains { $0.message == "applies only to an https:// url" }, "\(plain)")
    }
}

/// A file the console is pointed at must describe a deployment: an empty one,
/// or one without any [[shard]], [[cache]] or [[instance]], would silently
/// mean the local stack's defaults (on a shared machine, another team's stack).
struct CoverageTests {
    static func load(_ text: String) throws -> (config: ConsoleConfig?, problems: [String], path: String) {
        let dir = try TemporaryDirectory()
        let path = try dir.write("c.toml", text)
        let (config, problems) = ConfigLoader.checkSource(ConfigSource(origin: .commandLine, path: path), environment: [:])
        return (config, problems.map { $0.description.replacingOccurrences(of: path, with: "c.toml") }, path)
    }

    static let shard = """
        [[shard]]
        name = "neon"
        provider = "neon"
        role = "users"
        users = [1, 0]
        dsn = "host=db.example dbname=studyspot"

        """

    @Test(arguments: ["", "\n\n", "# only a comment\n   \n# another\n"])
    func emptyFileIsAnError(_ text: String) throws {
        let (config, problems, _) = try Self.load(text)
        #expect(config == nil)
        #expect(problems.count == 1)
        #expect(problems.first?.hasPrefix("c.toml: the file is empty; it would mean the built-in defaults") == true)
    }

    @Test func fileWithNoDeploymentSectionIsAnError() throws {
        let (config, problems, _) = try Self.load("[console]\ntheme = \"light\"\n\n[keys]\nquit = [\"x\"]\n")
        #expect(config == nil)
        #expect(problems == ["c.toml: describes no deployment: it has [console], [keys] but no [[shard]], [[cache]] or [[instance]] section, "
            + "so the console would watch the built-in defaults (the local stack's ports on 127.0.0.1): describe the deployment with "
            + "[[shard]], [[cache]] and [[instance]] sections (`studyspot config show` prints the defaults in full to start from), "
            + "or give no config file to use the built-in defaults on purpose"])
    }

    @Test func problemsInsideStillShowBesideIt() throws {
        let (_, problems, _) = try Self.load("[console]\nrefresh_secs = 2\n")
        #expect(problems.count == 2)
        #expect(problems.first?.contains("describes no deployment") == true)
        #expect(problems.last?.contains("unknown key \"refresh_secs\"") == true)
    }

    /// A file cut short after its shards: it loads, with a warning for each missing section.
    @Test func missingSectionsWarnAndUseTheDefaults() throws {
        let (config, problems, _) = try Self.load("[console]\nrefresh_seconds = 2\n\n" + Self.shard)
        #expect(problems == [])
        let loaded = try #require(config)
        #expect(loaded.topology.shards.map(\.name) == ["neon"])
        #expect(loaded.topology.caches == ConfigDefaults.config.topology.caches)
        #expect(loaded.warnings.map(\.keyPath) == ["", ""])
        #expect(loaded.warnings.allSatisfy { $0.isWarning })
        let texts = loaded.warnings.map { $0.description.replacingOccurrences(of: loaded.source.path ?? "", with: "c.toml") }
        #expect(texts == [
            "c.toml: warning: no [[cache]] section: the built-in caches are used (upstash, railway-redis, redis-cloud on the local stack's ports on 127.0.0.1); "
                + "add the section if the file was cut short or the deployment has its own caches",
            "c.toml: warning: no [[instance]] section: the built-in instances are used (railway, render-1, render-2, fly, koyeb on the local stack's ports on 127.0.0.1); "
                + "add the section if the file was cut short or the deployment has its own instances",
        ])
        #expect(loaded.dsnLines == ["neon": 9])
    }

    @Test func cutInsideAStringOrAnElementIsAlreadyAnError() throws {
        let cutString = try Self.load(Self.shard.replacingOccurrences(of: "dbname=studyspot\"\n", with: "dbname=stu"))
        #expect(cutString.config == nil)
        #expect(cutString.problems.first?.hasPrefix("c.toml:6: TOML syntax error") == true)
        let cutElement = try Self.load("[[shard]]\nname = \"neon\"\nprovider = \"neon\"\n")
        #expect(cutElement.config == nil)
        #expect(cutElement.problems.contains { $0.contains("missing required key \"role\"") })
    }

    /// The pure overlay checks (`parse`, `check`) are about keys, not files: unchanged.
    @Test func overlaysAreNotFiles() {
        #expect(ConfigLoader.check(text: "", file: "c.toml", environment: [:]) == [])
        #expect(ConfigLoader.check(text: "[console]\ntheme = \"light\"\n", file: "c.toml", environment: [:]) == [])
    }
}
