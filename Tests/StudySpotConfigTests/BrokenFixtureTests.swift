import Foundation
import Testing
@testable import StudySpotConfig

/// `config check` on broken files gives exactly these messages, every
/// problem in a file at once, in line order.
struct BrokenFixtureTests {
    static let expected: [String: [String]] = [
        "syntax-error.toml": [
            #"syntax-error.toml:3: TOML syntax error at column 12: unterminated string (use """ for a multi-line string)"#,
        ],
        "password-in-syntax-error.toml": [
            #"password-in-syntax-error.toml:3: TOML syntax error at column 12: invalid value "•••" (strings need quotes)"#,
        ],
        "unknown-keys.toml": [
            #"unknown-keys.toml:1: consle: unknown key "consle"; did you mean "console"?"#,
            #"unknown-keys.toml:6: shard[0].provder: unknown key "provder"; did you mean "provider"?"#,
            #"unknown-keys.toml:10: shard[0].region: unknown key "region"; expected one of name, provider, role, users, dsn, url, token, account"#,
            #"unknown-keys.toml:16: instance[0].sleep: unknown key "sleep"; did you mean "sleeps"?"#,
            #"unknown-keys.toml:18: shards: unknown key "shards"; did you mean "shard"?"#,
        ],
        "wrong-types.toml": [
            "wrong-types.toml:2: console.refresh_seconds: expected number, found string",
            "wrong-types.toml:3: console.budget_percent: expected number, found boolean",
            "wrong-types.toml:9: shard[0].users: expected array of two integers [first, last], found string",
            "wrong-types.toml:16: shard[1].users: expected array of two integers [first, last], found [integer, string]",
            "wrong-types.toml:17: shard[1].dsn: expected string, found integer",
            "wrong-types.toml:23: instance[0].priority: expected integer, found string",
            "wrong-types.toml:24: instance[0].weight: expected integer, found float",
            "wrong-types.toml:25: instance[0].sleeps: expected boolean, found string",
            "wrong-types.toml:28: login.user: expected string, found integer",
        ],
        "missing-keys.toml": [
            #"missing-keys.toml:1: shard[0]: missing required key "dsn""#,
            #"missing-keys.toml:7: shard[1]: missing required key "name""#,
            #"missing-keys.toml:7: shard[1]: missing required key "users" (a users shard needs its user range, e.g. users = [1, 7500])"#,
            #"missing-keys.toml:12: cache[0]: missing required key "role""#,
            #"missing-keys.toml:12: cache[0]: missing required key "url""#,
            #"missing-keys.toml:16: instance[0]: missing required key "url""#,
            #"missing-keys.toml:20: login: missing required key "user""#,
        ],
        "duplicate-names.toml": [
            #"duplicate-names.toml:9: shard[1].name: duplicate shard name "neon" (first on line 2)"#,
            #"duplicate-names.toml:26: instance[2].name: duplicate instance name "fly" (first on line 16)"#,
        ],
        "overlapping-ranges.toml": [
            "overlapping-ranges.toml:18: shard[2].users: ranges overlap: neon 1–7500 and supabase 7000–10000",
            "overlapping-ranges.toml:25: shard[3].users: ranges overlap: supabase 7000–10000 and planetscale 9000+",
            "overlapping-ranges.toml:32: shard[4].users: ranges overlap: planetscale 9000+ and extra 20000–30000",
        ],
        "gapped-ranges.toml": [
            "gapped-ranges.toml:5: shard[0].users: no users shard starts at 1: users 1–99 belong to no shard, and the ops schema lives on the shard whose range starts at 1",
            "gapped-ranges.toml:12: shard[1].users: gap between ranges: users 7501–7999 belong to no shard (neon 100–7500, supabase 8000–10000)",
        ],
        "bad-ranges.toml": [
            #"bad-ranges.toml:5: shard[0].users: only a users shard has a user range (this shard's role is "catalog")"#,
            #"bad-ranges.toml:8: shard[1]: missing required key "users" (a users shard needs its user range, e.g. users = [1, 7500])"#,
            "bad-ranges.toml:18: shard[2].users: last user 10 is below first user 7500 (write 0 as the last for no upper bound)",
            "bad-ranges.toml:25: shard[3].users: user ids start at 1 (found 0)",
            "bad-ranges.toml:32: shard[4].users: expected array of two integers [first, last], found an array of 3 elements",
        ],
        "two-state-caches.toml": [
            #"two-state-caches.toml:10: cache[1].role: more than one state cache: "upstash" (line 4) already has role "state""#,
            #"two-state-caches.toml:16: cache[2].role: more than one state cache: "upstash" (line 4) already has role "state""#,
        ],
        "no-state-cache.toml": [
            #"no-state-cache.toml:1: cache: no cache has role "state"; exactly one must hold the platform's shared state"#,
            "no-state-cache.toml:11: cache[1].url: must start with redis:// or rediss://",
        ],
        "missing-env.toml": [
            "missing-env.toml:3: login.password: environment variable STUDYSPOT_TEST_PASSWORD is not set",
            "missing-env.toml:10: shard[0].dsn: environment variable STUDYSPOT_TEST_HOST is not set",
            "missing-env.toml:10: shard[0].dsn: environment variable STUDYSPOT_TEST_PASSWORD is not set",
            "missing-env.toml:16: cache[0].url: environment variable STUDYSPOT_TEST_REDIS_PASSWORD is not set",
            #"missing-env.toml:19: console.theme: unterminated "${" (write ${NAME})"#,
        ],
        "bad-enums.toml": [
            #"bad-enums.toml:2: console.log_level: unknown log level "verbose"; expected one of trace, debug, info, notice, warning, error, critical"#,
            #"bad-enums.toml:7: shard[0].role: unknown role "user"; did you mean "users"?"#,
            #"bad-enums.toml:14: cache[0].role: unknown role "primary"; expected one of state, cache"#,
            #"bad-enums.toml:20: quota[0].unit: unknown unit "gigabytes"; expected one of GB, MB, hours, USD, emails, commands, requests, messages, credits, builds, users, events, errors, monitors, operations, rows, subscribers, databases, instances, days"#,
            #"bad-enums.toml:21: quota[0].period: unknown period "monthly"; did you mean "month"?"#,
            #"bad-enums.toml:22: quota[0].verdict: unknown verdict "ok"; expected one of confirmed, changed, gone, partly, unverified"#,
        ],
        "negative-and-empty.toml": [
            "negative-and-empty.toml:6: shard[0].dsn: must not be empty",
            "negative-and-empty.toml:9: cache[0].name: must not be empty",
            "negative-and-empty.toml:12: cache[0].url: must not be empty",
            "negative-and-empty.toml:18: instance[0].priority: must not be negative (found -1)",
            "negative-and-empty.toml:19: instance[0].weight: must not be negative (found -5)",
            "negative-and-empty.toml:24: instance[1].url: must start with http:// or https://",
        ],
        "quota-problems.toml": [
            "quota-problems.toml:4: quota[0].limit: must not be negative (found -100)",
            #"quota-problems.toml:6: quota[1]: missing required key "unit" ("acme-mail/emails-day" is not in the quota catalog, so this entry adds it)"#,
            #"quota-problems.toml:6: quota[1]: missing required key "period" ("acme-mail/emails-day" is not in the quota catalog, so this entry adds it)"#,
            #"quota-problems.toml:11: quota[2]: duplicate quota entry "vercel/bandwidth" (first on line 1)"#,
        ],
        "keys-and-sections.toml": [
            "keys-and-sections.toml:1: login: expected table ([login]), found string",
            "keys-and-sections.toml:4: keys.quit[1]: expected string, found integer",
            "keys-and-sections.toml:5: keys.help: expected string or array of strings, found integer",
            "keys-and-sections.toml:8: shard: expected array of tables ([[shard]]), found table",
        ],
        "turso-shards.toml": [
            "turso-shards.toml:6: shard[0].token: environment variable TURSO_TOKEN is not set",
            "turso-shards.toml:7: shard[0].dsn: a turso shard reached over HTTP has url and token, no dsn",
            #"turso-shards.toml:14: shard[1].url: only a turso shard is reached over HTTP (this shard's provider is "neon"; it needs a dsn)"#,
            #"turso-shards.toml:20: shard[2].role: a shard on Turso's HTTP API serves the catalog role only (this shard's role is "archive")"#,
            "turso-shards.toml:21: shard[2].url: must start with libsql://, https:// or http://",
            "turso-shards.toml:22: shard[2].token: must not be empty",
            #"turso-shards.toml:24: shard[3]: missing required key "url" (a turso shard needs url and token for Turso's HTTP API, or a dsn for a PostgreSQL stand-in)"#,
            #"turso-shards.toml:29: shard[4]: missing required key "token""#,
            #"turso-shards.toml:32: shard[4].role: a shard on Turso's HTTP API serves the catalog role only (this shard's role is "archive")"#,
        ],
    ]

