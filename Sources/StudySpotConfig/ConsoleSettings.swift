/// The `[console]` table: how the console itself behaves.
public struct ConsoleSettings: Sendable, Hashable {
    /// Log levels `--log-level` and `log_level` accept (swift-log's names).
    public static let logLevels = ["trace", "debug", "info", "notice", "warning", "error", "critical"]

    /// Seconds between refreshes of polled panes (`refresh_seconds`).
    public var refreshSeconds: Double
    /// Theme name, a file in `Themes/` without `.toml` (`theme`).
    public var theme: String
    /// Share of each free-tier quota the console may spend watching it (`budget_percent`).
    public var budgetPercent: Double
    /// One of `logLevels` (`log_level`).
    public var logLevel: String
    /// The status bar's clock shows seconds (`clock_seconds`); off by
    /// default, so an idle screen changes once a minute, not every second.
    public var clockSeconds: Bool

    public init(refreshSeconds: Double = 2, theme: String = "dark", budgetPercent: Double = 2, logLevel: String = "info",
                clockSeconds: Bool = false) {
        self.refreshSeconds = refreshSeconds; self.theme = theme
        self.budgetPercent = budgetPercent; self.logLevel = logLevel; self.clockSeconds = clockSeconds
    }
}
