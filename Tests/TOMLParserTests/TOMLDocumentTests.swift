import Testing
@testable import TOMLParser

struct TOMLDocumentTests {
    @Test func keysTablesAndPositions() throws {
        let doc = try TOML.parse("""
        # a comment
        title = "t"   # trailing comment
        "quoted key" = 1
        'literal' = 2
        a.b . c = 3
        3.14 = "pi"

        [server]
          host = "h"
        [server.tls]
        on = true
        [[shard]]
        name = "one"
        [[shard]]
        name = "two"
          [shard.extra]
          k = 1
        """)
        #expect(doc.keys == ["title", "quoted key", "literal", "a", "3", "server", "shard"])
        #expect(doc["title"]?.position == TOMLPosition(line: 2, column: 1))
        #expect(doc.node(at: ["a", "b", "c"])?.value == .integer(3))
        #expect(doc.node(at: ["a", "b", "c"])?.position == TOMLPosition(line: 5, column: 7))
        #expect(doc.node(at: ["3", "14"])?.value == .string("pi"))
        #expect(doc.node(at: ["server", "host"])?.position == TOMLPosition(line: 9, column: 3))
        #expect(doc.node(at: ["server", "tls", "on"])?.value == .boolean(true))
        #expect(doc["server"]?.position.line == 8)

        let shards = try #require(doc["shard"]?.value.arrayValue)
        #expect(shards.count == 2)
        #expect(shards.map(\.position.line) == [12, 14])
        #expect(shards[1].value.tableValue?.position.line == 14)
        #expect(shards[1].value.tableValue?.node(at: ["extra", "k"])?.value == .integer(1))
        #expect(shards[0].value.tableValue?["name"]?.position == TOMLPosition(line: 13, column: 1))
    }

    @Test func implicitTableMayBeDefinedLater() throws {
        let doc = try TOML.parse("[a.b.c]\nz = 1\n[a]\nx = 2\n")
        #expect(doc.node(at: ["a", "x"])?.value == .integer(2))
        #expect(doc["a"]?.position.line == 3)
    }

    @Test func subTablesOfDottedTablesAreAllowed() throws {
        let doc = try TOML.parse("[fruit]\napple.color = \"red\"\n[fruit.apple.texture]\nsmooth = true\n")
        #expect(doc.node(at: ["fruit", "apple", "texture", "smooth"])?.value == .boolean(true))
    }

    @Test func crlfLineEndingsAndColumnsCountCharacters() throws {
        let doc = try TOML.parse("a = 1\r\n\"näme\" = \"é\"\r\n")
        #expect(doc["a"]?.value == .integer(1))
        #expect(doc["näme"]?.position == TOMLPosition(line: 2, column: 1))
        do {
            _ = try TOML.parse("\"é\" = 1 x")
            Issue.record("expected an error")
        } catch {
            #expect(error.position == TOMLPosition(line: 1, column: 9))
        }
    }

