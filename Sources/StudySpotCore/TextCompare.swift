/// The search's match and the tables' text order without Foundation's
/// localized string methods, which reach ICU (collation and case folding)
/// and make its code and data resident the first time someone searches or
/// sorts (Benchmarks/README.md, the footprint's memory section). Case
/// mapping is the standard library's own Unicode tables.
public enum TextCompare {
    /// Whether `text` contains `query`, ignoring case; an empty query is in every text.
    public static func containsIgnoringCase(_ text: String, _ query: String) -> Bool {
        let q = Array(query.lowercased().unicodeScalars)
        guard !q.isEmpty else { return true }
        let t = Array(text.lowercased().unicodeScalars)
        guard t.count >= q.count else { return false }
        for start in 0...(t.count - q.count) where t[start] == q[0] {
            var i = 1
            while i < q.count && t[start + i] == q[i] { i += 1 }
            if i == q.count { return true }
        }
        return false
    }

    /// Finder's order, as `localizedStandardCompare` for the tables' texts:
    /// case ignored, runs of digits compared as numbers ("shard-2" before
    /// "shard-10"); texts equal that way fall back to their scalars, so the
    /// order is total.
    public static func standardLess(_ a: String, _ b: String) -> Bool {
        let x = Array(a.lowercased().unicodeScalars), y = Array(b.lowercased().unicodeScalars)
        var i = 0, j = 0
        while i < x.count && j < y.count {
            if isDigit(x[i]) && isDigit(y[j]) {
                let (ei, ej) = (digitsEnd(x, i), digitsEnd(y, j))
                let (nx, ny) = (x[i..<ei].drop { $0 == "0" }, y[j..<ej].drop { $0 == "0" })
                if nx.count != ny.count { return nx.count < ny.count }
                if !nx.elementsEqual(ny) { return nx.lexicographicallyPrecedes(ny) }
                (i, j) = (ei, ej)
            } else {
                if x[i] != y[j] { return x[i] < y[j] }
                i += 1; j += 1
            }
        }
        if x.count - i != y.count - j { return x.count - i < y.count - j }
        return a.unicodeScalars.lexicographicallyPrecedes(b.unicodeScalars)
    }

    private static func isDigit(_ s: Unicode.Scalar) -> Bool { s.value >= 48 && s.value <= 57 }

    private static func digitsEnd(_ s: [Unicode.Scalar], _ from: Int) -> Int {
        var e = from
        while e < s.count && isDigit(s[e]) { e += 1 }
        return e
    }
}
