import StudySpotCore

/// The shipped defaults: the scaling plan's topology pointing at the local
/// stack on 127.0.0.1, parsed by the same code as any user file.
///
/// A user file replaces a whole section (`[[shard]]`, `[[cache]]`,
/// `[[instance]]`) when it has one and keeps the defaults' otherwise, with a
/// warning (a file with none of them is refused: `ConfigLoader.coverage`);
/// `[console]` and `[keys]` are merged key by key; `[[quota]]` entries
/// override or extend the catalog. The defaults carry no password: the local
/// stack writes its own config file (see `ConfigWriter`).
public enum ConfigDefaults {
    public static let text = """
    # StudySpot Console — shipped defaults (the scaling plan's topology on the local stack).

    [console]
    refresh_seconds = 2     # seconds between refreshes of polled panes
    theme = "dark"          # a file in Themes/ without .toml
    budget_percent = 2      # share of each free-tier quota the console may spend watching it
    log_level = "info"      # trace | debug | info | notice | warning | error | critical

    [[shard]]
    name = "catalog"
    provider = "turso"
    role = "catalog"
    dsn = "host=127.0.0.1 port=54320 dbname=studyspot user=studyspot"

    [[shard]]
    name = "neon"
    provider = "neon"
    role = "users"
    users = [1, 7500]
    dsn = "host=127.0.0.1 port=54321 dbname=studyspot user=studyspot"

    [[shard]]
    name = "supabase"
    provider = "supabase"
    role = "users"
    users = [7501, 10000]
    dsn = "host=127.0.0.1 port=54322 dbname=studyspot user=studyspot"

    [[shard]]
    name = "planetscale"
    provider = "planetscale"
    role = "users"
    users = [10001, 0]      # 0: no upper bound
    dsn = "host=127.0.0.1 port=54323 dbname=studyspot user=studyspot"

    [[shard]]
    name = "xata"
    provider = "xata"
    role = "archive"
    dsn = "host=127.0.0.1 port=54324 dbname=studyspot user=studyspot"

    [[cache]]
    name = "upstash"
    provider = "upstash"
    role = "cache"
    url = "redis://127.0.0.1:54330/0"
    command_limit = 10000   # the plan's 10,000 commands a day

    [[cache]]
    name = "railway-redis"
    provider = "railway"
    role = "state"
    url = "redis://127.0.0.1:54331/0"
    memory_mb = 512

    [[cache]]
    name = "redis-cloud"
    provider = "redis-cloud"
    role = "cache"
    url = "redis://127.0.0.1:54332/0"
    memory_mb = 30

    [[instance]]
    name = "railway"
    provider = "railway"
    url = "http://127.0.0.1:7101"
    priority = 1
    weight = 60
    sleeps = false

    [[instance]]
    name = "render-1"
    provider = "render"
    url = "http://127.0.0.1:7102"
    priority = 2
    weight = 20
    sleeps = true

    [[instance]]
    name = "render-2"
    provider = "render"
    url = "http://127.0.0.1:7103"
    priority = 2
    weight = 15
    sleeps = true

    [[instance]]
    name = "fly"
    provider = "fly"
    url = "http://127.0.0.1:7104"
    priority = 3
    weight = 3
    sleeps = true

    [[instance]]
    name = "koyeb"
    provider = "koyeb"
    url = "http://127.0.0.1:7105"
    priority = 4
    weight = 2
    sleeps = true

    # The plan runs two Render accounts, each with its own 750 instance hours a
    # month; render-1 and render-2 above count against the account of their name.
    [[quota]]
    provider = "render"
    resource = "compute"
    account = "render-1"

    [[quota]]
    provider = "render"
    resource = "compute"
    account = "render-2"
    """

    /// The name problems in the defaults would carry.
    public static let fileName = "built-in defaults"

    static let loaded: (config: ConsoleConfig?, problems: [ConfigProblem]) = {
        let empty = ConsoleConfig(topology: Topology(shards: [], caches: [], instances: []), login: nil,
                                  quotas: QuotaCatalog.entries, console: ConsoleSettings(),
                                  keys: [:], keyLines: [:], source: .builtIn)
        let (config, problems) = ConfigLoader.evaluate(text: text, file: fileName, environment: [:],
                                                       source: .builtIn, base: empty)
        return (config ?? empty, problems + QuotaCatalog.problems)
    }()

    /// The defaults as a configuration.
    public static var config: ConsoleConfig {
        loaded.config ?? ConsoleConfig(topology: Topology(shards: [], caches: [], instances: []), login: nil,
                                       quotas: QuotaCatalog.entries, console: ConsoleSettings(),
                                       keys: [:], keyLines: [:], source: .builtIn)
    }

    /// Problems in the shipped defaults or catalog (a test keeps this empty).
    public static var problems: [ConfigProblem] { loaded.problems }
}