    @Test func spacingQuotingAndOddButValidForms() throws {
        let doc = try TOML.parse(#"""
        \#u{FEFF}a=1
        "" = "empty key"
        [ t . "u v" ]
        s = """
        """
        d = 1979-05-27t07:32:00z
        e = 1979-05-27 # a date, then a comment
        f = -0e0
        g = 1e1_0
        [[ arr ]]
        """#)
        #expect(doc["a"]?.value == .integer(1))
        #expect(doc["a"]?.position == TOMLPosition(line: 1, column: 1))
        #expect(doc[""]?.value == .string("empty key"))
        #expect(doc.node(at: ["t", "u v", "s"])?.value == .string(""))
        #expect(doc.node(at: ["t", "u v", "d"])?.value == .datetime("1979-05-27t07:32:00z"))
        #expect(doc.node(at: ["t", "u v", "e"])?.value == .datetime("1979-05-27"))
        #expect(doc.node(at: ["t", "u v", "g"])?.value == .float(1e10))
        #expect(doc["arr"]?.value.arrayValue?.count == 1)
    }

    @Test func emptyDocumentIsAnEmptyTable() throws {
        #expect(try TOML.parse("").keys.isEmpty)
        #expect(try TOML.parse("\n# only\n\n").keys.isEmpty)
    }

    @Test func arrayOfTablesNestedUnderArrayElement() throws {
        let doc = try TOML.parse("""
        [[fruits]]
        name = "apple"
        [[fruits.varieties]]
        name = "red"
        [[fruits.varieties]]
        name = "green"
        [[fruits]]
        name = "banana"
        """)
        let fruits = try #require(doc["fruits"]?.value.arrayValue)
        #expect(fruits.count == 2)
        #expect(fruits[0].value.tableValue?["varieties"]?.value.arrayValue?.count == 2)
        #expect(fruits[1].value.tableValue?["varieties"] == nil)
    }

    @Test func deepNestingIsRefusedNotCrashed() {
        let deep = "a = " + String(repeating: "[", count: 5000) + String(repeating: "]", count: 5000)
        #expect(throws: TOMLParseError.self) { try TOML.parse(deep) }
        let deepTables = "a = " + String(repeating: "{b = ", count: 5000) + "1" + String(repeating: "}", count: 5000)
        #expect(throws: TOMLParseError.self) { try TOML.parse(deepTables) }
        let deepKey = (0..<300).map { "k\($0)" }.joined(separator: ".") + " = 1"
        #expect(throws: TOMLParseError.self) { try TOML.parse(deepKey) }
        let fine = "a = " + String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
        #expect((try? TOML.parse(fine)) != nil)
    }

    /// Parses `text` twice: the outcome is the same both times, and a refusal
    /// names a line and column inside the text and says what is wrong. Nil
    /// when all that holds (true: parsed, false: refused), else the problem.
    static func check(_ text: String) -> (parsed: Bool, problem: String?) {
        let first = Result { () throws(TOMLParseError) in try TOML.parse(text) }
        let second = Result { () throws(TOMLParseError) in try TOML.parse(text) }
        // Or as text: a parsed `nan` is not equal to itself.
        guard first == second || "\(first)" == "\(second)" else { return (false, "two parses differ: \(text.debugDescription)") }
        switch first {
        case .success:
            return (true, nil)
        case .failure(let e):
            // Lines by LF bytes (as a String, CR LF is one Character, not an LF).
            let lines = text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
            let p = e.position
            guard p.line >= 1, p.line <= lines.count, p.column >= 1, p.column <= lines[p.line - 1].count + 1 else {
                return (false, "error at \(p) outside the text: \(text.debugDescription)")
            }
            return (false, e.message.isEmpty ? "error without a message: \(text.debugDescription)" : nil)
        }
    }

    @Test func randomInputNeverTraps() {
        // Deterministic xorshift so a failure reproduces.
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> UInt64 {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17
            return state
        }
        let alphabet = Array("ab1_-.=\"'[]{},#\\\n\r\t :+eE0x\u{0}é😀tfinu$".unicodeScalars)
        var parsed = 0, problems: [String] = []
        for _ in 0..<20_000 {
            let length = Int(next() % 40)
            var text = ""
            for _ in 0..<length { text.unicodeScalars.append(alphabet[Int(next() % UInt64(alphabet.count))]) }
            let (ok, problem) = Self.check(text)
            if ok { parsed += 1 }
            if let problem { problems.append(problem) }
        }
        #expect(problems.count == 0, "\(problems.count) bad outcomes, e.g. \(problems.prefix(3))")
        // Both outcomes are reached: the noise is neither all refused nor all accepted.
        #expect(parsed > 100 && parsed < 19_000, "\(parsed) of 20,000 parsed")
    }

    @Test func manyArrayTablesStayFast() throws {
        let text = String(repeating: "[[item]]\nname = \"x\"\n", count: 20_000)
        let items = try #require(try TOML.parse(text)["item"]?.value.arrayValue)
        #expect(items.count == 20_000)
        #expect(items.last?.position.line == 39_999)
    }

    @Test func garbageNeverTraps() {
        // A cheap deterministic fuzz: every prefix and byte-flip of a rich document.
        let source = """
        a = "x\\u00e9" # c
        b = [1, 2.5e3, 0x1F, { c = 'd' }, 1979-05-27T07:32:00Z]
        [t.u]
        "k" = '''
        m'''
        [[arr]]
        z = true
        """
        let scalars = Array(source.unicodeScalars)
        var parsed = 0, tried = 0, problems: [String] = []
        func look(_ text: String) {
            tried += 1
            let (ok, problem) = Self.check(text)
            if ok { parsed += 1 }
            if let problem { problems.append(problem) }
        }
        for end in 0...scalars.count {
            var text = ""
            text.unicodeScalars.append(contentsOf: scalars[0..<end])
            look(text)
        }
        // The whole document is fine: the noise below is what breaks it.
        let whole = try? TOML.parse(source)
        #expect(whole?["a"]?.value == .string("xé") && whole?["arr"]?.value.arrayValue?.count == 1)
        let noise: [Unicode.Scalar] = ["\"", "'", "[", "]", "{", "}", "=", ".", ",", "\n", "\\", "#", "\u{0}", "é"]
        for position in 0..<scalars.count {
            for replacement in noise {
                var mutated = scalars
                mutated[position] = replacement
                var text = ""
                text.unicodeScalars.append(contentsOf: mutated)
                look(text)
            }
        }
        #expect(problems.count == 0, "\(problems.count) bad outcomes, e.g. \(problems.prefix(3))")
        #expect(parsed > 0 && parsed < tried, "\(parsed) of \(tried) parsed")
    }
}
