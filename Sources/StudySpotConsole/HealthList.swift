import StudySpotCore
import TerminalUI

// What the Shards and Caches panes share: a list of named readings, filled
// in as each source reports, drawn as one table row per source.

/// A reading of one named source that may or may not answer.
protocol HealthReading: Sendable {
    var name: String { get }
    /// nil until the first check.
    var reachable: Bool? { get }
    var error: String? { get }
}

extension ShardHealth: HealthReading {}
extension CacheHealth: HealthReading {}

/// What the Shards and Caches panes' monitors report.
public enum HealthListEvent<Health: Sendable>: Sendable {
    /// The configured sources, before any reading (so `loaded` knows what to wait for).
    case configured([Health])
    case reading(Health)
}

/// Folds an event into the list: a reading replaces the source's entry
/// (through `merge`, old then new), or is appended. Returns whether every
/// source has now been checked.
func foldHealth<H: HealthReading>(_ list: inout [H], _ event: HealthListEvent<H>,
                                  merge: (H, H) -> H = { $1 }) -> Bool {
    switch event {
    case .configured(let configured): list = configured
    case .reading(let h):
        if let i = list.firstIndex(where: { $0.name == h.name }) { list[i] = merge(list[i], h) } else { list.append(h) }
    }
    return list.allSatisfy { $0.reachable != nil }
}

/// The STATE column.
func reachabilityCell(_ reachable: Bool?) -> TableCell {
    switch reachable {
    case true?: TableCell("● reachable", role: .ok)
    case false?: TableCell("✕ unreachable", role: .critical)
    case nil: TableCell("? checking", role: .muted)
    }
}

/// A usage gauge's role: critical from 95%, warning from 80%.
func usageRole(_ ratio: Double) -> Role { ratio >= 0.95 ? .critical : ratio >= 0.8 ? .warning : .ok }

/// A table with one line per error under it (errors are too long for a column).
func renderTableWithErrors(_ s: State, _ table: Table, errors: [(String, String)], _ area: Rect, _ buffer: inout Buffer) {
    let n = min(errors.count, max(0, area.height - 3))
    buffer.render(table, in: Rect(x: area.x, y: area.y, width: area.width, height: area.height - n), theme: s.theme)
    for (i, e) in errors.prefix(n).enumerated() {
        buffer.put("✕ \(e.0): \(e.1)", x: area.x, y: area.bottom - n + i, style: s.theme[.critical], clip: area)
    }
}
