/// `INFO` parsed into sections and the typed fields the panes use. Pure, and
/// tolerant: a malformed line is skipped, never a crash (it will be fuzzed).
public struct RedisInfo: Sendable, Equatable {
    /// section (lowercased, e.g. "memory") → field → raw value
    public private(set) var sections: [String: [String: String]] = [:]

    public init(parsing text: String) {
        var current = "default"
        for rawLine in text.split(whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine[...]
            if line.isEmpty { continue }
            if line.hasPrefix("#") {
                current = line.dropFirst().trimmingCharacters(in: .whitespaces).lowercased()
                continue
            }
            guard let colon = line.firstIndex(of: ":") else { continue }
            let key = String(line[..<colon])
            guard !key.isEmpty else { continue }
            sections[current, default: [:]][key] = String(line[line.index(after: colon)...])
        }
    }

    /// Only the fields named in `keeping` (a monitor's reading every few
    /// seconds: the whole INFO is about 120 fields, it needs 8). Scans the
    /// bytes and makes a String only for a kept value: parsing every field
    /// was a tenth of the idle dashboard's CPU at a 1 s refresh.
    public init(parsing text: String, keeping keys: [String]) {
        let wanted = keys.map { Array($0.utf8) + [UInt8(ascii: ":")] }
        var text = text
        var found: [String: [String: String]] = [:]
        text.withUTF8 { buf in
            let n = buf.count
            var section = "default"
            var i = 0
            while i < n {
                var j = i
                while j < n && buf[j] != UInt8(ascii: "\n") { j += 1 }
                var end = j
                if end > i && buf[end - 1] == UInt8(ascii: "\r") { end -= 1 }
                if end > i && buf[i] == UInt8(ascii: "#") {
                    section = String(decoding: UnsafeBufferPointer(rebasing: buf[(i + 1)..<end]), as: UTF8.self)
                        .trimmingCharacters(in: .whitespaces).lowercased()
                } else if end > i {
                    for (k, w) in wanted.enumerated() where end - i >= w.count && buf[i] == w[0] {
                        var same = true
                        for m in 1..<w.count where buf[i + m] != w[m] { same = false; break }
                        if same {
                            found[section, default: [:]][keys[k]] = String(decoding: UnsafeBufferPointer(rebasing: buf[(i + w.count)..<end]), as: UTF8.self)
                            break
                        }
                    }
                }
                i = j + 1
            }
        }
        sections = found
    }

    /// The fields `CacheMonitor` and `QuotaMonitor` read.
    public static let monitorFields = ["uptime_in_seconds", "connected_clients", "used_memory", "maxmemory",
                                       "keyspace_hits", "keyspace_misses", "evicted_keys", "total_commands_processed"]

    public func value(_ key: String) -> String? {
        for (_, fields) in sections { if let v = fields[key] { return v } }
        return nil
    }
    private func int(_ key: String) -> Int64? { value(key).flatMap { Int64($0) } }

    public var redisVersion: String? { value("redis_version") }
    public var uptimeSeconds: Int64? { int("uptime_in_seconds") }
    public var connectedClients: Int64? { int("connected_clients") }
    public var usedMemoryBytes: Int64? { int("used_memory") }
    /// 0 means "no limit" in Redis; reported as nil.
    public var maxMemoryBytes: Int64? { int("maxmemory").flatMap { $0 > 0 ? $0 : nil } }
    public var keyspaceHits: Int64? { int("keyspace_hits") }
    public var keyspaceMisses: Int64? { int("keyspace_misses") }
    public var evictedKeys: Int64? { int("evicted_keys") }
    public var totalCommandsProcessed: Int64? { int("total_commands_processed") }

    /// hits / (hits + misses); nil before any lookup.
    public var hitRate: Double? {
        guard let h = keyspaceHits, let m = keyspaceMisses, h + m > 0 else { return nil }
        return Double(h) / Double(h + m)
    }

    /// `INFO commandstats`: command name → calls.
    public var commandCalls: [String: Int64] {
        var out: [String: Int64] = [:]
        for (key, value) in sections["commandstats"] ?? [:] where key.hasPrefix("cmdstat_") {
            let name = String(key.dropFirst("cmdstat_".count))
            for part in value.split(separator: ",") where part.hasPrefix("calls=") {
                if let n = Int64(part.dropFirst(6)) { out[name] = n }
            }
        }
        return out
    }

    /// `db0:keys=12,expires=3,avg_ttl=0` → keys per database.
    public var keysPerDatabase: [Int: Int64] {
        var out: [Int: Int64] = [:]
        for (key, value) in sections["keyspace"] ?? [:] where key.hasPrefix("db") {
            guard let db = Int(key.dropFirst(2)) else { continue }
            for part in value.split(separator: ",") where part.hasPrefix("keys=") {
                if let n = Int64(part.dropFirst(5)) { out[db] = n }
            }
        }
        return out
    }
}

import Foundation
