/// Where a key or value sits in the source text (1-based).
public struct TOMLPosition: Sendable, Hashable, CustomStringConvertible {
    public var line: Int
    public var column: Int
    public init(line: Int, column: Int) { self.line = line; self.column = column }
    public var description: String { "\(line):\(column)" }
}

/// A parsed value. Every node keeps its position so that errors about
/// meaning (unknown key, wrong type) can name the line, which TOML
/// libraries usually do not expose.
public indirect enum TOMLValue: Sendable, Equatable {
    case string(String)
    case integer(Int64)
    case float(Double)
    case boolean(Bool)
    /// Offset/local date-times, dates and times, kept as their source text.
    case datetime(String)
    case array([TOMLNode])
    case table(TOMLTable)

    /// The TOML type name, for "expected integer, found string" messages.
    public var typeName: String {
        switch self {
        case .string: "string"
        case .integer: "integer"
        case .float: "float"
        case .boolean: "boolean"
        case .datetime: "datetime"
        case .array: "array"
        case .table: "table"
        }
    }
}

public struct TOMLNode: Sendable, Equatable {
    public var value: TOMLValue
    /// Position of the key that introduced the value (for a `[[table]]`
    /// element, its header line).
    public var position: TOMLPosition
    public init(value: TOMLValue, position: TOMLPosition) { self.value = value; self.position = position }
}

/// A table that keeps its keys in source order.
public struct TOMLTable: Sendable, Equatable {
    public private(set) var keys: [String] = []
    public private(set) var nodes: [String: TOMLNode] = [:]
    public var position: TOMLPosition

    public init(position: TOMLPosition = TOMLPosition(line: 1, column: 1)) { self.position = position }

    public subscript(key: String) -> TOMLNode? {
        get { nodes[key] }
        set {
            if let newValue {
                if nodes[key] == nil { keys.append(key) }
                nodes[key] = newValue
            } else if nodes.removeValue(forKey: key) != nil {
                keys.removeAll { $0 == key }
            }
        }
    }

    public var entries: [(key: String, node: TOMLNode)] { keys.map { ($0, nodes[$0]!) } }
}

public struct TOMLParseError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public var position: TOMLPosition
    public init(message: String, position: TOMLPosition) { self.message = message; self.position = position }
    public var description: String { "line \(position.line), column \(position.column): \(message)" }
}
