#if canImport(Glibc)
import Glibc
#endif

/// One cell to write: position and content. Wide cells cover the columns
/// after them, so continuation cells are never listed.
public struct CellUpdate: Sendable, Hashable {
    public var x: Int, y: Int
    public var cell: Cell
    public init(x: Int, y: Int, cell: Cell) { self.x = x; self.y = y; self.cell = cell }
}

/// The cells that differ between the frame on screen and the next one.
public enum FrameDiff {
    /// Updates that turn `previous` into `next`. When the sizes differ every
    /// cell of `next` is listed (the screen was cleared).
    public static func updates(from previous: Buffer?, to next: Buffer) -> [CellUpdate] {
        var out: [CellUpdate] = []
        forEachUpdate(from: previous, to: next) { out.append($0) }
        return out
    }

    /// The same updates, handed to `body` one by one in the same order. What
    /// the terminal uses: a whole new screen (a pane switch) at 200×50 is
    /// 10,000 updates, a ~0.8 MB array that came on top of the steady heap
    /// at every switch, and so set the process's peak resident size
    /// (Benchmarks/README.md, the footprint's heap section).
    public static func forEachUpdate(from previous: Buffer?, to next: Buffer, _ body: (CellUpdate) -> Void) {
        guard let previous, previous.size == next.size else {
            for y in 0..<next.height {
                for x in 0..<next.width where !next[x, y].isContinuation { body(CellUpdate(x: x, y: y, cell: next[x, y])) }
            }
            return
        }
        let w = next.width
        // Cells are plain bits (no references), so a row whose bytes are equal
        // is unchanged: one memcmp per row skips the cell-by-cell compare for
        // all but the changed rows (a clock tick changes one row of 48).
        // Cluster codes mean the same in both only when they share a table.
        let shared = previous.clusters === next.clusters
        let bitwise = _isPOD(Cell.self) && shared
        for y in 0..<next.height {
            if bitwise && rowBytesEqual(previous, next, y) { continue }
            // Columns the terminal must redraw because a wide cluster that
            // covered them is gone, even if our cells there look unchanged.
            var forceUntil = -1
            var x = 0
            while x < w {
                let n = next[x, y], p = previous[x, y]
                if n.isContinuation { x += 1; continue }
                if (shared ? n != p : !next.sameCell(n, previous, p)) || x <= forceUntil {
                    if p.width > 1 { forceUntil = max(forceUntil, x + Int(p.width) - 1) }
                    body(CellUpdate(x: x, y: y, cell: n))
                }
                x += max(1, Int(n.width))
            }
        }
    }

    private static func rowBytesEqual(_ a: Buffer, _ b: Buffer, _ y: Int) -> Bool {
        let w = b.width
        guard w > 0, a.cells.count == b.cells.count else { return w == 0 }
        return a.cells.withUnsafeBufferPointer { pa in
            b.cells.withUnsafeBufferPointer { pb in
                memcmp(pa.baseAddress! + y * w, pb.baseAddress! + y * w, w * MemoryLayout<Cell>.stride) == 0
            }
        }
    }
}
