/// A rectangle of cells; widths and heights are never negative.
public struct Rect: Sendable, Hashable, CustomStringConvertible {
    public var x: Int, y: Int, width: Int, height: Int

    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x; self.y = y; self.width = max(0, width); self.height = max(0, height)
    }

    public static let zero = Rect(x: 0, y: 0, width: 0, height: 0)
    public var isEmpty: Bool { width == 0 || height == 0 }
    public var right: Int { x + width }
    public var bottom: Int { y + height }
    public var area: Int { width * height }
    public var description: String { "\(width)×\(height)@\(x),\(y)" }

    /// The rectangle shrunk by `by` cells on every side (never below zero).
    public func inset(_ by: Int) -> Rect { inset(top: by, left: by, bottom: by, right: by) }

    public func inset(top: Int = 0, left: Int = 0, bottom: Int = 0, right: Int = 0) -> Rect {
        let w = max(0, width - left - right), h = max(0, height - top - bottom)
        return Rect(x: x + min(left, width), y: y + min(top, height), width: w, height: h)
    }

    /// The overlap of two rectangles (empty when they do not meet).
    public func intersection(_ o: Rect) -> Rect {
        let x0 = max(x, o.x), y0 = max(y, o.y)
        let x1 = min(right, o.right), y1 = min(bottom, o.bottom)
        return Rect(x: x0, y: y0, width: x1 - x0, height: y1 - y0)
    }

    public func contains(x px: Int, y py: Int) -> Bool { px >= x && px < right && py >= y && py < bottom }

    /// A `w`×`h` rectangle centred in this one, clipped to it.
    public func centered(width w: Int, height h: Int) -> Rect {
        let cw = min(w, width), ch = min(h, height)
        return Rect(x: x + (width - cw) / 2, y: y + (height - ch) / 2, width: cw, height: ch)
    }

    /// One row of this rectangle (empty when outside).
    public func row(_ i: Int) -> Rect {
        i >= 0 && i < height ? Rect(x: x, y: y + i, width: width, height: 1) : Rect(x: x, y: y, width: 0, height: 0)
    }
}

/// A size in cells.
public struct Size: Sendable, Hashable, CustomStringConvertible {
    public var width: Int, height: Int
    public init(width: Int, height: Int) { self.width = max(0, width); self.height = max(0, height) }
    public var description: String { "\(width)×\(height)" }
    /// True when this size fits inside `other`.
    public func fits(in other: Size) -> Bool { width <= other.width && height <= other.height }
}
