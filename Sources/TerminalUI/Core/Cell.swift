/// One screen cell: a grapheme cluster, how many columns it takes, its style.
///
/// A cluster wider than one column is followed by continuation cells
/// (`width == 0`) that hold nothing of their own.
public struct Cell: Sendable, Hashable {
    public var grapheme: Character
    public var width: UInt8
    public var style: Style

    public init(_ grapheme: Character, width: Int? = nil, style: Style = .plain) {
        self.grapheme = grapheme
        self.width = UInt8(clamping: width ?? DisplayWidth.of(grapheme))
        self.style = style
    }

    public static let blank = Cell(" ", width: 1)

    /// A blank with the given style.
    public static func blank(_ style: Style) -> Cell { Cell(" ", width: 1, style: style) }

    /// The cell covered by the wide cell to its left.
    public static func continuation(_ style: Style) -> Cell { Cell(" ", width: 0, style: style) }

    public var isContinuation: Bool { width == 0 }
}
