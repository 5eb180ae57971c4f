/// A terminal in memory: it applies each frame's updates to its own screen,
/// exactly the cells the ncurses backend would write, and counts them.
public final class HeadlessTerminal: Terminal {
    public private(set) var size: Size
    /// What a real terminal would now show.
    public private(set) var screen: Buffer
    /// Colour depth styles are lowered to before they reach `screen`.
    public var depth: ColorDepth
    public private(set) var framesWritten = 0
    public private(set) var cellsWritten = 0
    /// Bytes an ANSI terminal would have received, all frames.
    public private(set) var bytesWritten = 0
    /// Bytes of the last present call (0 when nothing changed).
    public private(set) var lastFrameBytes = 0
    private var previous: Buffer?

    public init(width: Int, height: Int, depth: ColorDepth = .trueColor) {
        size = Size(width: width, height: height)
        screen = Buffer(size: size)
        self.depth = depth
    }

    /// Simulates the user resizing the window.
    public func resize(width: Int, height: Int) {
        size = Size(width: width, height: height)
        screen = Buffer(size: size)
        previous = nil
    }

    @discardableResult
    public func present(_ frame: Buffer) -> Int {
        let updates = FrameDiff.updates(from: previous, to: frame)
        lastFrameBytes = 0
        guard !updates.isEmpty else { return 0 }
        if screen.size != frame.size { screen = Buffer(size: frame.size) }
        for u in updates {
            var c = u.cell
            c.style = depth.lower(c.style)
            screen.set(u.x, u.y, c, from: frame)
            for k in 1..<max(1, Int(c.width)) { screen.set(u.x + k, u.y, .continuation(c.style)) }
        }
        lastFrameBytes = AnsiEncoder(depth: depth).encode(updates, clusters: frame.clusters).count
        bytesWritten += lastFrameBytes
        framesWritten += 1
        cellsWritten += updates.count
        previous = frame
        return updates.count
    }

    public func invalidate() { previous = nil }

    /// Every `signal` call's bytes, in order.
    public private(set) var signals: [[UInt8]] = []
    public func signal(_ bytes: [UInt8]) { signals.append(bytes) }

    /// Screen text, one line per row.
    public var text: String { screen.textDump }
    /// Screen styles as letters plus legend (see `Buffer.styleDump`).
    public var styles: String { screen.styleDump }
}
