/// The mutable tree the parser builds before handing out value types.
///
/// TOML's redefinition rules depend on *how* a table came to exist (by a
/// header, as a header's parent, by a dotted key, inline), which the public
/// value types do not record; reference types also let the parser extend a
/// deep table without copying its ancestors.
final class BuildTable {
    enum Origin {
        /// Created as the parent of a `[header]`; a later `[header]` may define it.
        case implicit
        /// Defined by a `[header]` or as an `[[array]]` element.
        case header
        /// Created by a dotted key (`a.b = 1`).
        case dotted
        /// An inline table `{ ... }`: closed once written.
        case inline
    }

    var origin: Origin
    var position: TOMLPosition
    let depth: Int
    private(set) var keys: [String] = []
    private(set) var children: [String: BuildNode] = [:]

    init(origin: Origin, position: TOMLPosition, depth: Int) {
        self.origin = origin
        self.position = position
        self.depth = depth
    }

    subscript(key: String) -> BuildNode? { children[key] }

    func insert(_ key: String, _ node: BuildNode) {
        if children[key] == nil { keys.append(key) }
        children[key] = node
    }

    func freeze() -> TOMLTable {
        var table = TOMLTable(position: position)
        for key in keys {
            guard let child = children[key] else { continue }
            table[key] = child.freeze()
        }
        return table
    }
}

final class BuildNode {
    enum Content {
        case scalar(TOMLValue)
        case table(BuildTable)
        /// Written as `[[header]]`: may grow by more headers.
        case tableArray([BuildTable])
        /// Written as a value `[ ... ]`: closed.
        case array([BuildNode])
    }

    var content: Content
    var position: TOMLPosition

    init(_ content: Content, position: TOMLPosition) {
        self.content = content
        self.position = position
    }

    func freeze() -> TOMLNode {
        switch content {
        case .scalar(let value):
            return TOMLNode(value: value, position: position)
        case .table(let table):
            return TOMLNode(value: .table(table.freeze()), position: position)
        case .tableArray(let tables):
            let elements = tables.map { TOMLNode(value: .table($0.freeze()), position: $0.position) }
            return TOMLNode(value: .array(elements), position: position)
        case .array(let nodes):
            return TOMLNode(value: .array(nodes.map { $0.freeze() }), position: position)
        }
    }

    /// What kind of thing it is, for "cannot …: key x is a string" messages.
    var kindName: String {
        switch content {
        case .scalar(let value): value.typeName
        case .table(let table): table.origin == .inline ? "inline table" : "table"
        case .tableArray: "array of tables"
        case .array: "array"
        }
    }
}
