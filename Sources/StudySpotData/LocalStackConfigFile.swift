import Foundation
import StudySpotCore

/// Renders the stack's topology as a CONTRACT §2 config file.
/// Only contract keys are written, so `studyspot config check` accepts it.
public enum LocalStackConfigFile {
    public static func render(_ topology: Topology) -> String {
        var lines = [
            "# Written by `studyspot stack up`: the local stack on 127.0.0.1.",
            "# The dsn and url fields hold the stack's password; keep this file private (mode 0600).",
        ]
        for shard in topology.shards {
            lines += ["", "[[shard]]",
                      "name = \(quoted(shard.name))",
                      "provider = \(quoted(shard.provider))",
                      "role = \(quoted(shard.role.rawValue))"]
            if let users = shard.users { lines.append("users = [\(users.lower), \(users.upper ?? 0)]") }
            lines.append("dsn = \(quoted(shard.dsn))")
        }
        for cache in topology.caches {
            lines += ["", "[[cache]]",
                      "name = \(quoted(cache.name))",
                      "provider = \(quoted(cache.provider))",
                      "role = \(quoted(cache.role.rawValue))",
                      "url = \(quoted(cache.url))"]
        }
        for instance in topology.instances {
            lines += ["", "[[instance]]",
                      "name = \(quoted(instance.name))",
                      "provider = \(quoted(instance.provider))",
                      "url = \(quoted(instance.url))",
                      "priority = \(instance.priority)",
                      "weight = \(instance.weight)",
                      "sleeps = \(instance.sleeps)"]
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A TOML basic string: backslash, quote and control characters escaped.
    public static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                out += String(format: "\\u%04X", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
