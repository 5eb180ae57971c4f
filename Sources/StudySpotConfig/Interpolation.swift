/// `${NAME}` in configuration strings, replaced from the environment.
enum Interpolation {
    enum Failure: Error, Equatable {
        case missing(String)
        case malformed(String)
    }

    /// Replaces every `${NAME}`; collects every missing name rather than stopping at the first.
    /// `$${` stands for a literal `${`.
    static func expand(_ text: String, environment: [String: String]) -> (String, [Failure]) {
        guard text.contains("${") else { return (text, []) }
        var out = ""
        var failures: [Failure] = []
        var rest = Substring(text)
        while let open = rest.range(of: "${") {
            if open.lowerBound > rest.startIndex, rest[rest.index(before: open.lowerBound)] == "$" {
                out += rest[rest.startIndex..<rest.index(before: open.lowerBound)]
                out += "${"
                rest = rest[open.upperBound...]
                continue
            }
            out += rest[rest.startIndex..<open.lowerBound]
            let afterOpen = rest[open.upperBound...]
            guard let close = afterOpen.firstIndex(of: "}") else {
                failures.append(.malformed("unterminated \"${\" (write ${NAME})"))
                out += rest[open.lowerBound...]
                return (out, failures)
            }
            let name = String(afterOpen[afterOpen.startIndex..<close])
            if isValidName(name) {
                if let value = environment[name] {
                    out += value
                } else if !failures.contains(.missing(name)) {
                    failures.append(.missing(name))
                }
            } else {
                // The text between the braces is not echoed: in a DSN it may be part of a password.
                failures.append(.malformed("invalid variable reference (write ${NAME} with letters, digits and _, or $${ for a literal ${)"))
            }
            rest = afterOpen[afterOpen.index(after: close)...]
        }
        out += rest
        return (out, failures)
    }

    static func isValidName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first == "_" || (first.isASCII && first.properties.isAlphabetic) else {
            return false
        }
        return name.unicodeScalars.allSatisfy { $0 == "_" || ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) }
    }

    /// True when `text` is nothing but one reference, e.g. `${STUDYSPOT_PASSWORD}`.
    static func isOnlyReference(_ text: Substring) -> Bool {
        text.hasPrefix("${") && text.hasSuffix("}") && isValidName(String(text.dropFirst(2).dropLast()))
    }
}
