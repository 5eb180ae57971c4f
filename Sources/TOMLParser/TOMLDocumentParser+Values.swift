/// Values: strings, numbers, booleans, date-times, arrays and inline tables.
extension TOMLDocumentParser {
    /// Parses the value at the cursor; `depth` is how deep it will sit.
    mutating func parseValue(depth: Int) throws(TOMLParseError) -> BuildNode.Content {
        switch peek() {
        case UInt8(ascii: "\""):
            if peek(1) == UInt8(ascii: "\""), peek(2) == UInt8(ascii: "\"") {
                return .scalar(.string(try parseMultilineBasicString()))
            }
            return .scalar(.string(try parseBasicString()))
        case UInt8(ascii: "'"):
            if peek(1) == UInt8(ascii: "'"), peek(2) == UInt8(ascii: "'") {
                return .scalar(.string(try parseMultilineLiteralString()))
            }
            return .scalar(.string(try parseLiteralString()))
        case UInt8(ascii: "["):
            return try parseArray(depth: depth)
        case UInt8(ascii: "{"):
            return try parseInlineTable(depth: depth)
        case let byte? where Self.isBareValueByte(byte):
            return .scalar(try parseBareValue())
        default:
            throw error("expected a value, found \(describeCurrent())")
        }
    }

    // MARK: Arrays and inline tables

    private mutating func parseArray(depth: Int) throws(TOMLParseError) -> BuildNode.Content {
        let start = position()
        guard depth <= TOML.maximumDepth else {
            throw TOMLParseError(message: "nesting deeper than \(TOML.maximumDepth) levels", position: start)
        }
        index += 1
        var elements: [BuildNode] = []
        while true {
            try skipBlank()
            if peek() == UInt8(ascii: "]") { index += 1; break }
            guard peek() != nil else {
                throw TOMLParseError(message: "unterminated array (opened on line \(start.line))", position: position())
            }
            let elementPosition = position()
            let content = try parseValue(depth: depth + 1)
            elements.append(BuildNode(content, position: elementPosition))
            try skipBlank()
            switch peek() {
            case UInt8(ascii: ","):
                index += 1
            case UInt8(ascii: "]"):
                index += 1
                return .array(elements)
            case nil:
                throw TOMLParseError(message: "unterminated array (opened on line \(start.line))", position: position())
            default:
                throw error("expected \",\" or \"]\" in array, found \(describeCurrent())")
            }
        }
        return .array(elements)
    }

    private mutating func parseInlineTable(depth: Int) throws(TOMLParseError) -> BuildNode.Content {
        let start = position()
        guard depth <= TOML.maximumDepth else {
            throw TOMLParseError(message: "nesting deeper than \(TOML.maximumDepth) levels", position: start)
        }
        index += 1
        let table = BuildTable(origin: .inline, position: start, depth: depth)
        skipSpaces()
        if peek() == UInt8(ascii: "}") {
            index += 1
            return .table(table)
        }
        while true {
            skipSpaces()
            if peek() == UInt8(ascii: "\n") || peek() == UInt8(ascii: "\r") {
                throw error("an inline table must stay on one line (use a [table] for more)")
            }
            let key = try parseKey()
            skipSpaces()
            guard peek() == UInt8(ascii: "=") else {
                throw error("expected \"=\" after key \(display(key)), found \(describeCurrent())")
            }
            index += 1
            skipSpaces()
            let content = try parseValue(depth: depth + key.count)
            try assign(key, BuildNode(content, position: key[key.count - 1].position), in: table)
            skipSpaces()
            switch peek() {
            case UInt8(ascii: ","):
                index += 1
                skipSpaces()
                if peek() == UInt8(ascii: "}") {
                    throw error("trailing comma in an inline table")
                }
            case UInt8(ascii: "}"):
                index += 1
                return .table(table)
            case UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                throw error("an inline table must stay on one line (use a [table] for more)")
            case nil:
                throw TOMLParseError(message: "unterminated inline table (opened on line \(start.line))", position: position())
            default:
                throw error("expected \",\" or \"}\" in inline table, found \(describeCurrent())")
            }
        }
    }

