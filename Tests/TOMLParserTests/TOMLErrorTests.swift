import Testing
@testable import TOMLParser

struct TOMLErrorTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var text: String
        var line: Int
        var column: Int
        var message: String
        var testDescription: String { message }
    }

    static let cases: [Case] = [
        // Keys and structure
        Case(text: "= 1", line: 1, column: 1, message: #"expected a key, found "=""#),
        Case(text: "a 1", line: 1, column: 3, message: #"expected "=" after key "a", found "1""#),
        Case(text: "a =", line: 1, column: 4, message: "expected a value, found end of file"),
        Case(text: "a =\nb = 1", line: 1, column: 4, message: "expected a value, found end of line"),
        Case(text: "a = 1 b = 2", line: 1, column: 7, message: #"expected end of line after value, found "b""#),
        Case(text: "a b = 1", line: 1, column: 3, message: #"expected "=" after key "a", found "b""#),
        Case(text: "a.. = 1", line: 1, column: 3, message: #"expected a key, found ".""#),
        Case(text: "\"\"\"k\"\"\" = 1", line: 1, column: 1, message: "a key cannot be a multi-line string"),
        Case(text: "x = 1\nx = 2", line: 2, column: 1, message: #"duplicate key "x" (first defined on line 1)"#),
        Case(text: "a.b = 1\na.b = 2", line: 2, column: 3, message: #"duplicate key "a.b" (first defined on line 1)"#),
        Case(text: "a = 1\na.b = 2", line: 2, column: 1, message: #"cannot add key "a.b": "a" is already defined as an integer on line 1"#),
        Case(text: "[t]\n[t]", line: 2, column: 2, message: "table [t] is defined twice (first on line 1)"),
        Case(text: "[a]\nb.c = 1\n[a.b]", line: 3, column: 4, message: "table [a.b] is already defined by a dotted key on line 2"),
        Case(text: "a = 1\n[a]", line: 2, column: 2, message: #"cannot define [a]: "a" is already defined as an integer on line 1"#),
        Case(text: "a = {x = 1}\n[a.b]", line: 2, column: 2, message: #"cannot define [a.b]: "a" is already defined as an inline table on line 1"#),
        Case(text: "a = {x = 1}\na.y = 2", line: 2, column: 1, message: #"cannot add key "a.y": "a" is already defined as an inline table on line 1"#),
        Case(text: "[a]\n[[a]]", line: 2, column: 3, message: #"cannot define [[a]]: "a" is already defined as a table on line 1"#),
        Case(text: "a = [1]\n[[a]]", line: 2, column: 3, message: #"cannot define [[a]]: "a" is already defined as an array on line 1"#),
        Case(text: "[[a]]\n[a]", line: 2, column: 2, message: #"cannot define [a]: "a" is already defined as an array of tables on line 1"#),
        Case(text: "[a.b.c]\n[a]\nb.c.d = 1", line: 3, column: 1, message: #"cannot add key "b.c.d": "b" is already defined as a table on line 1"#),
        Case(text: "[a\nb = 1", line: 1, column: 3, message: #"expected "]" to close the table header, found end of line"#),
        Case(text: "[[a] ]", line: 1, column: 5, message: #"expected "]]" to close the array-of-tables header, found " ""#),
        Case(text: "[a] x", line: 1, column: 5, message: #"expected end of line after table header, found "x""#),
        Case(text: "a = 1 # bell \u{7}", line: 1, column: 14, message: "control character U+0007 in a comment"),
        Case(text: "a = 1\rb = 2", line: 1, column: 6, message: "carriage return not followed by a line feed"),
        // Strings
        Case(text: "a = \"open", line: 1, column: 5, message: "unterminated string"),
        Case(text: "a = \"line\nb\"", line: 1, column: 5, message: #"unterminated string (use """ for a multi-line string)"#),
        Case(text: "a = 'open", line: 1, column: 5, message: "unterminated string"),
        Case(text: "\n\na = \"\"\"\nopen", line: 3, column: 5, message: "unterminated multi-line string"),
        Case(text: #"a = "bad \q""#, line: 1, column: 10, message: #"invalid escape sequence \q"#),
        Case(text: #"a = "\u12""#, line: 1, column: 6, message: #"\u needs 4 hexadecimal digits"#),
        Case(text: #"a = "\uD800""#, line: 1, column: 6, message: #"\uD800 is not a Unicode scalar value"#),
        Case(text: #"a = "\U00110000""#, line: 1, column: 6, message: #"\U00110000 is not a Unicode scalar value"#),
        Case(text: "a = \"x\u{1}\"", line: 1, column: 7, message: "control character U+0001 in a string must be escaped"),
        Case(text: "a = \"\"\"x\"\"\"\"\"\"", line: 1, column: 14, message: "too many quotes at the end of a multi-line string"),
        // Numbers, booleans, date-times
        Case(text: "a = users", line: 1, column: 5, message: #"invalid value "users" (strings need quotes)"#),
        Case(text: "a = True", line: 1, column: 5, message: #"invalid value "True" (strings need quotes)"#),
        Case(text: "a = 012", line: 1, column: 5, message: #"invalid integer "012""#),
        Case(text: "a = 1__2", line: 1, column: 5, message: #"invalid integer "1__2""#),
        Case(text: "a = _1", line: 1, column: 5, message: #"invalid value "_1" (strings need quotes)"#),
        Case(text: "a = 1_", line: 1, column: 5, message: #"invalid integer "1_""#),
        Case(text: "a = 0x", line: 1, column: 5, message: #"invalid integer "0x""#),
        Case(text: "a = 0xG1", line: 1, column: 5, message: #"invalid integer "0xG1""#),
        Case(text: "a = 9223372036854775808", line: 1, column: 5, message: "integer 9223372036854775808 does not fit in 64 bits"),
        Case(text: "a = 1.", line: 1, column: 5, message: #"invalid float "1.""#),
        Case(text: "a = 1.e5", line: 1, column: 5, message: #"invalid float "1.e5""#),
        Case(text: "a = 1e", line: 1, column: 5, message: #"invalid float "1e""#),
        Case(text: "a = 01.5", line: 1, column: 5, message: #"invalid float "01.5""#),
        Case(text: "a = 1979-13-01", line: 1, column: 5, message: #"invalid date-time "1979-13-01""#),
        Case(text: "a = 2023-02-29", line: 1, column: 5, message: #"invalid date-time "2023-02-29""#),
        Case(text: "a = 25:00:00", line: 1, column: 5, message: #"invalid date-time "25:00:00""#),
        Case(text: "a = 1979-05-27T07:32", line: 1, column: 5, message: #"invalid date-time "1979-05-27T07:32""#),
        // Arrays and inline tables
        Case(text: "a = [1 2]", line: 1, column: 8, message: #"expected "," or "]" in array, found "2""#),
        Case(text: "a = [1,\n2,\n", line: 3, column: 1, message: "unterminated array (opened on line 1)"),
        Case(text: "a = [,]", line: 1, column: 6, message: #"expected a value, found ",""#),
        Case(text: "a = {x = 1,}", line: 1, column: 12, message: "trailing comma in an inline table"),
        Case(text: "a = {x = 1\n}", line: 1, column: 11, message: "an inline table must stay on one line (use a [table] for more)"),
        Case(text: "a = {x = 1, x = 2}", line: 1, column: 13, message: #"duplicate key "x" (first defined on line 1)"#),
        Case(text: "a = {x = 1", line: 1, column: 11, message: "unterminated inline table (opened on line 1)"),
        Case(text: "a = {x = {y = 1}, x.z = 2}", line: 1, column: 19, message: #"cannot add key "x.z": "x" is already defined as an inline table on line 1"#),
        Case(text: "a = [1]]", line: 1, column: 8, message: #"expected end of line after value, found "]""#),
        // toml-test: tables cannot be reopened through dotted keys, static arrays or inline tables
        Case(text: "[a.b.c]\n  z = 9\n[a]\n  b.c.t = 1", line: 4, column: 3, message: #"cannot add key "b.c.t": "b" is already defined as a table on line 1"#),
        Case(text: "a = [{ b = 1 }]\n[a.c]", line: 2, column: 2, message: #"cannot define [a.c]: "a" is already defined as an array on line 1"#),
        Case(text: "[fruit]\napple.taste.sweet = true\n[fruit.apple.taste]", line: 3, column: 14, message: "table [fruit.apple.taste] is already defined by a dotted key on line 2"),
        Case(text: "tbl = { fruit = { apple.color = 1 }, fruit.apple.texture = 2 }", line: 1, column: 38, message: #"cannot add key "fruit.apple.texture": "fruit" is already defined as an inline table on line 1"#),
    ]

    @Test(arguments: cases)
    func reportsPositionAndMessage(_ c: Case) {
        do {
            let parsed = try TOML.parse(c.text)
            Issue.record("parsed without error: \(parsed.keys)")
        } catch {
            #expect(error.message == c.message)
            #expect(error.position == TOMLPosition(line: c.line, column: c.column))
            #expect(error.description == "line \(c.line), column \(c.column): \(c.message)")
        }
    }

    @Test func deepNestingMessage() {
        let deep = "a = " + String(repeating: "[", count: 200)
        do {
            _ = try TOML.parse(deep)
            Issue.record("expected an error")
        } catch {
            #expect(error.message == "nesting deeper than 128 levels")
            #expect(error.position == TOMLPosition(line: 1, column: 5 + 128))
        }
    }
}
