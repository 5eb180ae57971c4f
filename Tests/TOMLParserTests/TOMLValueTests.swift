import Testing
@testable import TOMLParser

/// Parses `key = <value>` and returns the value.
private func value(_ literal: String) throws -> TOMLValue {
    let table = try TOML.parse("key = \(literal)\n")
    return try #require(table["key"]).value
}

struct TOMLValueTests {
    static let scalars: [(String, TOMLValue)] = [
        (#""plain""#, .string("plain")),
        (#""tab\there""#, .string("tab\there")),
        (#""quote \" back \\ nl \n cr \r ff \f bs \b""#, .string("quote \" back \\ nl \n cr \r ff \u{0C} bs \u{08}")),
        (#""\u00e9\U0001F600""#, .string("é😀")),
        (#""देवनागरी 😀""#, .string("देवनागरी 😀")),
        (#"'C:\Users\nodejs'"#, .string(#"C:\Users\nodejs"#)),
        (#"'<\i\c*\s*>'"#, .string(#"<\i\c*\s*>"#)),
        ("\"\"\"\nRoses\nViolets\"\"\"", .string("Roses\nViolets")),
        ("\"\"\"one \\\n     two \\\n  \n  three\"\"\"", .string("one two three")),
        ("\"\"\"ends with \"\"\"\"\"", .string("ends with \"\"")),
        ("'''\nfirst\n  raw \\n '''", .string("first\n  raw \\n ")),
        ("''''quoted'''''", .string("'quoted''")),
        ("42", .integer(42)),
        ("+17", .integer(17)),
        ("-17", .integer(-17)),
        ("0", .integer(0)),
        ("-0", .integer(0)),
        ("1_000_000", .integer(1_000_000)),
        ("0xDEAD_beef", .integer(0xDEAD_BEEF)),
        ("0o755", .integer(0o755)),
        ("0b1101", .integer(13)),
        ("9223372036854775807", .integer(Int64.max)),
        ("-9223372036854775808", .integer(Int64.min)),
        ("3.1415", .float(3.1415)),
        ("-0.01", .float(-0.01)),
        ("5e+22", .float(5e22)),
        ("1e06", .float(1e6)),
        ("-2E-2", .float(-2e-2)),
        ("6.626e-34", .float(6.626e-34)),
        ("224_617.445_991", .float(224_617.445_991)),
        ("inf", .float(.infinity)),
        ("+inf", .float(.infinity)),
        ("-inf", .float(-.infinity)),
        ("true", .boolean(true)),
        ("false", .boolean(false)),
        ("1979-05-27T07:32:00Z", .datetime("1979-05-27T07:32:00Z")),
        ("1979-05-27T00:32:00.999999-07:00", .datetime("1979-05-27T00:32:00.999999-07:00")),
        ("1979-05-27 07:32:00Z", .datetime("1979-05-27 07:32:00Z")),
        ("1979-05-27T07:32:00", .datetime("1979-05-27T07:32:00")),
        ("1979-05-27", .datetime("1979-05-27")),
        ("07:32:00", .datetime("07:32:00")),
        ("2024-02-29", .datetime("2024-02-29")),
    ]

    @Test(arguments: scalars)
    func parsesScalar(literal: String, expected: TOMLValue) throws {
        #expect(try value(literal) == expected)
    }

    @Test func nanIsAFloat() throws {
        for literal in ["nan", "+nan", "-nan"] {
            guard case .float(let v) = try value(literal) else { Issue.record("not a float: \(literal)"); continue }
            #expect(v.isNaN)
        }
    }

    @Test func arraysMayBeMixedNestedMultilineWithTrailingComma() throws {
        let parsed = try value("""
        [
          1, # one
          "two",
          [3.0, [true]],
          { x = 1 },
        ]
        """)
        let elements = try #require(parsed.arrayValue)
        #expect(elements.map(\.value.typeName) == ["integer", "string", "array", "table"])
        #expect(elements.map(\.position.line) == [2, 3, 4, 5])
        #expect(elements[3].value.tableValue?["x"]?.value == .integer(1))
        #expect(try value("[]") == .array([]))
    }

    @Test func inlineTablesHoldDottedKeys() throws {
        let parsed = try #require(try value(#"{ name = "x", point.x = 1, point.y = 2 }"#).tableValue)
        #expect(parsed.keys == ["name", "point"])
        let point = try #require(parsed["point"]?.value.tableValue)
        #expect(point["y"]?.value == .integer(2))
        #expect(try value("{}") == .table(TOMLTable(position: TOMLPosition(line: 1, column: 7))))
    }
}
