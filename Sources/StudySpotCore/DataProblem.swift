import Foundation

/// Something in the platform's data that cannot be right: the console shows
/// it anyway, marked, and says so (hostile data).
public enum DataProblemKind: String, Sendable, Hashable, CaseIterable, Codable {
    case endsBeforeStarts = "ends-before-starts"
    case unknownLibrary = "unknown-library"
    case unknownSeat = "unknown-seat"
    case negativeAmount = "negative-amount"
    case ownerMismatch = "owner-mismatch"
    case duplicateSeatPosition = "duplicate-seat-position"
    case negativeSeatPosition = "negative-seat-position"
    case emptyName = "empty-name"
    case negativeUsage = "negative-usage"
    case implausibleUsage = "implausible-usage"
    case negativeWeight = "negative-weight"
    case negativeCounter = "negative-counter"
    case futureStart = "future-start"

    /// The count and the noun, as an operator reads it: "3 bookings end before they start".
    public func phrase(_ n: Int) -> String {
        let one = n == 1
        switch self {
        case .endsBeforeStarts: return one ? "1 booking ends before it starts" : "\(n) bookings end before they start"
        case .unknownLibrary: return "\(n) booking\(one ? "" : "s") for libraries not in the catalog"
        case .unknownSeat: return "\(n) booking\(one ? "" : "s") for seats not in the catalog"
        case .negativeAmount: return "\(n) booking\(one ? "" : "s") with a negative amount"
        case .ownerMismatch: return "\(n) booking\(one ? "" : "s") whose owner is not the library's"
        case .duplicateSeatPosition: return "\(n) duplicate seat position\(one ? "" : "s")"
        case .negativeSeatPosition: return "\(n) seat\(one ? "" : "s") at a negative row or column"
        case .emptyName: return "\(n) empty name\(one ? "" : "s")"
        case .negativeUsage: return "negative usage from \(n) resource\(one ? "" : "s")"
        case .implausibleUsage: return "\(n) resource\(one ? "" : "s") with unusable usage samples"
        case .negativeWeight: return "\(n) negative load-balancer weight\(one ? "" : "s")"
        case .negativeCounter: return "\(n) negative counter\(one ? "" : "s")"
        case .futureStart: return "\(n) heartbeat\(one ? "" : "s") started in the future"
        }
    }

    /// Three to five words for a row marker ("⚠ ends < starts").
    public var short: String {
        switch self {
        case .endsBeforeStarts: "ends before start"
        case .unknownLibrary: "library not in catalog"
        case .unknownSeat: "seat not in catalog"
        case .negativeAmount: "negative amount"
        case .ownerMismatch: "owner is not the library's"
        case .duplicateSeatPosition: "duplicate position"
        case .negativeSeatPosition: "negative position"
        case .emptyName: "empty name"
        case .negativeUsage: "negative usage"
        case .implausibleUsage: "unusable usage sample"
        case .negativeWeight: "negative weight"
        case .negativeCounter: "negative counter"
        case .futureStart: "started in the future"
        }
    }
}

/// One inconsistency: what, where (shard, library, provider, key) and which
/// row (booking id, seat labels, the value).
public struct DataProblem: Sendable, Hashable, Codable {
    public var kind: DataProblemKind
    /// Where it was found: "neon", "library 12 Gyan Kendra", "upstash commands", "lb:weights".
    public var place: String
    /// Which row or value: "#1000000042", "r3c4: A12, A13", "-5 GB".
    public var detail: String

    public init(_ kind: DataProblemKind, place: String, detail: String) {
        self.kind = kind; self.place = place; self.detail = detail
    }

    /// "neon #1000000042".
    public var whereText: String { detail.isEmpty ? place : place.isEmpty ? detail : "\(place) \(detail)" }
}

/// Problems of one kind, counted, with the first few places named.
public struct DataProblemSummary: Sendable, Hashable {
    public var kind: DataProblemKind
    public var count: Int
    /// The first few, for "(neon #42, supabase #7, …)".
    public var examples: [DataProblem]

    /// "3 bookings end before they start (neon #42, supabase #7, …)"; `examples`
    /// of them at most.
    public func text(examples shown: Int = 3) -> String {
        let named = examples.prefix(shown).map(\.whereText)
        guard !named.isEmpty else { return kind.phrase(count) }
        return kind.phrase(count) + " (" + named.joined(separator: ", ") + (count > named.count ? ", …" : "") + ")"
    }
}

extension DataProblemSummary {
    /// Short for a pane's flag line: named where the name is the point.
    public var compactText: String {
        switch kind {
        case .duplicateSeatPosition where count == 1: return "duplicate seat position " + (examples.first?.detail ?? "")
        case .duplicateSeatPosition, .negativeSeatPosition: return text(examples: 2)
        default: return kind.phrase(count)
        }
    }
}

public enum DataProblems {
    /// Problems grouped by kind in `DataProblemKind` order, `keep` examples each.
    public static func summarize(_ problems: [DataProblem], keep: Int = 3) -> [DataProblemSummary] {
        var byKind: [DataProblemKind: DataProblemSummary] = [:]
        for p in problems {
            var s = byKind[p.kind] ?? DataProblemSummary(kind: p.kind, count: 0, examples: [])
            s.count += 1
            if s.examples.count < keep { s.examples.append(p) }
            byKind[p.kind] = s
        }
        return DataProblemKind.allCases.compactMap { byKind[$0] }
    }

    /// One line for a pane, most telling first: positions are named ("duplicate
    /// seat position Quiet r3c4: A12, A13"), the rest counted ("3 bookings end
    /// before they start"); nil when clean. `first` kinds lead.
    public static func line(_ problems: [DataProblem], first: [DataProblemKind] = []) -> String? {
        var s = summarize(problems, keep: 2)
        guard !s.isEmpty else { return nil }
        s.sort { (first.firstIndex(of: $0.kind) ?? first.count) < (first.firstIndex(of: $1.kind) ?? first.count) }
        return "⚠ " + s.map(\.compactText).joined(separator: " · ")
    }

    /// Text from the data cut to `limit` characters ("…" when cut), so a 10 KB
    /// name cannot swamp a one-line flag.
    public static func clip(_ s: String, _ limit: Int = 24) -> String {
        var n = 0
        for i in s.indices {
            if n == limit { return String(s[..<i]) + "…" }
            n += 1
        }
        return s
    }

    /// A value for display as the platform wrote it: "-5", "-0.25", "NaN".
    public static func number(_ v: Double) -> String {
        guard v.isFinite else { return v.isNaN ? "NaN" : (v > 0 ? "Infinity" : "-Infinity") }
        if abs(v) >= 1e15 { return String(format: "%.3g", v) }
        if v == v.rounded() { return String(Int64(v)) }
        return String(format: "%.4g", v)
    }
}
