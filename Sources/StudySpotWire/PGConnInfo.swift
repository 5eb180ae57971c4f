/// A DSN read by libpq's own parser (`PQconninfoParse`), for checks that must
/// see what libpq will do: host, port, user, sslmode.
public enum PGConnInfo {
    /// Keyword → value of a key=value DSN or a postgresql:// URI; empty when libpq cannot parse it.
    public static func parse(_ dsn: String) -> [String: String] {
        PGConnection.parseConninfo(dsn)
    }

    /// True when every host is this machine (or a Unix socket), where TLS buys nothing.
    public static func isLoopback(_ parsed: [String: String]) -> Bool {
        PGConnection.isLoopback(parsed["hostaddr"] ?? parsed["host"])
    }

    /// The sslmode libpq will use: the DSN's, else the console's default (verify-full off loopback).
    public static func effectiveSSLMode(_ parsed: [String: String]) -> String {
        parsed["sslmode"] ?? PGConnection.defaultSSLMode(parsed) ?? "prefer"
    }
}
