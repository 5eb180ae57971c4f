/// A TOML 1.0 parser that keeps the position of every key.
///
/// Written in pure Swift rather than wrapping a C library so that every node
/// can carry its line and column (for `config check` messages) and so that
/// it can be fuzzed: it never traps on input and nests at most
/// `TOML.maximumDepth` levels deep.
public enum TOML {
    /// Deepest nesting of tables and arrays a document may have.
    public static let maximumDepth = 128

    /// Parses a TOML document.
    public static func parse(_ text: String) throws(TOMLParseError) -> TOMLTable {
        var parser = TOMLDocumentParser(text: text)
        return try parser.parseDocument()
    }
}
