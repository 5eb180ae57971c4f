/// Where a drawn `Table` put its header and rows, so a mouse click maps to a
/// column or a row with the very layout the drawing used (nothing measured twice).
public struct TableHitArea: Sendable {
    /// The header's row, nil when the table drew none.
    public var headerY: Int?
    /// Each column's id and the screen columns it covers.
    public var columns: [(id: String, x: Range<Int>)]
    /// The screen row of the first data row drawn.
    public var rowsTop: Int
    /// The index (in the whole list, see `Table.firstRowIndex`) of that first row.
    public var firstRow: Int
    /// How many data rows were drawn.
    public var rowCount: Int

    public init(headerY: Int?, columns: [(id: String, x: Range<Int>)], rowsTop: Int, firstRow: Int, rowCount: Int) {
        self.headerY = headerY; self.columns = columns; self.rowsTop = rowsTop; self.firstRow = firstRow; self.rowCount = rowCount
    }

    /// The id of the header column under (x, y), if the point is on the header.
    public func headerColumn(x: Int, y: Int) -> String? {
        guard y == headerY else { return nil }
        return columns.first { $0.x.contains(x) }?.id
    }

    /// The list index of the row under screen row `y`, if one was drawn there.
    public func row(y: Int) -> Int? {
        (rowsTop..<(rowsTop + rowCount)).contains(y) ? firstRow + (y - rowsTop) : nil
    }

    /// Whether (x, y) falls on the table (header or a drawn row).
    public func contains(x: Int, y: Int) -> Bool {
        guard let l = columns.first?.x.lowerBound, let r = columns.last?.x.upperBound, (l..<r).contains(x) else { return false }
        return y == headerY || row(y: y) != nil
    }
}
