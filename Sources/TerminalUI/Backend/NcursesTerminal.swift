import CNcursesw
#if canImport(Glibc)
import Glibc
#endif

/// glibc's wcwidth; its header hides it behind _XOPEN_SOURCE, which SwiftPM drops.
@_silgen_name("wcwidth") func c_wcwidth(_ c: Int32) -> Int32

/// Why the terminal could not be opened.
public struct TerminalError: Error, CustomStringConvertible, Sendable {
    public var message: String
    public var description: String { message }
}

/// The ncursesw backend. Only the UI thread may use it (ncurses is not
/// thread-safe). It writes only the cells `FrameDiff` lists, then refreshes
/// once; a frame without changes does not touch ncurses at all.
public final class NcursesTerminal: Terminal {
    public private(set) var size: Size
    /// The colour depth styles are lowered to (detected, capped by what
    /// ncurses can emit for this terminal type).
    public private(set) var depth: ColorDepth
    private let screen: OpaquePointer
    private let window: UnsafeMutablePointer<WINDOW>
    private var previous: Buffer?
    private var pairs: [PairKey: Int32] = [:]
    private var nextPair: Int32 = 1
    private let maxPairs: Int32
    private let colors: Int32
    private var wbuf: [wchar_t] = Array(repeating: 0, count: 8)
    private var closed = false
    /// Where `signal` writes: the descriptor ncurses draws on.
    private let outputFD: Int32

    struct PairKey: Hashable { var fg: Int32; var bg: Int32 }

    /// Opens the terminal on the given file descriptors (default stdin/stdout).
    /// `forceDepth` pins the colour depth (tests, `--color`), otherwise it is
    /// detected from the environment and the terminal's colour count.
    public init(inputFD: Int32 = 0, outputFD: Int32 = 1, termType: String? = nil,
                environment: [String: String], forceDepth: ColorDepth? = nil) throws(TerminalError) {
        setlocale(LC_ALL, "")
        self.outputFD = outputFD
        guard let out = fdopen(dup(outputFD), "w"), let inp = fdopen(dup(inputFD), "r") else {
            throw TerminalError(message: "cannot open the terminal's file descriptors")
        }
        let term = termType ?? environment["TERM"] ?? "xterm-256color"
        guard let scr = newterm(term, out, inp) else {
            // Name the way out, as for TERM=dumb: a known TERM, or no terminal at all.
            throw TerminalError(message: "ncurses cannot drive terminal type \"\(Sanitizer.clean(term))\" (no terminfo entry).\n" +
                "Set TERM (e.g. TERM=xterm-256color or TERM=vt100), or run `studyspot snapshot` to print every pane.")
        }
        screen = scr
        set_term(scr)
        window = ss_stdscr()
        // Input is read and decoded by us (InputDecoder); ncurses only draws.
        raw(); noecho(); nonl()
        intrflush(window, false)
        keypad(window, false)
        curs_set(0)
        set_escdelay(25)
        if has_colors() {
            start_color()
            use_default_colors()
        }
        colors = has_colors() ? ss_COLORS() : 0
        maxPairs = has_colors() ? ss_COLOR_PAIRS() : 0
        let detected = forceDepth ?? ColorDepth.detect(environment: environment, terminalColors: Int(colors))
        // ncurses can only send 24-bit colour through a direct-colour terminfo.
        let capped: ColorDepth = colors >= 16_777_216 ? .trueColor : colors >= 256 ? .ansi256 : colors >= 8 ? .ansi16 : .mono
        depth = min(detected, capped)
        size = Size(width: Int(ss_getmaxx(window)), height: Int(ss_getmaxy(window)))
    }

    deinit { close() }

    /// Leaves curses mode: the terminal gets its screen, cursor and modes back.
    public func close() {
        guard !closed else { return }
        closed = true
        endwin()
        delscreen(screen)
    }

    /// Re-reads the size from the kernel after SIGWINCH and resizes ncurses.
    public func updateSize(fd: Int32 = 1) -> Size {
        var rows: Int32 = 0, cols: Int32 = 0
        if ss_winsize(fd, &rows, &cols) == 0, rows > 0, cols > 0 {
            resizeterm(rows, cols)
        }
        size = Size(width: Int(ss_getmaxx(window)), height: Int(ss_getmaxy(window)))
        invalidate()
        return size
    }

    public func invalidate() {
        previous = nil
        clearok(ss_curscr(), true)
    }

