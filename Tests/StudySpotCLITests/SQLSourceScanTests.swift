import Foundation
import Testing

/// A source scan: every SQL text handed to `PGConnection` (`query`,
/// `execute(script:)`, `copyIn`) is a literal, or a `static let` literal, and
/// splices nothing in by string interpolation except identifiers and literals
/// quoted by libpq (`quoteIdentifier` / `quoteLiteral`) and other SQL
/// constants. The few statements that are SQL by nature (schema migrations,
/// the server's own index definitions) are listed with their reason. Data
/// travels as `$n` parameters; a new interpolation fails this test.
@Suite("Security: no SQL built by string interpolation")
struct SQLSourceScanTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// (file name, argument) → why it is not a literal.
    static let reviewed: [String: String] = [
        "SchemaPlan.swift|object.probe": "catalog probes: compile-time constants in ConsoleSchema (SchemaObjects.swift)",
        "SchemaAdoption.swift|step.sql": "schema DDL: compile-time scripts in ConsoleSchema (SchemaObjects.swift)",
        "SchemaApplier.swift|sql": "CREATE ROLE built only from quoteIdentifier/quoteLiteral (checked below)",
        "Seeder.swift|d": "index definitions returned by the server's own pg_get_indexdef",
        "ConsoleStatementsExplain.swift|explain": "EXPLAIN in front of the registry's own constants, each scanned here",
    ]

    struct Call: CustomStringConvertible {
        var file: String, line: Int, method: String, argument: String
        var description: String { "\(file):\(line): \(method)(\(argument.prefix(120)))" }
    }

    @Test func everyStatementIsALiteralOrAReviewedConstant() throws {
        let files = try Self.swiftFiles(under: Self.root.appendingPathComponent("Sources"))
        #expect(files.count > 50)
        var sources: [String: String] = [:]
        for f in files { sources[f.lastPathComponent] = try String(contentsOf: f, encoding: .utf8) }
        let constants = Self.staticStringConstants(sources.values.joined(separator: "\n"))
        var calls: [Call] = []
        var problems: [String] = []
        for f in files where f.lastPathComponent != "PGConnection.swift" {
            let text = sources[f.lastPathComponent]!
            // Raw libpq entry points belong to PGConnection only.
            // (LocalStackProbe's set-up query is the one other: its callers are scanned as `postgresQuery`.)
            for raw in ["PQexec", "PQsendQuery", "PQprepare", "PQsendPrepare"] where text.contains(raw + "(")
                && !(raw == "PQexec" && f.lastPathComponent == "LocalStackProbe.swift") {
                problems.append("\(f.lastPathComponent): calls \(raw) directly")
            }
            calls += Self.calls(in: text, file: f.lastPathComponent)
        }
        #expect(calls.contains { $0.method == "postgresQuery" })
        #expect(calls.count > 60, "the scan found too few calls to be looking at the right thing")
        for c in calls {
            var arg = c.argument.trimmingCharacters(in: .whitespacesAndNewlines)
            // The registry hands out the same constants by name.
            if arg.hasPrefix("ConsoleStatements.named(\""), arg.hasSuffix("\")") {
                arg = String(arg.dropFirst("ConsoleStatements.named(\"".count).dropLast(2))
            }
            if arg.hasPrefix("\"") {
                // Literals joined with `+` only: nothing else may be concatenated in.
                let rest = Self.strippingLiterals(arg).filter { !$0.isWhitespace && $0 != "+" }
                if !rest.isEmpty { problems.append("\(c): concatenates \(rest) into the SQL") }
                for expr in Self.interpolations(arg) where !Self.allowedInterpolation(expr, constants) {
                    problems.append("\(c): interpolates \\(\(expr))")
                }
            } else if let key = Optional("\(c.file)|\(arg)"), Self.reviewed[key] != nil {
                continue
            } else if let name = arg.split(separator: ".").last.map(String.init), let literal = constants[name] {
                for expr in Self.interpolations(literal) where !Self.allowedInterpolation(expr, constants) {
                    problems.append("\(c): constant \(name) interpolates \\(\(expr))")
                }
            } else {
                problems.append("\(c): SQL is not a literal (a variable or expression)")
            }
        }
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
    }

    @Test func theReviewedCreateRoleQuotesEverything() throws {
        let text = try String(contentsOf: Self.root.appendingPathComponent("Sources/StudySpotSchema/SchemaApplier.swift"), encoding: .utf8)
        let lines = text.split(separator: "\n").filter { $0.contains("sql") && ($0.contains("var sql") || $0.contains("sql +=")) }
        #expect(lines.count == 2)
        for l in lines {
            for expr in Self.interpolations(String(l)) { #expect(Self.allowedInterpolation(expr, [:]), "\(l)") }
        }
    }

    @Test func theScannerCatchesInterpolation() {
        let bad = #"""
        try c.query("SELECT * FROM t WHERE name = '\(name)'")
        try c.query("SELECT 1", [x]); try c.query(sql)
        try conn.execute(script: "DROP TABLE \(table)")
        """#
        let found = Self.calls(in: bad, file: "x.swift")
        #expect(found.map(\.method) == ["query", "query", "query", "execute"])
        #expect(Self.interpolations(found[0].argument) == ["name"])
        #expect(!Self.allowedInterpolation("name", [:]))
        #expect(Self.allowedInterpolation("try conn.quoteIdentifier(owner.role)", [:]))
        #expect(Self.interpolations(found[3].argument) == ["table"])
    }

    // MARK: scanning

    static func swiftFiles(under dir: URL) throws -> [URL] {
        let e = FileManager.default.enumerator(at: dir, includingPropertiesForKeys: nil)!
        return e.compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" }
    }

    /// `.query(`, `.execute(script:`, `.copyIn(` calls with their first argument.
    static func calls(in text: String, file: String) -> [Call] {
        let chars = Array(text)
        var out: [Call] = []
        var i = 0
        var line = 1
        let needles: [(String, String)] = [(".query(", "query"), (".execute(script:", "execute"), (".copyIn(", "copyIn"), ("try query(", "query"),
                                                (".postgresQuery(conninfo, ", "postgresQuery")]
        while i < chars.count {
            if chars[i] == "\n" { line += 1 }
            if let (needle, method) = needles.first(where: { n in Self.matches(chars, i, n.0) }) {
                let start = i + needle.count
                let arg = firstArgument(chars, from: start)
                out.append(Call(file: file, line: line, method: method, argument: arg))
                i = start
                continue
            }
            i += 1
        }
        return out
    }

    static func matches(_ chars: [Character], _ i: Int, _ s: String) -> Bool {
        var j = i
        for c in s { guard j < chars.count, chars[j] == c else { return false }; j += 1 }
        return true
    }

    /// The text up to the first top-level `,` or `)`, skipping string literals and nesting.
    static func firstArgument(_ chars: [Character], from start: Int) -> String {
        var i = start, depth = 0
        while i < chars.count {
            if matches(chars, i, "\"\"\"") {
                // Multi-line literal: up to the closing quotes.
                var j = i + 3
                while j < chars.count && !matches(chars, j, "\"\"\"") { j += 1 }
                i = j + 3
                continue
            }
            let c = chars[i]
            if c == "\"" {
                var j = i + 1
                var interp = 0
                while j < chars.count {
                    if chars[j] == "\\" && j + 1 < chars.count && chars[j + 1] == "(" { interp += 1; j += 2; continue }
                    if interp > 0 && chars[j] == "(" { interp += 1 } else if interp > 0 && chars[j] == ")" { interp -= 1 }
                    else if chars[j] == "\\" { j += 2; continue }
                    else if chars[j] == "\"" && interp == 0 { break }
                    j += 1
                }
                i = j + 1
                continue
            }
            if c == "(" || c == "[" || c == "{" { depth += 1 }
            if c == ")" || c == "]" || c == "}" {
                if depth == 0 { break }
                depth -= 1
            }
            if c == "," && depth == 0 { break }
            i += 1
        }
        return String(chars[start..<min(i, chars.count)])
    }

    /// The argument with every string literal removed.
    static func strippingLiterals(_ arg: String) -> String {
        let chars = Array(arg)
        var out = "", i = 0
        while i < chars.count {
            if matches(chars, i, "\"\"\"") {
                var j = i + 3
                while j < chars.count && !matches(chars, j, "\"\"\"") { j += 1 }
                i = j + 3; continue
            }
            if chars[i] == "\"" {
                var j = i + 1, interp = 0
                while j < chars.count {
                    if chars[j] == "\\" && j + 1 < chars.count && chars[j + 1] == "(" { interp += 1; j += 2; continue }
                    if interp > 0 && chars[j] == "(" { interp += 1 } else if interp > 0 && chars[j] == ")" { interp -= 1 }
                    else if chars[j] == "\\" { j += 2; continue }
                    else if chars[j] == "\"" && interp == 0 { break }
                    j += 1
                }
                i = j + 1; continue
            }
            out.append(chars[i]); i += 1
        }
        return out
    }

    /// The expressions inside `\( … )` of a literal.
    static func interpolations(_ literal: String) -> [String] {
        let chars = Array(literal)
        var out: [String] = []
        var i = 0
        while i + 1 < chars.count {
            if chars[i] == "\\" && chars[i + 1] == "(" {
                var depth = 1, j = i + 2
                while j < chars.count && depth > 0 {
                    if chars[j] == "(" { depth += 1 } else if chars[j] == ")" { depth -= 1 }
                    j += 1
                }
                out.append(String(chars[(i + 2)..<(j - 1)]))
                i = j
                continue
            }
            i += 1
        }
        return out
    }

    /// Quoted by libpq, or another SQL constant.
    static func allowedInterpolation(_ expr: String, _ constants: [String: String]) -> Bool {
        let e = expr.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "try ", with: "")
        if e.range(of: #"^[A-Za-z_][A-Za-z0-9_]*\.quote(Identifier|Literal)\("#, options: .regularExpression) != nil { return true }
        if let literal = constants[e] { return interpolations(literal).allSatisfy { allowedInterpolation($0, constants) } }
        return false
    }

    /// `static let NAME = "…"` / `"""…"""` across the sources: name → literal.
    static func staticStringConstants(_ text: String) -> [String: String] {
        var out: [String: String] = [:]
        let pattern = #"static let ([A-Za-z_][A-Za-z0-9_]*)(?:: String)? = ("""[\s\S]*?"""|"(?:[^"\\\n]|\\.)*")"#
        let re = try! NSRegularExpression(pattern: pattern)
        let ns = text as NSString
        for m in re.matches(in: text, range: NSRange(location: 0, length: ns.length)) {
            out[ns.substring(with: m.range(at: 1))] = ns.substring(with: m.range(at: 2))
        }
        return out
    }
}
