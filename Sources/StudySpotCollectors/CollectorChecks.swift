import StudySpotCore

extension CollectorConfig {
    /// The value of a `[[collector]]` key (`account`, `user`, `cloud_name`…).
    public func value(forKey key: String) -> String? {
        switch key {
        case "account": account
        case "user": user
        case "token": token
        default: ids[key]
        }
    }
}

extension CollectorRegistry {
    /// Why a configured collector cannot poll: no collector for its provider,
    /// or a key its provider needs is missing. Nil when it can. Never names the token's value.
    public static func problem(for config: CollectorConfig) -> String? {
        guard let type = collector(for: config.provider) else {
            let known = all.map { $0.provider }.sorted().joined(separator: ", ")
            return "no collector for provider \"\(config.provider)\" (collectors exist for \(known)); "
                + "enter its usage with `studyspot usage set \(config.provider) RESOURCE AMOUNT`"
        }
        let missing = (["token"] + type.requiredKeys).filter { (config.value(forKey: $0) ?? "").isEmpty }
        guard !missing.isEmpty else { return nil }
        let keys = missing.map { "\"\($0)\"" }.joined(separator: ", ")
        return "\(config.provider)'s collector needs \(keys) in its [[collector]] (CONTRACT §9, docs/collect.md)"
    }
}
