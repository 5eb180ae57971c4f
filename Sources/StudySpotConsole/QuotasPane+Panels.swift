import Foundation
import StudySpotCore
import TerminalUI

/// The e-mail router's lines: per sender today vs its daily limit, the
/// month vs its monthly limit, the sender used next, the queue.
func quotaEmailLines(_ s: State, width: Int, compact: Bool) -> [(String, Role)] {
    guard let e = s.quotas.email else { return [("E-mail router: no counters yet", .muted)] }
    var head = "E-mail router · next: \(e.next ?? "none, mail queues") · queue \(e.queueLength)"
    if let at = e.oldestQueuedAt { head += ", oldest \(QuotaText.duration(s.now.timeIntervalSince(at))) ago" }
    let headRole: Role = e.next == nil ? .critical : e.queueLength > 0 ? .warning : .accent
    func n(_ v: Int) -> String { CapacityFormat.number(Double(v)) }
    func limits(_ sent: Int, _ limit: Int?) -> String { limit.map { "\(n(sent))/\(n($0))" } ?? n(sent) }
    if compact {
        // One line for the lot: the fullest senders first would hide the order; keep the router's.
        let all = e.senders.map { x in x.provider + (x.gone ? "✕" : "") + " " + limits(x.sentToday, x.dailyLimit) + "·" + limits(x.sentThisMonth, x.monthlyLimit) }
        return [(head, headRole), ("  " + all.joined(separator: "  "), .text)]
    }
    var lines: [(String, Role)] = [(head, headRole)]
    for x in e.senders {
        var t = "  " + TextFit.pad(x.provider + (x.provider == e.next ? " ←next" : ""), to: 20)
        t += TextFit.pad("today " + limits(x.sentToday, x.dailyLimit), to: 16)
        t += TextFit.pad("month " + limits(x.sentThisMonth, x.monthlyLimit), to: 20)
        if x.gone { t += "✕ no free tier any more" }
        else if let c = x.currentMonthlyLimit, c != x.monthlyLimit { t += "current terms \(n(c))/month" }
        else if let c = x.currentDailyLimit, c != x.dailyLimit { t += "current terms \(n(c))/day" }
        let spent = (x.dailyLimit.map { x.sentToday >= $0 } ?? false) || (x.monthlyLimit.map { x.sentThisMonth >= $0 } ?? false)
        lines.append((t, x.gone ? .critical : spent ? .warning : .text))
    }
    return lines
}

/// The console's own cost: per target with a metered quota, the projected
/// daily use as a share of the quota and of the budget, and the polling stretch.
func quotaCostLines(_ s: State, width: Int, compact: Bool) -> [(String, Role)] {
    let metered = s.quotas.costDetail.filter { $0.quotaKey != nil }
    let total = s.quotas.costDetail.reduce(0) { $0 + $1.operationsToday }
    // A projection from the first minutes would read "100× the budget":
    // until a target has been watched long enough it is "measuring".
    let projected = metered.filter { !$0.measuring }
    let worst = projected.map(\.budgetShare).max() ?? 0
    let head = "Console cost · \(CapacityFormat.number(Double(total))) operations today · "
        + (projected.isEmpty && !metered.isEmpty ? measuring(metered.map(\.watchedSeconds).min() ?? 0) : "worst " + budget(worst))
    let headRole: Role = worst > 1 ? .critical : worst > 0.8 ? .warning : .accent
    func line(_ p: CostProjection) -> String {
        var t = "\(p.target) \(CapacityFormat.number(Double(p.operationsToday))) ops"
        if p.measuring { return t + ", " + measuring(p.watchedSeconds) }
        if let q = p.quotaShare, let key = p.quotaKey { t += ", \(percent(q, digits: 2)) of \(key)/day" }
        t += ", " + budget(p.budgetShare)
        if p.stretch > 1.01 { t += ", polling ×\(CapacityFormat.number(p.stretch)) slower" }
        return t
    }
    if compact {
        return [(head + (metered.isEmpty ? "" : ": " + metered.map(line).joined(separator: " · ")), headRole)]
    }
    return [(head, headRole)] + metered.map { ("  " + line($0), !$0.measuring && $0.budgetShare > 1 ? Role.critical : .text) }
}

/// "measuring (3 of 10 min)": the cost is not projected yet.
func measuring(_ watched: Double) -> String {
    "measuring (\(Int(watched / 60)) of \(Int(CostBudget.minimumWindow / 60)) min)"
}

/// "0.8% of budget", or "55× the budget" when far over.
func budget(_ share: Double) -> String {
    share >= 10 ? "\(Int(share.rounded()))× the budget" : percent(share) + " of budget"
}

func percent(_ share: Double, digits: Int = 1) -> String {
    String(format: "%.\(digits)f%%", share * 100)
}
