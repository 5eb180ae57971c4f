/// Recognises unquoted scalar tokens: integers, floats and date-times.
enum TOMLScalarSyntax {
    struct Failure: Error {
        var message: String
    }

    typealias Bytes = ArraySlice<UInt8>

    static func value(of token: Bytes, text: String) throws(Failure) -> TOMLValue {
        switch text {
        case "inf", "+inf": return .float(.infinity)
        case "-inf": return .float(-.infinity)
        case "nan", "+nan", "-nan": return .float(.nan)
        default: break
        }
        if looksLikeDateTime(token) {
            guard isDateTime(token) else { throw Failure(message: "invalid date-time \(quoted(text))") }
            return .datetime(text)
        }
        guard let first = token.first,
              isDigit(first) || first == UInt8(ascii: "+") || first == UInt8(ascii: "-") else {
            throw Failure(message: "invalid value \(quoted(text)) (strings need quotes)")
        }
        if token.count > 2, first == UInt8(ascii: "0"),
           let radix = radix(token[token.startIndex + 1]) {
            let digits = token.dropFirst(2)
            guard let cleaned = cleanDigits(digits, radix: radix),
                  let value = Int64(cleaned, radix: radix) else {
                if cleanDigits(digits, radix: radix) != nil {
                    throw Failure(message: "integer \(text) does not fit in 64 bits")
                }
                throw Failure(message: "invalid integer \(quoted(text))")
            }
            return .integer(value)
        }
        let isFloat = token.contains(UInt8(ascii: ".")) || token.contains(UInt8(ascii: "e")) || token.contains(UInt8(ascii: "E"))
        if isFloat {
            guard let cleaned = cleanFloat(token), let value = Double(cleaned) else {
                throw Failure(message: "invalid float \(quoted(text))")
            }
            return .float(value)
        }
        guard let cleaned = cleanDecimalInteger(token) else {
            throw Failure(message: "invalid integer \(quoted(text))")
        }
        guard let value = Int64(cleaned) else {
            throw Failure(message: "integer \(text) does not fit in 64 bits")
        }
        return .integer(value)
    }

    private static func quoted(_ text: String) -> String {
        let limit = 40
        let shown = text.count > limit ? String(text.prefix(limit)) + "…" : text
        return "\"\(shown)\""
    }

    // MARK: Numbers

    private static func radix(_ byte: UInt8) -> Int? {
        switch byte {
        case UInt8(ascii: "x"): 16
        case UInt8(ascii: "o"): 8
        case UInt8(ascii: "b"): 2
        default: nil
        }
    }

