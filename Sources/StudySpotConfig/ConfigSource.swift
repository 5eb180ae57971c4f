/// Where the configuration was found (CONTRACT §2 lookup order).
public struct ConfigSource: Sendable, Hashable, CustomStringConvertible {
    public enum Origin: String, Sendable, Hashable {
        /// `--config PATH`
        case commandLine = "--config"
        /// `$STUDYSPOT_CONFIG`
        case environment = "$STUDYSPOT_CONFIG"
        /// `$XDG_CONFIG_HOME/studyspot/config.toml` or `~/.config/studyspot/config.toml`
        case userConfig = "user config"
        /// No file: the shipped defaults.
        case builtIn = "built-in defaults"
    }

    public var origin: Origin
    /// The file, nil for the built-in defaults.
    public var path: String?

    public init(origin: Origin, path: String?) { self.origin = origin; self.path = path }

    public static let builtIn = ConfigSource(origin: .builtIn, path: nil)

    /// The name used in problems: the path as given, or `built-in defaults`.
    public var displayName: String { path ?? Origin.builtIn.rawValue }
    public var description: String { path.map { "\($0) (\(origin.rawValue))" } ?? origin.rawValue }
}
