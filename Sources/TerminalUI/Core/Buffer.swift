/// A grid of cells that widgets draw into. It never touches a terminal.
///
/// Every string written goes through `Sanitizer.clean`, and a wide cluster
/// that would cross the right edge of its clip area is replaced by blanks
/// instead of being split.
///
/// Multi-code-point clusters are kept in `clusters`, which the buffer owns
/// and its copies share. Keep one table for a screen's life (pass it to the
/// next buffer on a resize): frames that share a table diff at memory speed.
public struct Buffer: Sendable, Equatable {
    public private(set) var width: Int
    public private(set) var height: Int
    public private(set) var cells: [Cell]
    public let clusters: ClusterTable
    /// The tables drawn into this buffer, in drawing order, for mouse clicks;
    /// not part of what the buffer shows (`==` ignores it).
    public var tableHits: [TableHitArea] = []

    public init(width: Int, height: Int, fill: Cell = .blank, clusters: ClusterTable = ClusterTable()) {
        self.width = max(0, width); self.height = max(0, height)
        cells = Array(repeating: fill, count: self.width * self.height)
        self.clusters = clusters
    }

    public init(size: Size, clusters: ClusterTable = ClusterTable()) {
        self.init(width: size.width, height: size.height, clusters: clusters)
    }

    /// The grapheme cluster shown at (x, y).
    public func grapheme(_ x: Int, _ y: Int) -> Character { self[x, y].grapheme(in: clusters) }

    /// Whether two cells show the same thing; `a` is from this buffer, `b` from `other`.
    func sameCell(_ a: Cell, _ other: Buffer, _ b: Cell) -> Bool {
        if clusters === other.clusters || !(a.isCluster || b.isCluster) { return a == b }
        return a.width == b.width && a.style == b.style && a.grapheme(in: clusters) == b.grapheme(in: other.clusters)
    }

    /// Equal when the same cells show; buffers with their own tables compare clusters by content.
    public static func == (a: Buffer, b: Buffer) -> Bool {
        guard a.width == b.width && a.height == b.height else { return false }
        if a.clusters === b.clusters { return a.cells == b.cells }
        return zip(a.cells, b.cells).allSatisfy { a.sameCell($0, b, $1) }
    }

    /// Sets one cell taken from `source` (whose table its cluster code refers to).
    public mutating func set(_ x: Int, _ y: Int, _ cell: Cell, from source: Buffer) {
        guard cell.isCluster, source.clusters !== clusters else { return set(x, y, cell) }
        set(x, y, Cell(cell.grapheme(in: source.clusters), width: Int(cell.width), style: cell.style, clusters: clusters))
    }

    public var area: Rect { Rect(x: 0, y: 0, width: width, height: height) }
    public var size: Size { Size(width: width, height: height) }

    public subscript(x: Int, y: Int) -> Cell {
        get { cells[y * width + x] }
    }

    /// Resets every cell to `fill`.
    public mutating func clear(_ fill: Cell = .blank) {
        tableHits = []
        for i in cells.indices { cells[i] = fill }
    }

    /// Sets one cell, keeping wide clusters whole: a half-overwritten wide
    /// cluster becomes blanks. Out-of-range positions are ignored.
    public mutating func set(_ x: Int, _ y: Int, _ cell: Cell) {
        guard x >= 0, y >= 0, x < width, y < height else { return }
        let i = y * width + x
        let old = cells[i]
        if old.isContinuation { blankHead(at: x, y) }
        if old.width > 1 {
            var k = 1
            while k < Int(old.width), x + k < width, cells[i + k].isContinuation {
                cells[i + k] = .blank(cells[i + k].style); k += 1
            }
        }
        cells[i] = cell
    }

    private mutating func blankHead(at x: Int, _ y: Int) {
        var hx = x - 1
        while hx >= 0, cells[y * width + hx].isContinuation { hx -= 1 }
        guard hx >= 0 else { return }
        let head = cells[y * width + hx]
        cells[y * width + hx] = .blank(head.style)
        var k = hx + 1
        while k < width, k != x, cells[y * width + k].isContinuation {
            cells[y * width + k] = .blank(cells[y * width + k].style); k += 1
        }
    }

