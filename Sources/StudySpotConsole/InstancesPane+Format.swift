import Foundation

// Small number formats shared by the operator panes.

/// "41ms", "3.1s", "-".
func fmtLatency(_ seconds: Double?) -> String {
    guard let s = seconds else { return "-" }
    if s < 1 { return "\(Int((s * 1000).rounded()))ms" }
    return String(format: "%.1fs", s)
}

/// "1.2 GB", "340 MB", "12 KB".
func fmtBytes(_ b: Int64?) -> String {
    guard let b else { return "-" }
    let d = Double(b)
    if d >= 1_073_741_824 { return String(format: "%.2f GB", d / 1_073_741_824) }
    if d >= 1_048_576 { return String(format: "%.0f MB", d / 1_048_576) }
    if d >= 1024 { return String(format: "%.0f KB", d / 1024) }
    return "\(b) B"
}

/// "61,220".
func fmtCount(_ n: Int64?) -> String {
    guard let n else { return "-" }
    // By hand: a NumberFormatter made per call (ICU underneath) was a quarter
    // of the dashboard's CPU at a 1 s refresh (Benchmarks/README.md).
    let digits = String(n.magnitude)
    var out = n < 0 ? "-" : ""
    for (i, ch) in digits.enumerated() {
        if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
        out.append(ch)
    }
    return out
}

/// "45s", "22m", "3h", "4d".
func fmtAge(_ seconds: Double?) -> String {
    // Ages come from heartbeats and /health bodies: anything past ±30,000 years is not an age.
    guard let s = seconds, s.isFinite, abs(s) < 1e12 else { return "-" }
    if s < 60 { return "\(Int(s))s" }
    if s < 3600 { return "\(Int(s / 60))m" }
    if s < 86_400 { return "\(Int(s / 3600))h" }
    return "\(Int(s / 86_400))d"
}

/// "75%" / "0.5%".
func fmtPercent(_ ratio: Double?) -> String {
    guard let r = ratio, r.isFinite else { return "-" }
    let p = r * 100
    // A hostile reading (used memory far past its limit) must not trap converting to Int.
    if abs(p) >= 1_000_000 { return p > 0 ? "≥1M%" : "≤-1M%" }
    if p > 0 && p < 10 { return String(format: "%.1f%%", p) }
    return "\(Int(p.rounded()))%"
}

/// A text sparkline of the last `width` values.
func sparkText(_ values: [Double], width: Int) -> String {
    let bars: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
    let v = Array(values.suffix(max(0, width)))
    guard let hi = v.max(), hi > 0 else { return String(repeating: "▁", count: v.count) }
    return String(v.map { bars[min(7, max(0, Int(($0 / hi) * 7.999)))] })
}
