import Foundation
import StudySpotCore
import TerminalUI

/// The plan's capacity verification recomputed: one sentence per need and
/// its providers under the plan and under the current terms.
func renderCapacity(_ s: State, _ area: Rect, _ buffer: inout Buffer) {
    let block = Block(title: "Capacity · plan vs current terms", rightTitle: "c gauges")
    buffer.render(block, in: area, theme: s.theme)
    let inner = block.inner(area).inset(left: 1, right: 1)
    guard !inner.isEmpty else { return }
    var lines = capacityLines(s, width: inner.width, roomy: true)
    if lines.count > inner.height { lines = capacityLines(s, width: inner.width, roomy: false) }
    let offset = min(s.selection, max(0, lines.count - inner.height))
    for (i, line) in lines.dropFirst(offset).prefix(inner.height).enumerated() {
        buffer.put(line.0, x: inner.x, y: inner.y + i, style: s.theme[line.1], clip: inner)
    }
}

/// Each need's sentence (wrapped) and its providers; `roomy` wraps the
/// providers too and leaves a blank line between needs.
private func capacityLines(_ s: State, width: Int, roomy: Bool) -> [(String, Role)] {
    var lines: [(String, Role)] = []
    for r in s.quotas.capacity {
        let role: Role = r.shortBy == nil ? .ok : .critical
        lines += TextFit.wrap((r.shortBy == nil ? "● " : "✕ ") + r.sentence, width: width).map { ($0, role) }
        var detail = "  burn " + (r.burn.map { QuotaText.amount($0) + (r.need.isStock ? " \(r.need.unit) used" : "/month") } ?? "–")
        detail += " · " + r.shares.map { share in
            if share.verdict == .gone { return "\(share.provider) ✕ gone" }
            func t(_ c: CapacityAmount) -> String { c.value.map(QuotaText.amount) ?? "∞" }
            return "\(share.provider) \(t(share.plan))→\(t(share.current))"
        }.joined(separator: " · ")
        if !r.unverified.isEmpty { detail += " · unverified: " + r.unverified.joined(separator: ", ") }
        lines += (roomy ? TextFit.wrap(detail, width: width) : [TextFit.truncate(detail, to: width)]).map { ($0, Role.muted) }
        if roomy { lines.append(("", .text)) }
    }
    if s.quotas.capacity.isEmpty { lines.append(("no capacity figures yet", .muted)) }
    return lines
}
