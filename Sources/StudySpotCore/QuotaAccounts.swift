/// Which provider account a shard, cache or instance counts against, and so
/// which quota entry its self-measured figure (database size, Redis memory,
/// instance hours) feeds. Pure.
public enum QuotaAccounts {
    /// A target's account: its own `account` key; else its name, when a quota
    /// entry of its provider names an account so (the plan names its Render
    /// accounts after their instances); else nil, the provider's only account.
    public static func account(name: String, provider: String, explicit: String?, entries: [QuotaEntry]) -> String? {
        if let explicit { return explicit }
        return entries.contains { $0.provider == provider && $0.account == name } ? name : nil
    }

    /// Whether a target of `entry`'s provider, belonging to `account`, feeds
    /// `entry`: an account's entry takes that account's targets; the
    /// account-less entry takes the others, unless their account has an
    /// entry of its own for the resource.
    public static func feeds(_ entry: QuotaEntry, account: String?, entries: [QuotaEntry]) -> Bool {
        if let own = entry.account { return account == own }
        guard let account else { return true }
        return !entries.contains { $0.provider == entry.provider && $0.resource == entry.resource && $0.account == account }
    }

    /// The accounts with an entry for any of a provider's `resources`
    /// (nil for the account-less entries), in catalog order.
    public static func accounts(provider: String, resources: [String], entries: [QuotaEntry]) -> [String?] {
        var seen: [String?] = []
        for e in entries where e.provider == provider && resources.contains(e.resource) && !seen.contains(e.account) {
            seen.append(e.account)
        }
        return seen
    }

    /// One account's entry for a resource, or the account-less one it shares.
    public static func entry(provider: String, resource: String, account: String?, in entries: [QuotaEntry]) -> QuotaEntry? {
        entries.first { $0.provider == provider && $0.resource == resource && $0.account == account }
            ?? entries.first { $0.provider == provider && $0.resource == resource && $0.account == nil }
    }
}