    static func fixture(_ name: String) throws -> String {
        let directory = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
        return try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
    }

    @Test(arguments: expected.keys.sorted())
    func reportsExactlyTheseProblems(_ name: String) throws {
        let text = try Self.fixture(name)
        let problems = ConfigLoader.check(text: text, file: name, environment: ["STUDYSPOT_PASSWORD": "x"])
        #expect(problems.map(\.description) == Self.expected[name])
    }

    @Test func everyFixtureIsCovered() throws {
        let directory = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".toml") }
        #expect(Set(names) == Set(Self.expected.keys))
        #expect(names.count >= 12)
    }

    @Test func mutatedFilesNeverTrap() throws {
        // Every fixture and the defaults, with each line dropped or cut in half:
        // the checker must answer (with problems or without), never trap.
        var texts = [ConfigDefaults.text, QuotaCatalog.text]
        for name in Self.expected.keys { texts.append(try Self.fixture(name)) }
        for text in texts {
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            for index in lines.indices {
                var dropped = lines
                dropped.remove(at: index)
                _ = ConfigLoader.check(text: dropped.joined(separator: "\n"), file: "f", environment: [:])
                var cut = lines
                cut[index] = cut[index].prefix(cut[index].count / 2)
                _ = ConfigLoader.check(text: cut.joined(separator: "\n"), file: "f", environment: [:])
            }
        }
    }

    @Test func problemsCarryTheirParts() throws {
        let problems = ConfigLoader.check(text: try Self.fixture("overlapping-ranges.toml"), file: "config.toml", environment: [:])
        let first = try #require(problems.first)
        #expect(first.file == "config.toml")
        #expect(first.line == 18)
        #expect(first.keyPath == "shard[2].users")
        #expect(first.message == "ranges overlap: neon 1–7500 and supabase 7000–10000")
    }
}