    /// Written straight to the descriptor after ncurses has flushed its own
    /// output (`doupdate` ends with a flush): a bell or an OSC sequence moves
    /// no cursor and paints no cell, so ncurses' idea of the screen stays true.
    public func signal(_ bytes: [UInt8]) {
        guard !closed, !bytes.isEmpty else { return }
        var off = 0
        while off < bytes.count {
            let n = bytes[off...].withUnsafeBytes { Glibc.write(outputFD, $0.baseAddress, $0.count) }
            if n <= 0 { if n < 0 && errno == EINTR { continue }; return }
            off += n
        }
    }

    @discardableResult
    public func present(_ frame: Buffer) -> Int {
        var count = 0
        FrameDiff.forEachUpdate(from: previous, to: frame) { u in
            count += 1
            if u.y < size.height && u.x < size.width { write(u, frame.clusters) }
        }
        previous = frame
        guard count > 0 else { return 0 }
        wnoutrefresh(window)
        doupdate()
        return count
    }

    private func write(_ u: CellUpdate, _ clusters: ClusterTable) {
        let st = depth.lower(u.cell.style)
        let attr = attributes(st.attributes)
        let pair = pairFor(st)
        let want = max(1, Int(u.cell.width))
        let scalars = Array(u.cell.grapheme(in: clusters).unicodeScalars)
        if scalars.count == 1 && scalars[0].value < 0x7F {
            put([scalars[0]], x: u.x, y: u.y, attr: attr, pair: pair); return
        }
        // Group each spacing code point with the marks after it, the way
        // ncurses lays out cells; use it when ncurses' width matches ours.
        var groups: [[Unicode.Scalar]] = []
        var ncWidth = 0
        for s in scalars {
            let w = Int(c_wcwidth(Int32(bitPattern: s.value)))
            if w > 0 || groups.isEmpty {
                groups.append([s]); ncWidth += max(0, w)
            } else if groups[groups.count - 1].count < Int(SS_CCHARW_MAX) - 1 {
                groups[groups.count - 1].append(s)
            }
        }
        if ncWidth == want && groups.allSatisfy({ c_wcwidth(Int32(bitPattern: $0[0].value)) > 0 }) {
            var x = u.x
            for g in groups {
                put(g, x: x, y: u.y, attr: attr, pair: pair)
                x += Int(c_wcwidth(Int32(bitPattern: g[0].value)))
            }
            return
        }
        // ncurses would measure this cluster differently (VS16 emoji, ZWJ
        // sequences): draw its first code point and pad, so columns stay right.
        let first = scalars[0]
        let fw = Int(c_wcwidth(Int32(bitPattern: first.value)))
        if fw >= 1 && fw <= want {
            put([first], x: u.x, y: u.y, attr: attr, pair: pair)
            for k in fw..<want { put([" "], x: u.x + k, y: u.y, attr: attr, pair: pair) }
        } else {
            put(["\u{FFFD}"], x: u.x, y: u.y, attr: attr, pair: pair)
            for k in 1..<want { put([" "], x: u.x + k, y: u.y, attr: attr, pair: pair) }
        }
    }

    private func put(_ scalars: [Unicode.Scalar], x: Int, y: Int, attr: attr_t, pair: Int32) {
        guard x < size.width else { return }
        for (i, s) in scalars.enumerated() { wbuf[i] = wchar_t(bitPattern: s.value) }
        wbuf[scalars.count] = 0
        _ = ss_mvwadd_cluster(window, Int32(y), Int32(x), wbuf, attr, pair)
    }

    private func attributes(_ a: Attributes) -> attr_t {
        var r: attr_t = SS_A_NORMAL
        if a.contains(.bold) { r |= SS_A_BOLD }
        if a.contains(.dim) { r |= SS_A_DIM }
        if a.contains(.underline) { r |= SS_A_UNDERLINE }
        if a.contains(.reverse) { r |= SS_A_REVERSE }
        if a.contains(.italic) { r |= SS_A_ITALIC }
        return r
    }

    private func colorNumber(_ c: Color) -> Int32 {
        switch c {
        case .default: return -1
        case .indexed(let i): return Int32(i) < colors ? Int32(i) : -1
        case .rgb(let r, let g, let b): return colors >= 16_777_216 ? Int32(r) << 16 | Int32(g) << 8 | Int32(b) : -1
        }
    }

    /// Colour pairs are allocated the first time a combination is drawn.
    private func pairFor(_ st: Style) -> Int32 {
        guard colors > 0 else { return 0 }
        let key = PairKey(fg: colorNumber(st.fg), bg: colorNumber(st.bg))
        if key.fg == -1 && key.bg == -1 { return 0 }
        if let p = pairs[key] { return p }
        guard nextPair < maxPairs else { return 0 }
        let p = nextPair
        nextPair += 1
        init_extended_pair(p, key.fg, key.bg)
        pairs[key] = p
        return p
    }
}
