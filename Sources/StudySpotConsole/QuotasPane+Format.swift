import Foundation
import StudySpotCore
import TerminalUI

/// How the Quotas pane writes amounts, rates and times.
enum QuotaText {
    /// 0.4612 GB → "0.46"; 1912 → "1,912"; 261_000 → "261K"; 2_700_000 → "2.7M".
    static func amount(_ v: Double) -> String {
        let a = abs(v)
        if a >= 10_000_000 { return CapacityFormat.number(v / 1_000_000) + "M" }
        if a >= 1_000_000 { return String(format: "%.1fM", v / 1_000_000) }
        if a >= 100_000 { return CapacityFormat.number(v / 1_000) + "K" }
        if a >= 100 || abs(v - v.rounded()) < 0.005 { return CapacityFormat.number(v) }
        return String(format: a < 10 ? "%.2f" : "%.1f", v)
    }

    /// "0.46/0.5 GB", "100/100 emails", "3 emails" (no limit).
    static func used(_ g: QuotaGauge) -> String {
        let u = g.used.map(amount) ?? "–"
        if let l = g.entry.limit { return "\(u)/\(amount(l)) \(g.entry.unit)" }
        return "\(u) \(g.entry.unit)"
    }

    /// "+11/day" (per day, in the gauge's unit).
    static func burn(_ v: Double?) -> String {
        guard let v else { return "–" }
        return "+" + amount(v) + "/d"
    }

    /// "3d 4h", "5h", "12m".
    static func duration(_ seconds: Double) -> String {
        let s = max(0, Int(seconds))
        if s >= 86_400 { return "\(s / 86_400)d \((s % 86_400) / 3_600)h" }
        if s >= 3_600 { return "\(s / 3_600)h \((s % 3_600) / 60)m" }
        return "\(s / 60)m"
    }

    /// "full 29 Nov" / "over" / "resets in 5d 3h" / "rolling" / "".
    static func outlook(_ g: QuotaGauge, now: Date) -> String {
        if let out = g.runsOutAt {
            return out <= now ? "over limit" : "full \(CapacityFormat.day(out, relativeTo: now))"
        }
        if let r = g.resetsAt { return "resets \(duration(r.timeIntervalSince(now)))" }
        return g.entry.period.isRolling ? "rolling \(g.entry.period == .rolling24h ? "24h" : "30d")" : ""
    }

    /// "plan 3 GB (changed)", "✕ no free tier", or the measured value when it disagrees.
    static func note(_ g: QuotaGauge) -> String {
        var parts: [String] = []
        let flag = quotaProblemNote(g)
        if !flag.isEmpty { parts.append(flag) }
        if let m = g.measured, let u = g.used, disagree(m, u) { parts.append("seen \(amount(m))") }
        switch g.entry.verdict {
        case .gone: parts.append("✕ no free tier: \(g.entry.currentText)")
        case .changed, .partly, .unverified: parts.append("plan \(g.entry.planText) (\(g.entry.verdict.rawValue))")
        case .confirmed: break
        }
        return parts.joined(separator: " · ")
    }

    /// Whether a measured value and the metered one differ by more than 5%.
    static func disagree(_ a: Double, _ b: Double) -> Bool {
        let top = max(abs(a), abs(b))
        return top > 0 && abs(a - b) / top > 0.05
    }

    static func role(_ s: Severity) -> Role {
        switch s { case .ok: .ok; case .warning: .warning; case .critical: .critical; case .unknown: .muted }
    }
}
