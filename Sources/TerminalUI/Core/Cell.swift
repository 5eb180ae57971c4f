import Foundation

/// One screen cell: a grapheme cluster, how many columns it takes, its style.
///
/// A cluster wider than one column is followed by continuation cells
/// (`width == 0`) that hold nothing of their own.
///
/// The cluster is stored as one 32-bit code: the scalar itself when the
/// cluster is a single code point (almost always), otherwise an id in the
/// owning buffer's `ClusterTable`. That keeps `Cell` a plain value with no
/// reference counting, so frames copy and compare at memory speed; a cell's
/// grapheme is read through the table (`Buffer.grapheme(_:_:)`).
public struct Cell: Sendable, Hashable {
    @usableFromInline var code: UInt32
    public var width: UInt8
    public var style: Style

    /// A cell for any cluster; multi-code-point ones are entered in `clusters`.
    public init(_ grapheme: Character, width: Int? = nil, style: Style = .plain, clusters: ClusterTable) {
        let scalars = grapheme.unicodeScalars
        if scalars.count == 1 { code = scalars.first!.value } else { code = clusters.id(for: grapheme) }
        self.width = UInt8(clamping: width ?? DisplayWidth.of(grapheme))
        self.style = style
    }

    /// A single-code-point cell (needs no table).
    public init(_ scalar: Unicode.Scalar, width: Int? = nil, style: Style = .plain) {
        code = scalar.value
        self.width = UInt8(clamping: width ?? DisplayWidth.of(Character(scalar)))
        self.style = style
    }

    /// A single-code-point cell (no table lookup).
    @inlinable
    init(scalar: UInt32, width: UInt8, style: Style) {
        code = scalar; self.width = width; self.style = style
    }

    /// Whether the cell holds a multi-code-point cluster (an id in a table).
    var isCluster: Bool { code >= 0x110000 }

    /// The grapheme cluster shown in the cell; `clusters` is the table of the
    /// buffer the cell came from.
    public func grapheme(in clusters: ClusterTable) -> Character {
        if code < 0x110000 { return Character(Unicode.Scalar(code) ?? "\u{FFFD}") }
        return clusters.cluster(code)
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

/// The multi-code-point clusters a buffer holds (emoji sequences, Indic
/// conjuncts), numbered from 0x110000 up, past the last code point. Owned by
/// a `Buffer` and shared by its copies; append-only, so a code means the same
/// cluster in every copy. Passed explicitly: nothing is process-wide.
public final class ClusterTable: @unchecked Sendable {
    private let lock = NSLock()
    private var ids: [String: UInt32] = [:]
    private var clusters: [Character] = []
    private static let limit = 1 << 20

    public init() {}

    /// The cluster's code, added to the table when new.
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
