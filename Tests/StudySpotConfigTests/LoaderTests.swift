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
        let path = try dir.write("studyspot/config.toml", "[console]\ntheme = \"light\"\n")
        let config = try ConfigLoader.load(environment: ["XDG_CONFIG_HOME": dir.path])
        #expect(config.console.theme == "light")
        #expect(config.source == ConfigSource(origin: .userConfig, path: path))
        #expect(config.topology == ConfigDefaults.config.topology)
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
        #expect(config.quotas.count == QuotaCatalog.entries.count + 2)
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