    // MARK: Strings

    mutating func parseBasicString() throws(TOMLParseError) -> String {
        let start = position()
        index += 1
        var out: [UInt8] = []
        while true {
            guard let byte = peek() else {
                throw TOMLParseError(message: "unterminated string", position: start)
            }
            switch byte {
            case UInt8(ascii: "\""):
                index += 1
                return String(decoding: out, as: UTF8.self)
            case UInt8(ascii: "\\"):
                try parseEscape(into: &out)
            case UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                throw TOMLParseError(message: "unterminated string (use \"\"\" for a multi-line string)", position: start)
            case _ where Self.isForbiddenControl(byte):
                throw error("control character \(Self.hex(byte)) in a string must be escaped")
            default:
                out.append(byte)
                index += 1
            }
        }
    }

    mutating func parseLiteralString() throws(TOMLParseError) -> String {
        let start = position()
        index += 1
        let contentStart = index
        while true {
            guard let byte = peek() else {
                throw TOMLParseError(message: "unterminated string", position: start)
            }
            switch byte {
            case UInt8(ascii: "'"):
                let text = String(decoding: bytes[contentStart..<index], as: UTF8.self)
                index += 1
                return text
            case UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                throw TOMLParseError(message: "unterminated string (use ''' for a multi-line string)", position: start)
            case _ where Self.isForbiddenControl(byte):
                throw error("control character \(Self.hex(byte)) in a literal string")
            default:
                index += 1
            }
        }
    }

    private mutating func parseMultilineBasicString() throws(TOMLParseError) -> String {
        let start = position()
        index += 3
        try skipNewlineAfterOpeningDelimiter()
        var out: [UInt8] = []
        while true {
            guard let byte = peek() else {
                throw TOMLParseError(message: "unterminated multi-line string", position: start)
            }
            switch byte {
            case UInt8(ascii: "\""):
                if try closeQuoteRun(quote: byte, into: &out) {
                    return String(decoding: out, as: UTF8.self)
                }
            case UInt8(ascii: "\\"):
                if try skipLineEndingBackslash() { continue }
                try parseEscape(into: &out)
            case UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                try consumeNewline()
                out.append(UInt8(ascii: "\n"))
            case _ where Self.isForbiddenControl(byte):
                throw error("control character \(Self.hex(byte)) in a string must be escaped")
            default:
                out.append(byte)
                index += 1
            }
        }
    }

    private mutating func parseMultilineLiteralString() throws(TOMLParseError) -> String {
        let start = position()
        index += 3
        try skipNewlineAfterOpeningDelimiter()
        var out: [UInt8] = []
        while true {
            guard let byte = peek() else {
                throw TOMLParseError(message: "unterminated multi-line string", position: start)
            }
            switch byte {
            case UInt8(ascii: "'"):
                if try closeQuoteRun(quote: byte, into: &out) {
                    return String(decoding: out, as: UTF8.self)
                }
            case UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                try consumeNewline()
                out.append(UInt8(ascii: "\n"))
            case _ where Self.isForbiddenControl(byte):
                throw error("control character \(Self.hex(byte)) in a literal string")
            default:
                out.append(byte)
                index += 1
            }
        }
    }

    private mutating func skipNewlineAfterOpeningDelimiter() throws(TOMLParseError) {
        if peek() == UInt8(ascii: "\n") || (peek() == UInt8(ascii: "\r") && peek(1) == UInt8(ascii: "\n")) {
            try consumeNewline()
        }
    }

    /// Handles a run of quotes inside a multi-line string: three or more
    /// close it (up to two more belong to the content). Returns true when closed.
    private mutating func closeQuoteRun(quote: UInt8, into out: inout [UInt8]) throws(TOMLParseError) -> Bool {
        var run = 0
        while peek(run) == quote { run += 1 }
        if run < 3 {
            out.append(contentsOf: repeatElement(quote, count: run))
            index += run
            return false
        }
        guard run <= 5 else {
            throw error("too many quotes at the end of a multi-line string", at: index + 5)
        }
        out.append(contentsOf: repeatElement(quote, count: run - 3))
        index += run
        return true
    }