    /// Writes sanitised text at (x, y), clipped to `clip` (default: whole
    /// buffer). Returns the number of columns advanced.
    @discardableResult
    /// Text that runs past the clip edge inside a word is cut the way
    /// `TextFit.truncate` cuts it (with "…", never through a number); bars,
    /// sparklines and rules clip plainly. Nil when `text` fits or clips plainly.
    static func cutAtEdge(_ text: String, columns: Int) -> String? {
        if Sanitizer.isPlainASCII(text) {
            guard text.utf8.count > columns else { return nil }
            let bytes = Array(text.utf8)
            let kept = bytes[columns - 1], dropped = bytes[columns]
            func isWordByte(_ b: UInt8) -> Bool { (b >= 48 && b <= 57) || (b | 0x20 >= 97 && b | 0x20 <= 122) }
            return isWordByte(dropped) && (isWordByte(kept) || (48...57).contains(dropped))
                ? TextFit.truncate(text, to: columns) : nil
        }
        // No cell is wider than two columns: most text is known to fit uncounted.
        if text.unicodeScalars.count * 2 <= columns { return nil }
        let clean = Sanitizer.clean(text)
        guard DisplayWidth.of(clean) > columns else { return nil }
        var w = 0, kept: Character?, dropped: Character?
        for ch in clean {
            let cw = DisplayWidth.of(ch)
            if w + cw > columns { dropped = ch; break }
            kept = ch; w += cw
        }
        guard let d = dropped, d.isLetter || d.isNumber, kept.map({ $0.isLetter || $0.isNumber }) ?? false || d.isNumber else { return nil }
        return TextFit.truncate(clean, to: columns)
    }

    public mutating func put(_ text: String, x: Int, y: Int, style: Style = .plain, clip: Rect? = nil) -> Int {
        let c = (clip ?? area).intersection(area)
        guard y >= c.y, y < c.bottom else { return 0 }
        if x >= c.x, x < c.right, let cut = Buffer.cutAtEdge(text, columns: c.right - x) {
            return put(cut, x: x, y: y, style: style, clip: clip)
        }
        var cx = x
        if Sanitizer.isPlainASCII(text) {
            // Fast path: one byte, one cell.
            for b in text.utf8 {
                if cx >= c.right { break }
                if cx >= c.x { set(cx, y, Cell(scalar: UInt32(b), width: 1, style: style)) }
                cx += 1
            }
            return max(0, cx - x)
        }
        let clean = Sanitizer.clean(text)
        if Sanitizer.isScalarSimple(clean) {
            // One code point per cluster: skip grapheme breaking.
            for u in clean.unicodeScalars {
                if cx >= c.right { break }
                let w = max(1, DisplayWidth.scalarWidth(u))
                if cx < c.x { cx += w; continue }
                if cx + w > c.right {
                    while cx < c.right { set(cx, y, .blank(style)); cx += 1 }
                    break
                }
                set(cx, y, Cell(scalar: u.value, width: UInt8(w), style: style))
                if w > 1 { for k in 1..<w { set(cx + k, y, .continuation(style)) } }
                cx += w
            }
            return max(0, cx - x)
        }
        for ch in clean {
            if cx >= c.right { break }
            let w = DisplayWidth.of(ch)
            if cx < c.x { cx += w; continue }
            if cx + w > c.right {
                // A wide cluster never splits at an edge: pad what is left.
                while cx < c.right { set(cx, y, .blank(style)); cx += 1 }
                break
            }
            set(cx, y, Cell(ch, width: w, style: style, clusters: clusters))
            for k in 1..<max(1, w) { set(cx + k, y, .continuation(style)) }
            cx += w
        }
        return max(0, cx - x)
    }

    /// Fills a rectangle with one character.
    public mutating func fill(_ rect: Rect, with ch: Character = " ", style: Style = .plain) {
        let r = rect.intersection(area)
        guard !r.isEmpty else { return }
        let w = DisplayWidth.of(ch)
        let cell = Cell(ch, width: w, style: style, clusters: clusters)
        for y in r.y..<r.bottom {
            if w == 1 {
                // Keep wide clusters that cross the edges whole, then
                // assign the inside directly.
                set(r.x, y, cell)
                let row = y * width
                for x in (r.x + 1)..<max(r.x + 1, r.right) { cells[row + x] = cell }
                var k = r.right
                while k < width, cells[row + k].isContinuation { cells[row + k] = .blank(cells[row + k].style); k += 1 }
            } else {
                put(String(repeating: String(ch), count: r.width / w + 1), x: r.x, y: y, style: style, clip: r)
            }
        }
    }

    /// Lays `style` over every cell in `rect` (non-default parts win).
    public mutating func patchStyle(_ rect: Rect, _ style: Style) {
        let r = rect.intersection(area)
        guard !r.isEmpty else { return }
        for y in r.y..<r.bottom {
            for x in r.x..<r.right { cells[y * width + x].style = cells[y * width + x].style.patched(style) }
        }
    }

    /// Replaces the style of every cell in `rect`.
    public mutating func setStyle(_ rect: Rect, _ style: Style) {
        let r = rect.intersection(area)
        guard !r.isEmpty else { return }
        for y in r.y..<r.bottom {
            for x in r.x..<r.right { cells[y * width + x].style = style }
        }
    }

    /// Changes the size, keeping the top-left content.
    public mutating func resize(to size: Size) {
        guard size != self.size else { return }
        var next = Buffer(size: size, clusters: clusters)
        for y in 0..<min(height, size.height) {
            for x in 0..<min(width, size.width) { next.cells[y * next.width + x] = self[x, y] }
        }
        self = next
    }
}
