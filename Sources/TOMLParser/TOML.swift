public enum TOML {
    /// Parses a TOML document. Placeholder until the parser lands.
    public static func parse(_ text: String) throws(TOMLParseError) -> TOMLTable {
        throw TOMLParseError(message: "TOML parser not implemented yet", position: TOMLPosition(line: 1, column: 1))
    }
}
