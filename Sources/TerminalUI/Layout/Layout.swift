/// How much of a row or column one part takes.
public enum Constraint: Sendable, Hashable {
    /// Exactly this many cells (less only when the space runs out).
    case fixed(Int)
    /// This share of the space, in percent.
    case percentage(Int)
    /// At least this many cells; grows with the fill parts.
    case min(Int)
    /// A weighted share of what is left after the others.
    case fill(Int)
}

/// Which way `Layout.split` cuts.
public enum Direction: Sendable { case horizontal, vertical }

/// Splits rectangles by constraints.
public enum Layout {
    /// Parts of `rect` along `direction`, one per constraint, in order,
    /// separated by `spacing` cells. They never overlap or leave `rect`;
    /// when the space is short the last parts shrink first.
    public static func split(_ rect: Rect, _ direction: Direction, _ constraints: [Constraint], spacing: Int = 0) -> [Rect] {
        guard !constraints.isEmpty else { return [] }
        let length = direction == .horizontal ? rect.width : rect.height
        let total = max(0, length - spacing * (constraints.count - 1))
        var sizes = constraints.map { c -> Int in
            switch c {
            case .fixed(let n), .min(let n): max(0, n)
            case .percentage(let p): total * max(0, min(100, p)) / 100
            case .fill: 0
            }
        }
        var used = sizes.reduce(0, +)
        var i = sizes.count - 1
        while used > total && i >= 0 {
            let cut = min(sizes[i], used - total)
            sizes[i] -= cut; used -= cut; i -= 1
        }
        var left = total - used
        if left > 0 {
            var weights = constraints.map { c -> Int in if case .fill(let w) = c { return max(1, w) } else { return 0 } }
            if weights.allSatisfy({ $0 == 0 }) {
                weights = constraints.map { c -> Int in if case .min = c { return 1 } else { return 0 } }
            }
            let sum = weights.reduce(0, +)
            if sum > 0 {
                var given = 0
                let lastWeighted = weights.lastIndex { $0 > 0 }!
                for k in weights.indices where weights[k] > 0 {
                    let share = k == lastWeighted ? left - given : left * weights[k] / sum
                    sizes[k] += share; given += share
                }
                left = 0
            }
        }
        var out: [Rect] = []
        var pos = direction == .horizontal ? rect.x : rect.y
        for s in sizes {
            switch direction {
            case .horizontal: out.append(Rect(x: pos, y: rect.y, width: s, height: rect.height))
            case .vertical: out.append(Rect(x: rect.x, y: pos, width: rect.width, height: s))
            }
            pos += s + spacing
        }
        return out
    }

    /// The message shown instead of a layout that does not fit.
    public static func tooSmallMessage(have: Size, need: Size) -> String {
        "terminal too small: \(have.width)×\(have.height), need \(need.width)×\(need.height)"
    }

    /// Draws the "too small" message centred (wrapped if even that does not
    /// fit) and returns true, or returns false when `area` is big enough.
    @discardableResult
    public static func drawTooSmallIfNeeded(_ area: Rect, need: Size, into buffer: inout Buffer, theme: Theme) -> Bool {
        let have = Size(width: area.width, height: area.height)
        if need.fits(in: have) { return false }
        buffer.fill(area, style: theme[.background])
        let lines = TextFit.wrap(tooSmallMessage(have: have, need: need), width: area.width)
        let top = area.y + max(0, (area.height - lines.count) / 2)
        for (i, l) in lines.enumerated() where top + i < area.bottom {
            let x = area.x + max(0, (area.width - DisplayWidth.of(l)) / 2)
            buffer.put(l, x: x, y: top + i, style: theme[.warning], clip: area)
        }
        return true
    }
}
