import Foundation

/// One screen cell: a grapheme cluster, how many columns it takes, its style.
///
/// A cluster wider than one column is followed by continuation cells
/// (`width == 0`) that hold nothing of their own.
///
/// The cluster is stored as one 32-bit code: the scalar itself when the
/// cluster is a single code point (almost always), otherwise an id in a
/// process-wide table of clusters. That keeps `Cell` a plain value with no
/// reference counting, so frames copy and compare at memory speed.
public struct Cell: Sendable, Hashable {
    @usableFromInline var code: UInt32
    public var width: UInt8
    public var style: Style

    public init(_ grapheme: Character, width: Int? = nil, style: Style = .plain) {
        let scalars = grapheme.unicodeScalars
        if scalars.count == 1 { code = scalars.first!.value } else { code = ClusterTable.shared.id(for: grapheme) }
        self.width = UInt8(clamping: width ?? DisplayWidth.of(grapheme))
        self.style = style
    }

    /// A single-code-point cell (no table lookup).
    @inlinable
    init(scalar: UInt32, width: UInt8, style: Style) {
        code = scalar; self.width = width; self.style = style
    }

    /// The grapheme cluster shown in the cell.
    public var grapheme: Character {
        get {
            if code < 0x110000 { return Character(Unicode.Scalar(code) ?? "\u{FFFD}") }
            return ClusterTable.shared.cluster(code)
        }
        set { self = Cell(newValue, width: Int(width), style: style) }
    }

    public static let blank = Cell(scalar: 0x20, width: 1, style: .plain)

    /// A blank with the given style.
    @inlinable
    public static func blank(_ style: Style) -> Cell { Cell(scalar: 0x20, width: 1, style: style) }

    /// The cell covered by the wide cell to its left.
    @inlinable
    public static func continuation(_ style: Style) -> Cell { Cell(scalar: 0x20, width: 0, style: style) }

    public var isContinuation: Bool { width == 0 }
}

/// Multi-code-point clusters seen so far, numbered from 0x110000 up (past
/// the last code point). Only clusters such as emoji sequences and Indic
/// conjuncts land here, so the table stays small.
final class ClusterTable: @unchecked Sendable {
    static let shared = ClusterTable()
    private let lock = NSLock()
    private var ids: [String: UInt32] = [:]
    private var clusters: [Character] = []
    private static let limit = 1 << 20

    func id(for c: Character) -> UInt32 {
        let key = String(c)
        lock.lock(); defer { lock.unlock() }
        if let id = ids[key] { return id }
        guard clusters.count < ClusterTable.limit else { return 0xFFFD }
        let id = 0x110000 + UInt32(clusters.count)
        clusters.append(c)
        ids[key] = id
        return id
    }

    func cluster(_ id: UInt32) -> Character {
        lock.lock(); defer { lock.unlock() }
        let i = Int(id) - 0x110000
        return i >= 0 && i < clusters.count ? clusters[i] : "\u{FFFD}"
    }
}