    static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    private static func isDigit(_ byte: UInt8, radix: Int) -> Bool {
        switch radix {
        case 16: return TOMLDocumentParser.hexValue(byte) != nil
        case 8: return byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "7")
        case 2: return byte == UInt8(ascii: "0") || byte == UInt8(ascii: "1")
        default: return isDigit(byte)
        }
    }

    /// Digits with single underscores between them, underscores removed; nil if malformed.
    private static func cleanDigits(_ digits: Bytes, radix: Int = 10) -> String? {
        guard let first = digits.first, let last = digits.last,
              isDigit(first, radix: radix), isDigit(last, radix: radix) else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(digits.count)
        var previousUnderscore = false
        for byte in digits {
            if byte == UInt8(ascii: "_") {
                if previousUnderscore { return nil }
                previousUnderscore = true
                continue
            }
            guard isDigit(byte, radix: radix) else { return nil }
            previousUnderscore = false
            out.append(byte)
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `[+-]` digits without a leading zero (except `0` itself).
    private static func cleanDecimalInteger(_ token: Bytes) -> String? {
        var body = token
        var sign = ""
        if let first = body.first, first == UInt8(ascii: "+") || first == UInt8(ascii: "-") {
            sign = first == UInt8(ascii: "-") ? "-" : ""
            body = body.dropFirst()
        }
        guard let digits = cleanDigits(body) else { return nil }
        if digits.count > 1, digits.hasPrefix("0") { return nil }
        if body.count > 1, body.first == UInt8(ascii: "0") { return nil }
        return sign + digits
    }

    /// `int-part [ "." digits ] [ (e|E) [+-] digits ]`, with at least one of the two.
    private static func cleanFloat(_ token: Bytes) -> String? {
        var rest = token
        var mantissaEnd = rest.endIndex
        var exponent: Bytes?
        if let e = rest.firstIndex(where: { $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }) {
            mantissaEnd = e
            exponent = rest[(e + 1)...]
        }
        let mantissa = rest[rest.startIndex..<mantissaEnd]
        rest = mantissa
        var integerPart = rest
        var fraction: Bytes?
        if let dot = rest.firstIndex(of: UInt8(ascii: ".")) {
            integerPart = rest[rest.startIndex..<dot]
            fraction = rest[(dot + 1)...]
        }
        guard let integer = cleanDecimalInteger(integerPart) else { return nil }
        var out = integer
        if let fraction {
            guard let digits = cleanDigits(fraction) else { return nil }
            out += "." + digits
        }
        if var exponent {
            var sign = ""
            if let first = exponent.first, first == UInt8(ascii: "+") || first == UInt8(ascii: "-") {
                sign = first == UInt8(ascii: "-") ? "-" : "+"
                exponent = exponent.dropFirst()
            }
            guard let digits = cleanDigits(exponent) else { return nil }
            out += "e" + sign + digits
        }
        return out
    }

    // MARK: Date-times (kept as text, validated for shape and ranges)

    private static func looksLikeDateTime(_ token: Bytes) -> Bool {
        let start = token.startIndex
        guard token.count >= 3 else { return false }
        if token.count >= 5, token[start..<(start + 4)].allSatisfy(isDigit), token[start + 4] == UInt8(ascii: "-") {
            return true
        }
        return isDigit(token[start]) && isDigit(token[start + 1]) && token[start + 2] == UInt8(ascii: ":")
    }

    static func isDate(_ token: Bytes) -> Bool {
        var cursor = Cursor(token)
        return cursor.date() && cursor.atEnd
    }

    private static func isDateTime(_ token: Bytes) -> Bool {
        var cursor = Cursor(token)
        if cursor.time() { return cursor.atEnd } // local time
        cursor = Cursor(token)
        guard cursor.date() else { return false }
        if cursor.atEnd { return true } // local date
        guard let separator = cursor.next(),
              separator == UInt8(ascii: "T") || separator == UInt8(ascii: "t") || separator == UInt8(ascii: " "),
              cursor.time() else { return false }
        if cursor.atEnd { return true } // local date-time
        guard let offset = cursor.next() else { return false }
        if offset == UInt8(ascii: "Z") || offset == UInt8(ascii: "z") { return cursor.atEnd }
        guard offset == UInt8(ascii: "+") || offset == UInt8(ascii: "-"),
              let hour = cursor.number(digits: 2), hour <= 23,
              cursor.next() == UInt8(ascii: ":"),
              let minute = cursor.number(digits: 2), minute <= 59 else { return false }
        return cursor.atEnd
    }

    private struct Cursor {
        let bytes: Bytes
        var index: Int
        init(_ bytes: Bytes) { self.bytes = bytes; index = bytes.startIndex }

        var atEnd: Bool { index >= bytes.endIndex }

        mutating func next() -> UInt8? {
            guard index < bytes.endIndex else { return nil }
            defer { index += 1 }
            return bytes[index]
        }

        mutating func number(digits: Int) -> Int? {
            var value = 0
            for _ in 0..<digits {
                guard let byte = next(), TOMLScalarSyntax.isDigit(byte) else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return value
        }

        mutating func date() -> Bool {
            guard let year = number(digits: 4), next() == UInt8(ascii: "-"),
                  let month = number(digits: 2), (1...12).contains(month), next() == UInt8(ascii: "-"),
                  let day = number(digits: 2), day >= 1 else { return false }
            return day <= Self.daysIn(month: month, year: year)
        }

        mutating func time() -> Bool {
            guard let hour = number(digits: 2), hour <= 23, next() == UInt8(ascii: ":"),
                  let minute = number(digits: 2), minute <= 59, next() == UInt8(ascii: ":"),
                  let second = number(digits: 2), second <= 60 else { return false }
            if index < bytes.endIndex, bytes[index] == UInt8(ascii: ".") {
                index += 1
                var fractionDigits = 0
                while index < bytes.endIndex, TOMLScalarSyntax.isDigit(bytes[index]) {
                    index += 1
                    fractionDigits += 1
                }
                return fractionDigits > 0
            }
            return true
        }

        static func daysIn(month: Int, year: Int) -> Int {
            switch month {
            case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
            case 4, 6, 9, 11: 30
            default: 31
            }
        }
    }
}
