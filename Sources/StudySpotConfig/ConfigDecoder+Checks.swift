import StudySpotCore

/// Checks that span elements: unique names, user ranges, the one state
/// cache, quota overrides against the catalog.
extension ConfigDecoder {
    mutating func crossCheck(_ decoded: DecodedConfig) {
        if let shards = decoded.shards {
            rejectDuplicateNames(shards.map { ($0.value.name, $0.path, $0.line("name")) }, what: "shard")
            checkUserRanges(shards)
            rejectSecondOfRole(shards.filter { $0.value.role == .catalog }, role: "catalog")
            rejectSecondOfRole(shards.filter { $0.value.role == .archive }, role: "archive")
        }
        if let caches = decoded.caches {
            rejectDuplicateNames(caches.map { ($0.value.name, $0.path, $0.line("name")) }, what: "cache")
            let states = caches.filter { $0.value.role == .state }
            if let first = caches.first, states.isEmpty {
                report(first.line, "cache", "no cache has role \"state\"; exactly one must hold the platform's shared state")
            }
            if let first = states.first {
                for extra in states.dropFirst() {
                    report(extra.line("role"), extra.path + ".role",
                           "more than one state cache: \"\(first.value.name)\" (line \(first.line("role"))) already has role \"state\"")
                }
            }
        }
        if let instances = decoded.instances {
            rejectDuplicateNames(instances.map { ($0.value.name, $0.path, $0.line("name")) }, what: "instance")
        }
        var firstQuota: [String: Int] = [:]
        for quota in decoded.quotas {
            let key = QuotaEntry.key(provider: quota.value.provider, resource: quota.value.resource, account: quota.value.account)
            if let line = firstQuota[key] {
                report(quota.line, quota.path, "duplicate quota entry \"\(key)\" (first on line \(line))")
            } else {
                firstQuota[key] = quota.line
            }
        }
    }

    private mutating func rejectDuplicateNames(_ names: [(name: String, path: String, line: Int)], what: String) {
        var first: [String: Int] = [:]
        for entry in names {
            if let line = first[entry.name] {
                report(entry.line, entry.path + ".name", "duplicate \(what) name \"\(entry.name)\" (first on line \(line))")
            } else {
                first[entry.name] = entry.line
            }
        }
    }

    private mutating func rejectSecondOfRole(_ shards: [DecodedConfig.Located<ShardConfig>], role: String) {
        guard let first = shards.first else { return }
        for extra in shards.dropFirst() {
            report(extra.line("role"), extra.path + ".role",
                   "more than one \(role) shard: \"\(first.value.name)\" (line \(first.line("role"))) already has role \"\(role)\"")
        }
    }

    /// Users shards must cover 1, 2, 3, … without overlaps or gaps.
    private mutating func checkUserRanges(_ shards: [DecodedConfig.Located<ShardConfig>]) {
        let ranged = shards.enumerated()
            .compactMap { offset, shard in shard.value.users.map { (offset, shard, $0) } }
            .sorted { ($0.2.lower, $0.0) < ($1.2.lower, $1.0) }
            .map { ($0.1, $0.2) }
        guard let (first, firstRange) = ranged.first else { return }
        if firstRange.lower != 1 {
            report(first.line("users"), first.path + ".users",
                   "no users shard starts at 1: users 1–\(firstRange.lower - 1) belong to no shard, and the ops schema lives on the shard whose range starts at 1")
        }
        for ((a, rangeA), (b, rangeB)) in zip(ranged, ranged.dropFirst()) {
            let names = "\(a.value.name) \(rangeA) and \(b.value.name) \(rangeB)"
            guard let upperA = rangeA.upper, rangeB.lower > upperA else {
                report(b.line("users"), b.path + ".users", "ranges overlap: \(names)")
                continue
            }
            if upperA < rangeB.lower - 1 {
                report(b.line("users"), b.path + ".users",
                       "gap between ranges: users \(upperA + 1)–\(rangeB.lower - 1) belong to no shard (\(a.value.name) \(rangeA), \(b.value.name) \(rangeB))")
            }
        }
    }

    // MARK: Quotas over the catalog

