import StudySpotCore

/// The effective configuration: the user's file over the shipped defaults.
public struct ConsoleConfig: Sendable, Hashable {
    public var topology: Topology
    /// Who the console connects as on every shard (`[login]`), if not the DSNs' own users.
    public var login: LoginConfig?
    /// The shipped quota catalog with the file's `[[quota]]` overrides and extensions.
    public var quotas: [QuotaEntry]
    public var console: ConsoleSettings
    /// `[keys]`: action name → key names, as written. The UI layer checks the
    /// action and key names; `keyLines` gives each action's line for its messages.
    public var keys: [String: [String]]
    public var keyLines: [String: Int]
    /// Where this configuration came from.
    public var source: ConfigSource
    /// What loads but deserves a look: a file that leaves out some of the
    /// deployment's sections, whose defaults then apply (`ConfigLoader.coverage`).
    public var warnings: [ConfigProblem] = []
    /// Line of each shard's `dsn` in the file, by shard name (none for the defaults'),
    /// for checks that run after loading (`config check` parses each DSN with libpq).
    public var dsnLines: [String: Int] = [:]
    /// `[notify]`: the bell and desktop notification for a new critical alert.
    public var notify = NotifySettings()
    /// `[feed] source`: where booking changes come from (CONTRACT §10).
    public var feed = FeedSource.direct
    /// `[[collector]]`: the providers' usage APIs `studyspot collect` polls.
    public var collectors: [CollectorConfig] = []
    /// Line of each collector's `[[collector]]` header, in `collectors`' order (empty for the defaults').
    public var collectorLines: [Int] = []

    /// Why an owner's console shows nothing: it connects as the owner's
    /// database role, which `[login]` names. Nil when `[login]` is there.
    public var ownerLoginMissing: String? {
        guard login == nil else { return nil }
        let place = source.path.map { "\($0) (\(source.origin.rawValue))" } ?? "file (none is in use: built-in defaults)"
        return "owner role needs [login] user and password in the config \(place): "
            + "an owner's console connects as the owner's database role, which row-level security keeps to the owner's libraries"
    }

    /// Why an owner's console on the relay shows nothing: it reads
    /// `feed:owner:{[login] owner}` as the `[login] user`. Nil when it can.
    public var ownerRelayLoginMissing: String? {
        guard feed == .relay else { return nil }
        if let missing = ownerLoginMissing { return missing }
        guard login?.ownerId == nil else { return nil }
        let place = source.path.map { "\($0) (\(source.origin.rawValue))" } ?? "file (none is in use: built-in defaults)"
        return "owner role with [feed] source = \"relay\" needs [login] owner = ID (the owner whose db_role is [login] user) in the config \(place): "
            + "the console reads feed:owner:ID and has no database connection to look the owner up"
    }

    public init(topology: Topology, login: LoginConfig?, quotas: [QuotaEntry], console: ConsoleSettings,
                keys: [String: [String]], keyLines: [String: Int], source: ConfigSource) {
        self.topology = topology; self.login = login; self.quotas = quotas; self.console = console
        self.keys = keys; self.keyLines = keyLines; self.source = source
    }

    /// The shipped defaults (the local stack's topology, the full quota catalog).
    public static var defaults: ConsoleConfig { ConfigDefaults.config }

    /// The quota entry for a provider's resource (one account's, when given).
    public func quota(provider: String, resource: String, account: String? = nil) -> QuotaEntry? {
        quotas.first { $0.provider == provider && $0.resource == resource && $0.account == account }
    }
}
