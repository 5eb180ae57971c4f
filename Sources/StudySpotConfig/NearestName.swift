/// "Did you mean …?" suggestions by edit distance.
public enum NearestName {
    /// The candidate closest to `name`, if it is close enough to be a likely typo.
    public static func suggestion(for name: String, among candidates: [String]) -> String? {
        let lowered = name.lowercased()
        var best: (name: String, distance: Int)?
        for candidate in candidates {
            let distance = levenshtein(lowered, candidate.lowercased())
            if best == nil || distance < best!.distance { best = (candidate, distance) }
        }
        guard let best else { return nil }
        let allowed = max(2, min(name.count, best.name.count) / 3)
        if best.distance <= allowed { return best.name }
        // `refresh` for `refresh_seconds`: a prefix of a longer name.
        let prefixed = candidates.filter { $0.hasPrefix(lowered) || (lowered.hasPrefix($0) && $0.count >= 3) }
        return lowered.count >= 3 && prefixed.count == 1 ? prefixed[0] : nil
    }

    static func levenshtein(_ a: String, _ b: String) -> Int {
        let a = Array(a.unicodeScalars), b = Array(b.unicodeScalars)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }

    /// `did you mean "netlify"?`, else `<what> are a, b, c`.
    public static func suggestionOrList(for name: String, among candidates: [String], what: String) -> String {
        suggestion(for: name, among: candidates).map { "did you mean \"\($0)\"?" }
            ?? "\(what) are \(candidates.joined(separator: ", "))"
    }

    /// `"users"; did you mean …` tail or the list of valid names.
    static func hint(for name: String, among candidates: [String]) -> String {
        if let suggestion = suggestion(for: name, among: candidates) {
            return "did you mean \"\(suggestion)\"?"
        }
        return "expected one of " + candidates.joined(separator: ", ")
    }
}
