import Testing
@testable import TerminalUI

/// A drawn table records where its header and rows went, and keeps its sort
/// marker visible in a narrow column.
@Suite("Table hit areas and sort marker")
struct TableHitAreaTests {
    static let columns = [TableColumn("NAME", width: .fixed(6)), TableColumn("PRI", width: .fixed(3), alignment: .right),
                          TableColumn("", width: .fixed(2), id: "ACK")]

    @Test("Rows map to list indexes after scrolling and with a window's first index")
    func rows() throws {
        var b = Buffer(width: 20, height: 5)
        let rows: [[TableCell]] = (0..<10).map { [TableCell("r\($0)"), TableCell("\($0)"), TableCell("")] }
        Table(columns: Self.columns, rows: rows, selected: 7, firstRowIndex: 100).render(Rect(x: 2, y: 1, width: 14, height: 4), into: &b, theme: .dark)
        let hit = try #require(b.tableHits.first)
        #expect(hit.headerY == 1)
        #expect(hit.row(y: 1) == nil)
        // Three rows fit; row 7 selected shows rows 5, 6, 7.
        #expect(hit.row(y: 2) == 105 && hit.row(y: 4) == 107 && hit.row(y: 5) == nil)
        #expect(hit.headerColumn(x: 2, y: 1) == "NAME" && hit.headerColumn(x: 9, y: 1) == "PRI" && hit.headerColumn(x: 13, y: 1) == "ACK")
        #expect(hit.headerColumn(x: 8, y: 1) == nil)  // the gap between columns
        #expect(!hit.contains(x: 1, y: 2) && hit.contains(x: 2, y: 2))
        b.clear()
        #expect(b.tableHits.isEmpty)
    }

    @Test("The marker survives a narrow column: the title gives way", arguments: [(true, "P…▲"), (false, "P…▼")])
    func marker(_ ascending: Bool, _ expected: String) {
        var b = Buffer(width: 20, height: 2)
        Table(columns: Self.columns, rows: [], sortColumn: 1, sortAscending: ascending).render(b.area, into: &b, theme: .dark)
        #expect(b.trimmedTextDump.contains(expected))
        var wide = Buffer(width: 20, height: 2)
        Table(columns: Self.columns, rows: [], sortColumn: 0, sortAscending: ascending).render(wide.area, into: &wide, theme: .dark)
        #expect(wide.trimmedTextDump.contains("NAME " + (ascending ? "▲" : "▼")))
    }
}
