import Foundation
import TerminalUI

/// Where the owner's library cards go: as many columns as fit the width
/// (each card at least `minCardWidth`), rows of `cardHeight` lines, scrolled
/// so the selected card shows. Drawing, the arrow keys and the mouse all
/// read this one layout, so a click lands on the card drawn there.
struct LibraryGridLayout: Equatable {
    static let minCardWidth = 30
    /// Name, bar and counts, today's bookings, then a blank line between rows.
    static let cardHeight = 4

    let area: Rect
    let count: Int
    let columns: Int
    /// The first row of cards drawn.
    let firstRow: Int

    init(area: Rect, count: Int, selection: Int) {
        self.area = area
        self.count = count
        columns = max(1, min(max(1, count), (area.width + 1) / (Self.minCardWidth + 1)))
        let visibleRows = max(1, (area.height + 1) / Self.cardHeight)
        let selectedRow = max(0, min(selection, count - 1)) / columns
        firstRow = max(0, selectedRow - visibleRows + 1)
    }

    /// The pane's grid area for a terminal of `size` (the pane's block, then one column of margin each side).
    static func paneArea(_ size: Size) -> Rect {
        Rect(x: 2, y: 2, width: max(0, size.width - 4), height: max(0, size.height - 4))
    }

    var cardWidth: Int { (area.width - (columns - 1)) / columns }

    /// Cards that fit the area, with where each goes.
    var visible: [(index: Int, rect: Rect)] {
        var out: [(Int, Rect)] = []
        var row = firstRow
        while true {
            let y = area.y + (row - firstRow) * Self.cardHeight
            // The last row may do without its blank line.
            guard y + Self.cardHeight - 1 <= area.bottom else { break }
            for c in 0..<columns {
                let i = row * columns + c
                guard i < count else { return out }
                out.append((i, Rect(x: area.x + c * (cardWidth + 1), y: y, width: cardWidth, height: Self.cardHeight - 1)))
            }
            row += 1
        }
        return out
    }

    /// The card at a screen cell, if one is drawn there.
    func card(atX x: Int, y: Int) -> Int? {
        visible.first { $0.rect.contains(x: x, y: y) }?.index
    }
}
