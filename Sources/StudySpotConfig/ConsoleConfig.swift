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

    public init(topology: Topology, login: LoginConfig?, quotas: [QuotaEntry], console: ConsoleSettings,
                keys: [String: [String]], keyLines: [String: Int], source: ConfigSource) {
        self.topology = topology; self.login = login; self.quotas = quotas; self.console = console
        self.keys = keys; self.keyLines = keyLines; self.source = source
    }

    /// The shipped defaults (the local stack's topology, the full quota catalog).
    public static var defaults: ConsoleConfig { ConfigDefaults.config }

    /// The quota entry for a provider's resource.
    public func quota(provider: String, resource: String) -> QuotaEntry? {
        quotas.first { $0.provider == provider && $0.resource == resource }
    }
}
