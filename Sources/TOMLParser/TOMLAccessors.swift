/// Typed reads of parsed values, so callers need not switch on `TOMLValue`.
extension TOMLValue {
    public var stringValue: String? { if case .string(let v) = self { v } else { nil } }
    public var integerValue: Int64? { if case .integer(let v) = self { v } else { nil } }
    /// A float, or an integer widened to one (TOML writes `2` and `2.0` differently).
    public var doubleValue: Double? {
        switch self {
        case .float(let v): v
        case .integer(let v): Double(v)
        default: nil
        }
    }
    public var boolValue: Bool? { if case .boolean(let v) = self { v } else { nil } }
    public var arrayValue: [TOMLNode]? { if case .array(let v) = self { v } else { nil } }
    public var tableValue: TOMLTable? { if case .table(let v) = self { v } else { nil } }
}

extension TOMLTable {
    /// The node at a dotted path of keys (`["console", "theme"]`), if every step is a table.
    public func node(at path: [String]) -> TOMLNode? {
        var table = self
        for (offset, key) in path.enumerated() {
            guard let node = table[key] else { return nil }
            if offset == path.count - 1 { return node }
            guard case .table(let next) = node.value else { return nil }
            table = next
        }
        return nil
    }
}
