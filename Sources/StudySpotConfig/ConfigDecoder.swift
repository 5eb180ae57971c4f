import TOMLParser

/// Typed reads from a parsed document that record every problem instead of
/// stopping at the first: unknown keys, wrong types, missing keys, bad enum
/// values and unset environment variables. The sections themselves are read
/// in `ConfigDecoder+Sections.swift`.
struct ConfigDecoder {
    /// A table being read and where it sits, e.g. `shard[2]` on line 14.
    struct Context {
        var table: TOMLTable
        var path: String
        var line: Int

        func path(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }
    }

    let file: String
    let environment: [String: String]
    private(set) var problems: [ConfigProblem] = []

    init(file: String, environment: [String: String]) {
        self.file = file
        self.environment = environment
    }

    mutating func report(_ line: Int?, _ keyPath: String, _ message: String) {
        problems.append(ConfigProblem(file: file, line: line, keyPath: keyPath, message: message))
    }

    // MARK: Structure

    mutating func rejectUnknownKeys(_ context: Context, allowed: [String]) {
        for (key, node) in context.table.entries where !allowed.contains(key) {
            report(node.position.line, context.path(key),
                   "unknown key \"\(key)\"; " + NearestName.hint(for: key, among: allowed))
        }
    }

    mutating func missing(_ context: Context, _ key: String, _ why: String = "") {
        report(context.line, context.path, "missing required key \"\(key)\"" + why)
    }

    mutating func wrongType(_ node: TOMLNode, _ keyPath: String, expected: String) {
        report(node.position.line, keyPath, "expected \(expected), found \(node.value.typeName)")
    }

    /// The elements of `[[key]]`; nil when the document has none.
    mutating func tableArray(_ root: TOMLTable, _ key: String) -> [Context]? {
        guard let node = root[key] else { return nil }
        guard case .array(let elements) = node.value else {
            wrongType(node, key, expected: "array of tables ([[\(key)]])")
            return []
        }
        var contexts: [Context] = []
        for (index, element) in elements.enumerated() {
            let path = "\(key)[\(index)]"
            guard case .table(let table) = element.value else {
                wrongType(element, path, expected: "table")
                continue
            }
            contexts.append(Context(table: table, path: path, line: element.position.line))
        }
        return contexts
    }

    /// The table `[key]`; nil when absent or not a table (reported).
    mutating func table(_ root: TOMLTable, _ key: String) -> Context? {
        guard let node = root[key] else { return nil }
        guard case .table(let table) = node.value else {
            wrongType(node, key, expected: "table ([\(key)])")
            return nil
        }
        return Context(table: table, path: key, line: node.position.line)
    }

    // MARK: Values

    /// A string with `${NAME}` expanded; nil when absent (reported if required),
    /// of the wrong type or naming an unset variable (both reported).
    mutating func string(_ context: Context, _ key: String, required: Bool = false, nonEmpty: Bool = false) -> String? {
        guard let node = context.table[key] else {
            if required { missing(context, key) }
            return nil
        }
        guard case .string(let raw) = node.value else {
            wrongType(node, context.path(key), expected: "string")
            return nil
        }
        guard let value = expand(raw, line: node.position.line, keyPath: context.path(key)) else { return nil }
        if nonEmpty, value.allSatisfy(\.isWhitespace) {
            report(node.position.line, context.path(key), "must not be empty")
            return nil
        }
        return value
    }

    mutating func expand(_ raw: String, line: Int, keyPath: String) -> String? {
        let (value, failures) = Interpolation.expand(raw, environment: environment)
        for failure in failures {
            switch failure {
            case .missing(let name): report(line, keyPath, "environment variable \(name) is not set")
            case .malformed(let message): report(line, keyPath, message)
            }
        }
        return failures.isEmpty ? value : nil
    }

    mutating func integer(_ context: Context, _ key: String, required: Bool = false, minimum: Int64? = nil) -> Int64? {
        guard let node = context.table[key] else {
            if required { missing(context, key) }
            return nil
        }
        guard case .integer(let value) = node.value else {
            wrongType(node, context.path(key), expected: "integer")
            return nil
        }
        if let minimum, value < minimum {
            report(node.position.line, context.path(key),
                   minimum == 0 ? "must not be negative (found \(value))" : "must be at least \(minimum) (found \(value))")
            return nil
        }
        return value
    }

    /// An integer or a float.
    mutating func number(_ context: Context, _ key: String, required: Bool = false) -> Double? {
        guard let node = context.table[key] else {
            if required { missing(context, key) }
            return nil
        }
        guard let value = node.value.doubleValue else {
            wrongType(node, context.path(key), expected: "number")
            return nil
        }
        guard value.isFinite else {
            report(node.position.line, context.path(key), "must be a finite number")
            return nil
        }
        return value
    }

    mutating func boolean(_ context: Context, _ key: String) -> Bool? {
        guard let node = context.table[key] else { return nil }
        guard case .boolean(let value) = node.value else {
            wrongType(node, context.path(key), expected: "boolean")
            return nil
        }
        return value
    }

    /// A string that must be one of `allowed`; `what` names it in the message ("role").
    mutating func choice(_ context: Context, _ key: String, allowed: [String], what: String, required: Bool = false) -> String? {
        guard let value = string(context, key, required: required) else { return nil }
        guard allowed.contains(value) else {
            let line = context.table[key]?.position.line
            let shown = value.count > 40 ? String(value.prefix(40)) + "…" : value
            if let suggestion = NearestName.suggestion(for: value, among: allowed) {
                report(line, context.path(key), "unknown \(what) \"\(shown)\"; did you mean \"\(suggestion)\"?")
            } else {
                report(line, context.path(key), "unknown \(what) \"\(shown)\"; expected one of \(allowed.joined(separator: ", "))")
            }
            return nil
        }
        return value
    }

    func line(_ context: Context, _ key: String) -> Int {
        context.table[key]?.position.line ?? context.line
    }
}
