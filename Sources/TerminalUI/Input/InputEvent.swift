/// A mouse report (SGR 1006 encoding), 0-based cell position.
public struct MouseEvent: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        case press(Int)      // button 0 left, 1 middle, 2 right
        case release(Int)
        case drag(Int)
        case wheelUp, wheelDown
    }
    public var kind: Kind
    public var x: Int
    public var y: Int
    public var shift = false, alt = false, ctrl = false
    public init(kind: Kind, x: Int, y: Int, shift: Bool = false, alt: Bool = false, ctrl: Bool = false) {
        self.kind = kind; self.x = x; self.y = y; self.shift = shift; self.alt = alt; self.ctrl = ctrl
    }
}

/// What the user did at the terminal.
public enum InputEvent: Sendable, Hashable {
    case key(Key)
    case mouse(MouseEvent)
    /// Bracketed paste: text, never interpreted as keys (already sanitised).
    case paste(String)
}