    /// Lays `[[quota]]` entries over `base`: a known provider/resource changes
    /// only the fields given; a new one needs enough to be gauged.
    /// `complete` (the shipped catalog) requires every descriptive field.
    ///
    /// Accounts: a `[[quota]]` with `account` makes the resource one entry per
    /// account, each starting from the base's entry (its limit, unit, period)
    /// with the fields given. The accounts a file names for a resource are all
    /// it has: the base's account-less entry and the base's own accounts of
    /// that resource give way. A `[[quota]]` without `account` for a resource
    /// kept per account changes every account's entry.
    mutating func applyQuotas(_ patches: [DecodedConfig.Located<QuotaPatch>], to base: [QuotaEntry], complete: Bool) -> [QuotaEntry] {
        func resource(_ p: String, _ r: String) -> String { QuotaEntry.key(provider: p, resource: r, account: nil) }
        let named = Set(patches.compactMap { $0.value.account == nil ? nil : resource($0.value.provider, $0.value.resource) })
        var templates: [String: QuotaEntry] = [:]
        for e in base where named.contains(resource(e.provider, e.resource)) {
            let r = resource(e.provider, e.resource)
            if templates[r] == nil || (e.account == nil && templates[r]?.account != nil) { templates[r] = e }
        }
        var order: [String: Int] = [:]
        for (i, e) in base.enumerated() where order[resource(e.provider, e.resource)] == nil { order[resource(e.provider, e.resource)] = i }
        var entries = base.filter { !named.contains(resource($0.provider, $0.resource)) }
        var index = Dictionary(entries.enumerated().map { ($1.key, $0) }, uniquingKeysWith: { a, _ in a })
        for located in patches {
            let patch = located.value
            let key = QuotaEntry.key(provider: patch.provider, resource: patch.resource, account: patch.account)
            if let at = index[key] {
                entries[at] = Self.patched(entries[at], patch)
                continue
            }
            let r = resource(patch.provider, patch.resource)
            if patch.account != nil, let template = templates[r] ?? entries.first(where: { resource($0.provider, $0.resource) == r }) {
                var entry = Self.patched(template, patch)
                entry.account = patch.account
                index[key] = entries.count
                entries.append(entry)
                continue
            }
            if patch.account == nil, entries.contains(where: { resource($0.provider, $0.resource) == r }) {
                for i in entries.indices where resource(entries[i].provider, entries[i].resource) == r {
                    entries[i] = Self.patched(entries[i], patch)
                }
                continue
            }
            var absent: [String] = []
            let needsLimit = !complete && patch.verdict != .gone
            if patch.limit == nil && needsLimit && located.keyLines["limit"] == nil { absent.append("limit") }
            if patch.unit == nil && located.keyLines["unit"] == nil { absent.append("unit") }
            if patch.period == nil && located.keyLines["period"] == nil { absent.append("period") }
            if complete {
                let descriptive = ["category": patch.category == nil, "plan": patch.planText == nil,
                                   "current": patch.currentText == nil, "source": patch.source == nil,
                                   "checked": patch.checked == nil, "verdict": patch.verdict == nil]
                for field in ["category", "plan", "current", "source", "checked", "verdict"]
                where descriptive[field] == true && located.keyLines[field] == nil {
                    absent.append(field)
                }
            }
            for field in absent {
                report(located.line, located.path,
                       "missing required key \"\(field)\" (\"\(r)\" is not in the quota catalog, so this entry adds it)")
            }
            guard absent.isEmpty, let unit = patch.unit, let period = patch.period,
                  patch.limit != nil || !needsLimit else { continue }
            let category = patch.category
                ?? entries.first { $0.provider == patch.provider }?.category
                ?? Self.category(forUnit: unit)
            let current = patch.limit.map { "\(Self.format($0)) \(unit) per \(period.rawValue)" } ?? "none"
            let entry = QuotaEntry(
                provider: patch.provider, resource: patch.resource, category: category,
                limit: patch.limit, unit: unit, period: period, planLimit: patch.planLimit,
                planText: patch.planText ?? "—", currentText: patch.currentText ?? current,
                source: patch.source ?? "configuration", checked: patch.checked ?? "n.d.",
                verdict: patch.verdict ?? .unverified, account: patch.account)
            index[key] = entries.count
            entries.append(entry)
        }
        // A resource's accounts stand where its catalog entry stood.
        return entries.enumerated().sorted { a, b in
            let oa = order[resource(a.element.provider, a.element.resource)] ?? base.count + a.offset
            let ob = order[resource(b.element.provider, b.element.resource)] ?? base.count + b.offset
            return (oa, a.offset) < (ob, b.offset)
        }.map(\.element)
    }

    /// A shard's, cache's or instance's `account` must be one a quota of its
    /// provider names, or its figures would count against nothing.
    mutating func checkTargetAccounts(_ decoded: DecodedConfig, quotas: [QuotaEntry]) {
        let targets = (decoded.shards ?? []).map { ($0.value.provider, $0.value.account, $0.path, $0.line("account")) }
            + (decoded.caches ?? []).map { ($0.value.provider, $0.value.account, $0.path, $0.line("account")) }
            + (decoded.instances ?? []).map { ($0.value.provider, $0.value.account, $0.path, $0.line("account")) }
        for (provider, account, path, line) in targets {
            guard let account else { continue }
            let known = Set(quotas.filter { $0.provider == provider }.compactMap(\.account)).sorted()
            guard !known.contains(account) else { continue }
            let hint = known.isEmpty ? "add a [[quota]] for it with account = \"\(account)\""
                : "its accounts: \(known.joined(separator: ", "))"
            report(line, path + ".account", "no [[quota]] of provider \"\(provider)\" names account \"\(account)\" (\(hint))")
        }
    }

    /// `entry` with the fields `patch` gives.
    static func patched(_ entry: QuotaEntry, _ patch: QuotaPatch) -> QuotaEntry {
        var entry = entry
        if let v = patch.category { entry.category = v }
        if let v = patch.limit { entry.limit = v }
        if let v = patch.unit { entry.unit = v }
        if let v = patch.period { entry.period = v }
        if let v = patch.planLimit { entry.planLimit = v }
        if let v = patch.planText { entry.planText = v }
        if let v = patch.currentText { entry.currentText = v }
        if let v = patch.source { entry.source = v }
        if let v = patch.checked { entry.checked = v }
        if let v = patch.verdict { entry.verdict = v }
        return entry
    }

    /// A new provider's category when the file does not say.
    static func category(forUnit unit: String) -> QuotaCategory {
        switch unit {
        case "emails": .email
        case "messages": .sms
        case "commands": .cache
        case "requests", "builds": .frontend
        case "hours", "USD", "instances": .compute
        case "users": .auth
        case "events", "errors", "monitors": .monitoring
        case "subscribers": .push
        case "rows", "databases": .database
        default: .storage
        }
    }
}
