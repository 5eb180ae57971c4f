extension Sequence where Element == QuotaEntry {
    /// The providers of these entries, each once, in their first entry's order.
    public var providers: [String] {
        reduce(into: [String]()) { if !$0.contains($1.provider) { $0.append($1.provider) } }
    }
}
