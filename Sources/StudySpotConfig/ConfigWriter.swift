import Foundation
import StudySpotCore

/// Writes configuration as TOML the loader reads back: for the local stack's
/// config file and for `studyspot config show`. Never used on the user's file.
public enum ConfigWriter {
    /// A config file describing `topology` (and `login`, `console` when given).
    /// With `maskSecrets`, passwords in DSNs, URLs and `[login]` are masked
    /// (for showing, not for loading).
    public static func render(topology: Topology, login: LoginConfig? = nil, console: ConsoleSettings? = nil,
                              header: String? = nil, maskSecrets: Bool = false) -> String {
        var out: [String] = []
        if let header {
            out += header.split(separator: "\n", omittingEmptySubsequences: false).map { "# \($0)" }
            out.append("")
        }
        func secret(_ text: String) -> String { maskSecrets ? SecretMasking.masked(text) : text }
        if let console {
            out += ["[console]",
                    "refresh_seconds = \(number(console.refreshSeconds))",
                    "theme = \(quote(console.theme))",
                    "budget_percent = \(number(console.budgetPercent))",
                    "log_level = \(quote(console.logLevel))",
                    "clock_seconds = \(console.clockSeconds)", ""]
        }
        if let login {
            out += ["[login]", "user = \(quote(login.user))"]
            if let password = login.password {
                out.append("password = \(quote(maskSecrets ? SecretMasking.mask : password))")
            }
            if let owner = login.ownerId { out.append("owner = \(owner)") }
            out.append("")
        }
        for shard in topology.shards {
            out += ["[[shard]]", "name = \(quote(shard.name))", "provider = \(quote(shard.provider))",
                    "role = \(quote(shard.role.rawValue))"]
            if let users = shard.users { out.append("users = [\(users.lower), \(users.upper ?? 0)]") }
            if let url = shard.url {
                out += ["url = \(quote(secret(url)))",
                        "token = \(quote(maskSecrets ? SecretMasking.mask : shard.token ?? ""))"]
            } else {
                out += ["dsn = \(quote(secret(shard.dsn)))"]
            }
            if let account = shard.account { out.append("account = \(quote(account))") }
            out.append("")
        }
        for cache in topology.caches {
            out += ["[[cache]]", "name = \(quote(cache.name))", "provider = \(quote(cache.provider))",
                    "role = \(quote(cache.role.rawValue))", "url = \(quote(secret(cache.url)))"]
            if let bytes = cache.memoryLimitBytes { out.append("memory_mb = \(bytes / 1_048_576)") }
            if let commands = cache.commandLimit { out.append("command_limit = \(commands)") }
            if let account = cache.account { out.append("account = \(quote(account))") }
            out.append("")
        }
        for instance in topology.instances {
            out += ["[[instance]]", "name = \(quote(instance.name))", "provider = \(quote(instance.provider))",
                    "url = \(quote(secret(instance.url)))", "priority = \(instance.priority)",
                    "weight = \(instance.weight)", "sleeps = \(instance.sleeps)"]
            if let ca = instance.caFile { out.append("ca_file = \(quote(ca))") }
            if let account = instance.account { out.append("account = \(quote(account))") }
            out.append("")
        }
        return out.joined(separator: "\n")
    }

    /// The whole effective configuration with secrets masked, for `config show`.
    public static func renderEffective(_ config: ConsoleConfig) -> String {
        // The quota array comes first: a root key cannot follow a [table].
        var text = "# Effective configuration from \(config.source) — secrets masked\n\n"
        text += "quota = [\n"
        for q in config.quotas {
            var fields = ["provider = \(quote(q.provider))", "resource = \(quote(q.resource))",
                          "category = \(quote(q.category.rawValue))"]
            if let limit = q.limit { fields.append("limit = \(number(limit))") }
            fields += ["unit = \(quote(q.unit))", "period = \(quote(q.period.rawValue))"]
            if let plan = q.planLimit { fields.append("plan_limit = \(number(plan))") }
            fields += ["plan = \(quote(q.planText))", "current = \(quote(q.currentText))",
                       "source = \(quote(q.source))", "checked = \(quote(q.checked))",
                       "verdict = \(quote(q.verdict.rawValue))"]
            if let account = q.account { fields.append("account = \(quote(account))") }
            text += "  { \(fields.joined(separator: ", ")) },\n"
        }
        text += "]\n\n"
        text += render(topology: config.topology, login: config.login, console: config.console, maskSecrets: true)
        if !config.keys.isEmpty {
            text += "\n[keys]\n"
            for action in config.keys.keys.sorted() {
                text += "\(bareOrQuoted(action)) = [\((config.keys[action] ?? []).map(quote).joined(separator: ", "))]\n"
            }
        }
        text += "\n[notify]\nbell = \(config.notify.bell)\ndesktop = \(quote(config.notify.desktop.rawValue))\n"
        text += "\n[feed]\nsource = \(quote(config.feed.rawValue))\n"
        text += renderCollectors(config.collectors)
        return text
    }

    /// `[[collector]]` entries with the credential masked.
    static func renderCollectors(_ collectors: [CollectorConfig]) -> String {
        var text = ""
        for c in collectors {
            var lines = ["[[collector]]", "provider = \(quote(c.provider))"]
            if let account = c.account { lines.append("account = \(quote(account))") }
            if c.token != nil { lines.append("token = \(quote(SecretMasking.mask))") }
            if let user = c.user { lines.append("user = \(quote(user))") }
            if let url = c.apiURL { lines.append("api_url = \(quote(SecretMasking.masked(url)))") }
            if let every = c.every { lines.append("every = \(number(every))") }
            for key in c.ids.keys.sorted() { lines.append("\(key) = \(quote(c.ids[key] ?? ""))") }
            if let ca = c.caFile { lines.append("ca_file = \(quote(ca))") }
            text += "\n" + lines.joined(separator: "\n") + "\n"
        }
        return text
    }

    /// Writes a config file readable by its owner only (it may hold passwords),
    /// replacing any previous file atomically.
    public static func write(_ text: String, toPath path: String) throws {
        let url = URL(fileURLWithPath: path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
        guard FileManager.default.createFile(atPath: temporary.path, contents: Data(text.utf8),
                                             attributes: [.posixPermissions: 0o600]) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: temporary.path])
        }
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: temporary.path)
        if rename(temporary.path, url.path) != 0 {
            try? FileManager.default.removeItem(at: temporary)
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
        }
    }

    /// A TOML basic string; `${` is written `$${` so the loader does not expand it.
    /// A TOML basic string: backslash, quote and control characters escaped.
    public static func quote(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                out += String(format: "\\u%04X", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return SecretMasking.replacingAll("${", in: out, with: "$${") + "\""
    }

    static func bareOrQuoted(_ key: String) -> String {
        let bare = !key.isEmpty && key.unicodeScalars.allSatisfy {
            $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_" || $0 == "-")
        }
        return bare ? key : quote(key)
    }

    static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}
