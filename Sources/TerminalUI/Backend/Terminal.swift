/// Where frames go. Both backends take the same `Buffer` from the same
/// rendering path; only `present` differs.
public protocol Terminal: AnyObject {
    /// Current size in cells.
    var size: Size { get }
    /// Writes the cells of `frame` that differ from the last presented
    /// frame, in one write. An unchanged frame writes nothing.
    /// Returns the number of cells written.
    @discardableResult
    func present(_ frame: Buffer) -> Int
    /// Forgets what is on screen so the next `present` writes every cell
    /// (after a resize or a terminal that was disturbed).
    func invalidate()
    /// Sends bytes that draw nothing (a bell, a desktop-notification
    /// escape) after the frames already presented, without disturbing what
    /// the screen shows.
    func signal(_ bytes: [UInt8])
}
