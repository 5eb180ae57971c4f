import StudySpotCore

/// `[feed] source` (CONTRACT §10): where a console reads booking changes and
/// seat maps. `direct` LISTENs on every users shard (one operator on a
/// laptop); `relay` reads the streams `studyspot relay` writes to the state
/// cache, so the number of consoles does not multiply the shards' connections.
public enum FeedSource: String, Sendable, Hashable, CaseIterable {
    case direct, relay
}

extension ConfigDecoder {
    static let feedKeys = ["source"]

    /// `[feed]`: an unknown source names its line and both allowed values
    /// (a near miss also gets "did you mean").
    mutating func decodeFeed(_ c: Context) -> FeedSource? {
        rejectUnknownKeys(c, allowed: Self.feedKeys)
        guard let text = string(c, "source") else { return nil }
        if let source = FeedSource(rawValue: text) { return source }
        let allowed = FeedSource.allCases.map(\.rawValue)
        let shown = text.count > 40 ? String(text.prefix(40)) + "…" : text
        let hint = NearestName.suggestion(for: text, among: allowed).map { "did you mean \"\($0)\"? " } ?? ""
        report(line(c, "source"), c.path("source"),
               "unknown feed source \"\(shown)\"; \(hint)expected one of \(allowed.joined(separator: ", "))")
        return nil
    }
}
