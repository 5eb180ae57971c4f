/// A number's spellings from longest to shortest, for `TextFit.firstFitting`:
/// a narrow column shows "1.2M" rather than a cut "1,234,5".
public enum NumberText {
    /// "1,234,567", "1.23M", "1.2M", "1M"; small numbers have one form.
    public static func countForms(_ n: Int64) -> [String] {
        let whole = grouped(n)
        let m = Double(n.magnitude), sign = n < 0 ? "-" : ""
        guard m >= 1_000 else { return [whole] }
        let (value, unit): (Double, String) = m >= 1e12 ? (m / 1e12, "T") : m >= 1e9 ? (m / 1e9, "G") : m >= 1e6 ? (m / 1e6, "M") : (m / 1e3, "K")
        var forms = [whole]
        for digits in [2, 1, 0] {
            let f = sign + fixed(value, digits) + unit
            if !forms.contains(f) { forms.append(f) }
        }
        return forms
    }

    /// "1,234,567"
    public static func grouped(_ n: Int64) -> String {
        let digits = String(n.magnitude)
        var out = n < 0 ? "-" : ""
        for (i, ch) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return out
    }

    /// `value` with `digits` decimals, rounded half up, without Foundation.
    public static func fixed(_ value: Double, _ digits: Int) -> String {
        guard value.isFinite else { return value.isNaN ? "NaN" : value < 0 ? "-∞" : "∞" }
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let scaled = (abs(value) * scale).rounded()
        let whole = Int64(min(scaled / scale, 9e17).rounded(.down))
        let frac = Int64(scaled - Double(whole) * scale)
        var s = (value < 0 && scaled > 0 ? "-" : "") + String(whole)
        if digits > 0 {
            let f = String(frac)
            s += "." + String(repeating: "0", count: max(0, digits - f.count)) + f
        }
        return s
    }
}
