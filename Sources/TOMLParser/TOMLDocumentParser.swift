/// The document level of the parser: lines, keys, `[table]` and
/// `[[array]]` headers and the rules about defining a table twice.
/// Values live in `TOMLDocumentParser+Values.swift`.
struct TOMLDocumentParser {
    let bytes: [UInt8]
    var index = 0
    var line = 1
    var lineStart = 0
    // Columns are counted in Unicode scalars; the cache keeps repeated
    // lookups on one long line linear.
    private var columnCacheLineStart = -1
    private var columnCacheIndex = 0
    private var columnCacheColumn = 1

    init(text: String) {
        bytes = Array(text.utf8)
    }

    // MARK: Document

    mutating func parseDocument() throws(TOMLParseError) -> TOMLTable {
        let root = BuildTable(origin: .header, position: TOMLPosition(line: 1, column: 1), depth: 0)
        var current = root
        // A byte-order mark some editors write is not content.
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            index = 3
            lineStart = 3
        }
        while true {
            skipSpaces()
            guard let byte = peek() else { break }
            switch byte {
            case UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                try consumeNewline()
            case UInt8(ascii: "#"):
                try skipComment()
            case UInt8(ascii: "["):
                current = try parseHeader(root: root)
                try expectLineEnd(after: "table header")
            default:
                try parseKeyValue(into: current)
                try expectLineEnd(after: "value")
            }
        }
        return root.freeze()
    }

    private mutating func parseKeyValue(into table: BuildTable) throws(TOMLParseError) {
        let key = try parseKey()
        skipSpaces()
        guard peek() == UInt8(ascii: "=") else {
            throw error("expected \"=\" after key \(display(key)), found \(describeCurrent())")
        }
        index += 1
        skipSpaces()
        let content = try parseValue(depth: table.depth + key.count)
        try assign(key, BuildNode(content, position: key[key.count - 1].position), in: table)
    }

    /// Adds `key = value` to `table`, creating the tables a dotted key names.
    func assign(_ key: [KeyPart], _ node: BuildNode, in table: BuildTable) throws(TOMLParseError) {
        var target = table
        for (offset, part) in key.dropLast().enumerated() {
            if let existing = target[part.name] {
                guard case .table(let sub) = existing.content, sub.origin == .dotted else {
                    let prefix = display(Array(key.prefix(offset + 1)))
                    throw TOMLParseError(
                        message: "cannot add key \(display(key)): \(prefix) is already defined as \(article(existing.kindName)) on line \(existing.position.line)",
                        position: part.position)
                }
                target = sub
            } else {
                let sub = try newTable(origin: .dotted, position: part.position, parent: target)
                target.insert(part.name, BuildNode(.table(sub), position: part.position))
                target = sub
            }
        }
        guard let last = key.last else { return }
        if let existing = target[last.name] {
            throw TOMLParseError(
                message: "duplicate key \(display(key)) (first defined on line \(existing.position.line))",
                position: last.position)
        }
        target.insert(last.name, node)
    }

    /// Parses `[a.b]` or `[[a.b]]` and returns the table that following keys go into.
    private mutating func parseHeader(root: BuildTable) throws(TOMLParseError) -> BuildTable {
        let headerPosition = position()
        index += 1
        let isArray = peek() == UInt8(ascii: "[")
        if isArray { index += 1 }
        let key = try parseKey()
        skipSpaces()
        guard peek() == UInt8(ascii: "]") else {
            throw error("expected \"\(isArray ? "]]" : "]")\" to close the table header, found \(describeCurrent())")
        }
        index += 1
        if isArray {
            guard peek() == UInt8(ascii: "]") else {
                throw error("expected \"]]\" to close the array-of-tables header, found \(describeCurrent())")
            }
            index += 1
        }
        let name = isArray ? "[[\(display(key, quoted: false))]]" : "[\(display(key, quoted: false))]"

        var target = root
        for (offset, part) in key.dropLast().enumerated() {
            if let existing = target[part.name] {
                switch existing.content {
                case .table(let sub) where sub.origin != .inline:
                    target = sub
                case .tableArray(let tables):
                    guard let lastTable = tables.last else { throw error("internal: empty array of tables") }
                    target = lastTable
                default:
                    throw TOMLParseError(
                        message: "cannot define \(name): \(display(Array(key.prefix(offset + 1)))) is already defined as \(article(existing.kindName)) on line \(existing.position.line)",
                        position: part.position)
                }
            } else {
                let sub = try newTable(origin: .implicit, position: part.position, parent: target)
                target.insert(part.name, BuildNode(.table(sub), position: part.position))
                target = sub
            }
        }
        guard let last = key.last else { throw error("expected a key in the table header") }
        let existing = target[last.name]

        if isArray {
            let element = try newTable(origin: .header, position: headerPosition, parent: target)
            if let existing {
                guard case .tableArray(var tables) = existing.content else {
                    throw TOMLParseError(
                        message: "cannot define \(name): \(display(key)) is already defined as \(article(existing.kindName)) on line \(existing.position.line)",
                        position: last.position)
                }
                // Drop the node's reference first so the append does not copy.
                existing.content = .array([])
                tables.append(element)
                existing.content = .tableArray(tables)
            } else {
                target.insert(last.name, BuildNode(.tableArray([element]), position: last.position))
            }
            return element
        }

        if let existing {
            if case .table(let sub) = existing.content, sub.origin == .implicit {
                // `[a.b]` first made `a`; `[a]` may still define it once.
                sub.origin = .header
                sub.position = last.position
                existing.position = last.position
                return sub
            }
            let what: String
            if case .table(let sub) = existing.content {
                switch sub.origin {
                case .header: what = "table \(name) is defined twice (first on line \(existing.position.line))"
                case .dotted: what = "table \(name) is already defined by a dotted key on line \(existing.position.line)"
                default: what = "cannot define \(name): \(display(key)) is already defined as an inline table on line \(existing.position.line)"
                }
            } else {
                what = "cannot define \(name): \(display(key)) is already defined as \(article(existing.kindName)) on line \(existing.position.line)"
            }
            throw TOMLParseError(message: what, position: last.position)
        }
        let table = try newTable(origin: .header, position: last.position, parent: target)
        target.insert(last.name, BuildNode(.table(table), position: last.position))
        return table
    }

    func newTable(origin: BuildTable.Origin, position: TOMLPosition, parent: BuildTable) throws(TOMLParseError) -> BuildTable {
        let depth = parent.depth + 1
        guard depth <= TOML.maximumDepth else {
            throw TOMLParseError(message: "nesting deeper than \(TOML.maximumDepth) levels", position: position)
        }
        return BuildTable(origin: origin, position: position, depth: depth)
    }

    // MARK: Keys

    struct KeyPart {
        var name: String
        var position: TOMLPosition
    }

    /// Parses a possibly dotted key: `a`, `"a b"`, `'c'`, `a . "b" . c`.
    mutating func parseKey() throws(TOMLParseError) -> [KeyPart] {
        var parts: [KeyPart] = []
        while true {
            skipSpaces()
            let partPosition = position()
            let name: String
            switch peek() {
            case UInt8(ascii: "\""):
                if peek(1) == UInt8(ascii: "\""), peek(2) == UInt8(ascii: "\"") {
                    throw error("a key cannot be a multi-line string")
                }
                name = try parseBasicString()
            case UInt8(ascii: "'"):
                if peek(1) == UInt8(ascii: "'"), peek(2) == UInt8(ascii: "'") {
                    throw error("a key cannot be a multi-line string")
                }
                name = try parseLiteralString()
            case let byte? where Self.isBareKeyByte(byte):
                let start = index
                while let byte = peek(), Self.isBareKeyByte(byte) { index += 1 }
                name = String(decoding: bytes[start..<index], as: UTF8.self)
            default:
                throw error("expected a key, found \(describeCurrent())")
            }
            parts.append(KeyPart(name: name, position: partPosition))
            guard parts.count <= TOML.maximumDepth else {
                throw TOMLParseError(message: "key has more than \(TOML.maximumDepth) parts", position: partPosition)
            }
            skipSpaces()
            guard peek() == UInt8(ascii: ".") else { return parts }
            index += 1
        }
    }

    static func isBareKeyByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "-"):
            true
        default:
            false
        }
    }

    func display(_ key: [KeyPart], quoted: Bool = true) -> String {
        let text = key.map { part -> String in
            let bare = !part.name.isEmpty && part.name.utf8.allSatisfy(Self.isBareKeyByte)
            if bare { return part.name }
            let escaped = part.name.unicodeScalars.map { scalar -> String in
                switch scalar {
                case "\"": return "\\\""
                case "\\": return "\\\\"
                case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                    return "\\u" + String(String(scalar.value, radix: 16, uppercase: true).paddedLeft(to: 4))
                default: return String(scalar)
                }
            }.joined()
            return "\"\(escaped)\""
        }.joined(separator: ".")
        let allBare = key.allSatisfy { !$0.name.isEmpty && $0.name.utf8.allSatisfy(Self.isBareKeyByte) }
        return quoted && allBare ? "\"\(text)\"" : text
    }

    func article(_ kind: String) -> String {
        let vowel = kind.first.map { "aeiou".contains($0) } ?? false
        return (vowel ? "an " : "a ") + kind
    }

    // MARK: Lines, comments, whitespace

    mutating func skipSpaces() {
        while let byte = peek(), byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") { index += 1 }
    }

    /// Consumes `\n` or `\r\n`.
    mutating func consumeNewline() throws(TOMLParseError) {
        if peek() == UInt8(ascii: "\r") {
            guard peek(1) == UInt8(ascii: "\n") else {
                throw error("carriage return not followed by a line feed")
            }
            index += 1
        }
        index += 1
        line += 1
        lineStart = index
    }

    mutating func skipComment() throws(TOMLParseError) {
        index += 1
        while let byte = peek() {
            if byte == UInt8(ascii: "\n") || (byte == UInt8(ascii: "\r") && peek(1) == UInt8(ascii: "\n")) { return }
            if Self.isForbiddenControl(byte) {
                throw error("control character \(Self.hex(byte)) in a comment")
            }
            index += 1
        }
    }

    /// After a key/value pair or a header only a comment may follow on the line.
    mutating func expectLineEnd(after what: String) throws(TOMLParseError) {
        skipSpaces()
        if peek() == UInt8(ascii: "#") { try skipComment() }
        switch peek() {
        case nil, UInt8(ascii: "\n"):
            return
        case UInt8(ascii: "\r"):
            if peek(1) == UInt8(ascii: "\n") { return }
            throw error("carriage return not followed by a line feed")
        default:
            throw error("expected end of line after \(what), found \(describeCurrent())")
        }
    }

    /// Skips spaces, newlines and comments (inside arrays).
    mutating func skipBlank() throws(TOMLParseError) {
        while let byte = peek() {
            switch byte {
            case UInt8(ascii: " "), UInt8(ascii: "\t"): index += 1
            case UInt8(ascii: "\n"), UInt8(ascii: "\r"): try consumeNewline()
            case UInt8(ascii: "#"): try skipComment()
            default: return
            }
        }
    }

    static func isForbiddenControl(_ byte: UInt8) -> Bool {
        (byte < 0x20 && byte != UInt8(ascii: "\t")) || byte == 0x7F
    }

    static func hex(_ byte: UInt8) -> String {
        "U+" + String(String(byte, radix: 16, uppercase: true).paddedLeft(to: 4))
    }

    // MARK: Cursor

    func peek(_ offset: Int = 0) -> UInt8? {
        let at = index + offset
        return at >= 0 && at < bytes.count ? bytes[at] : nil
    }

    /// Position of the current byte (or of `at`, which must be on the current line).
    mutating func position(at: Int? = nil) -> TOMLPosition {
        let target = max(lineStart, min(at ?? index, bytes.count))
        if columnCacheLineStart != lineStart || target < columnCacheIndex {
            columnCacheLineStart = lineStart
            columnCacheIndex = lineStart
            columnCacheColumn = 1
        }
        var column = columnCacheColumn
        var cursor = columnCacheIndex
        while cursor < target {
            if bytes[cursor] & 0xC0 != 0x80 { column += 1 }
            cursor += 1
        }
        columnCacheIndex = target
        columnCacheColumn = column
        return TOMLPosition(line: line, column: column)
    }

    mutating func error(_ message: String, at: Int? = nil) -> TOMLParseError {
        TOMLParseError(message: message, position: position(at: at))
    }

    /// Names the current character for messages: `"x"`, `end of line`, `end of file`.
    func describeCurrent() -> String {
        guard let byte = peek() else { return "end of file" }
        if byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") { return "end of line" }
        if Self.isForbiddenControl(byte) { return "control character \(Self.hex(byte))" }
        var end = index + 1
        while end < bytes.count, bytes[end] & 0xC0 == 0x80 { end += 1 }
        return "\"\(String(decoding: bytes[index..<end], as: UTF8.self))\""
    }
}

extension String {
    func paddedLeft(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