    /// A backslash that ends a line trims it and the blank space after it.
    private mutating func skipLineEndingBackslash() throws(TOMLParseError) -> Bool {
        var look = index + 1
        while look < bytes.count, bytes[look] == UInt8(ascii: " ") || bytes[look] == UInt8(ascii: "\t") { look += 1 }
        guard look < bytes.count,
              bytes[look] == UInt8(ascii: "\n") || (bytes[look] == UInt8(ascii: "\r") && look + 1 < bytes.count && bytes[look + 1] == UInt8(ascii: "\n"))
        else { return false }
        index = look
        while let byte = peek() {
            switch byte {
            case UInt8(ascii: " "), UInt8(ascii: "\t"): index += 1
            case UInt8(ascii: "\n"), UInt8(ascii: "\r"): try consumeNewline()
            default: return true
            }
        }
        return true
    }

    private mutating func parseEscape(into out: inout [UInt8]) throws(TOMLParseError) {
        let escapeStart = index
        index += 1
        guard let byte = peek() else {
            throw error("unterminated string")
        }
        index += 1
        switch byte {
        case UInt8(ascii: "b"): out.append(0x08)
        case UInt8(ascii: "t"): out.append(0x09)
        case UInt8(ascii: "n"): out.append(0x0A)
        case UInt8(ascii: "f"): out.append(0x0C)
        case UInt8(ascii: "r"): out.append(0x0D)
        case UInt8(ascii: "\""): out.append(UInt8(ascii: "\""))
        case UInt8(ascii: "\\"): out.append(UInt8(ascii: "\\"))
        case UInt8(ascii: "u"), UInt8(ascii: "U"):
            let width = byte == UInt8(ascii: "u") ? 4 : 8
            var value: UInt32 = 0
            for offset in 0..<width {
                guard let digit = peek(offset).flatMap(Self.hexValue) else {
                    throw error("\\\(Character(Unicode.Scalar(byte))) needs \(width) hexadecimal digits", at: escapeStart)
                }
                value = value << 4 | UInt32(digit)
            }
            let text = String(decoding: bytes[(escapeStart)..<(index + width)], as: UTF8.self)
            guard let scalar = Unicode.Scalar(value) else {
                throw error("\(text) is not a Unicode scalar value", at: escapeStart)
            }
            index += width
            UTF8.encode(scalar) { out.append($0) }
        default:
            let shown = byte < 0x80 && !Self.isForbiddenControl(byte)
                ? "\\\(Character(Unicode.Scalar(byte)))" : "\\ followed by \(describeByte(byte))"
            throw error("invalid escape sequence \(shown)", at: escapeStart)
        }
    }

    private func describeByte(_ byte: UInt8) -> String {
        if byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") { return "end of line" }
        if Self.isForbiddenControl(byte) { return "control character \(Self.hex(byte))" }
        return "a non-ASCII character"
    }

    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    // MARK: Booleans, numbers, date-times

    static func isBareValueByte(_ byte: UInt8) -> Bool {
        isBareKeyByte(byte) || byte == UInt8(ascii: "+") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: ":")
    }

    private mutating func parseBareValue() throws(TOMLParseError) -> TOMLValue {
        let start = index
        while let byte = peek(), Self.isBareValueByte(byte) { index += 1 }
        // A date followed by a space and a time is one date-time.
        if index - start == 10, TOMLScalarSyntax.isDate(bytes[start..<index]),
           peek() == UInt8(ascii: " "),
           let h1 = peek(1), let h2 = peek(2), peek(3) == UInt8(ascii: ":"),
           TOMLScalarSyntax.isDigit(h1), TOMLScalarSyntax.isDigit(h2) {
            index += 1
            while let byte = peek(), Self.isBareValueByte(byte) { index += 1 }
        }
        let token = bytes[start..<index]
        let text = String(decoding: token, as: UTF8.self)
        if text == "true" { return .boolean(true) }
        if text == "false" { return .boolean(false) }
        do {
            return try TOMLScalarSyntax.value(of: token, text: text)
        } catch {
            throw TOMLParseError(message: error.message, position: position(at: start))
        }
    }
}
