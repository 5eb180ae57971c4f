import Foundation
import StudySpotCore
import StudySpotWire

/// The state cache's keys (CONTRACT §4) and the small reads and writes the
/// operator view makes on them.
public enum StateCacheKeys {
    public static let weights = "lb:weights"
    public static let drained = "lb:drained"
    public static let emailQueue = "email_queue"
    /// Acknowledged alerts: alert id → "actor at time", shared by every console.
    public static let alertAcks = "alerts:ack"
    public static func heartbeat(_ instance: String) -> String { "heartbeat:\(instance)" }
    public static func requests(_ instance: String, day: String) -> String { "lb:requests:\(instance):\(day)" }
    public static func emailSent(_ provider: String, day: String) -> String { "email:sent:\(provider):\(day)" }
    /// "YYYY-MM-DD" of `date` in UTC, as the platform's counter keys spell days.
    public static func utcDay(_ date: Date) -> String { String(PGTimestamp.format(date).prefix(10)) }
    /// Every day of `date`'s UTC month up to and including its own.
    public static func daysOfMonthSoFar(_ date: Date) -> [String] {
        let today = utcDay(date)
        let prefix = today.prefix(8)
        let day = Int(today.suffix(2)) ?? 1
        return (1...day).map { prefix + ($0 < 10 ? "0\($0)" : "\($0)") }
    }
}

/// The load balancer's state and each instance's heartbeat, read in one pipeline.
public struct LoadBalancerReading: Sendable, Hashable {
    public var weights: [String: Int] = [:]
    public var drained: Set<String> = []
    /// Instance → heartbeat fields (absent when the key has lapsed).
    public var heartbeats: [String: [String: String]] = [:]
    public var requestsToday: [String: Int64] = [:]
    public init() {}

    public static func read(_ redis: RedisConnection, instances: [String], now: Date) throws(RedisError) -> LoadBalancerReading {
        let day = StateCacheKeys.utcDay(now)
        var commands: [[String]] = [["HGETALL", StateCacheKeys.weights], ["SMEMBERS", StateCacheKeys.drained]]
        for n in instances {
            commands.append(["HGETALL", StateCacheKeys.heartbeat(n)])
            commands.append(["GET", StateCacheKeys.requests(n, day: day)])
        }
        let replies = try redis.pipeline(commands)
        var r = LoadBalancerReading()
        r.weights = pairs(replies[0]).compactMapValues { Int($0) }
        r.drained = Set((replies[1].array ?? []).compactMap(\.string))
        for (i, n) in instances.enumerated() {
            let hb = pairs(replies[2 + 2 * i])
            if !hb.isEmpty { r.heartbeats[n] = hb }
            r.requestsToday[n] = replies[3 + 2 * i].string.flatMap { Int64($0) } ?? 0
        }
        return r
    }

    /// A flat HGETALL reply as a dictionary.
    static func pairs(_ reply: RedisReply) -> [String: String] {
        let items = (reply.array ?? []).compactMap(\.string)
        var out: [String: String] = [:]
        var i = 0
        while i + 1 < items.count { out[items[i]] = items[i + 1]; i += 2 }
        return out
    }
}

/// Acknowledged alert ids in `alerts:ack`: id → "actor at EPOCH-SECONDS".
/// An acknowledgement lasts `lifetime`, so a problem that returns next week
/// is not silenced by an old acknowledgement.
public enum AlertAcks {
    public static let lifetime: Double = 24 * 3600

    public static func value(actor: String, at: Date) -> String { "\(actor) at \(Int(at.timeIntervalSince1970))" }

    /// The ids acknowledged within `lifetime` before `now`.
    public static func current(_ entries: [String: String], now: Date) -> Set<String> {
        Set(entries.compactMap { id, value in
            guard let t = value.split(separator: " ").last.flatMap({ Double($0) }) else { return nil }
            return now.timeIntervalSince1970 - t < lifetime ? id : nil
        })
    }

    public static func read(_ redis: RedisConnection, now: Date = Date()) throws(RedisError) -> Set<String> {
        current(LoadBalancerReading.pairs(try redis.command(["HGETALL", StateCacheKeys.alertAcks])), now: now)
    }
}

extension StateCacheKeys {
    /// The last probe of the instance at `url` by any console or snapshot
    /// (CONTRACT §8: "keyed by the instance's URL"), a hash of `SharedProbe`.
    public static func probe(_ url: String) -> String { "probe:\(SharedProbe.normalized(url))" }
    /// Held (SET NX PX) by the console probing `url` now, so that two consoles
    /// that find the same stale result do not both wake a sleeper.
    public static func probeClaim(_ url: String) -> String { "probe:claim:\(SharedProbe.normalized(url))" }
}

/// One probe's result as consoles share it in `probe:{url}`: fields `at`
/// (epoch seconds), `outcome` (ok | cold | failed | timeout), `health`
/// (ok | degraded), `latency` (seconds), `reason`, `certificate_expires_at`
/// (epoch seconds), `version`. Kept for `lifetime` seconds.
public struct SharedProbe: Sendable, Hashable {
    public enum Outcome: String, Sendable { case ok, cold, failed, timeout }
    public static let lifetime = 2 * 86_400

    public var at: Date
    public var outcome: Outcome
    public var health: String?
    public var latency: Double?
    public var reason: String?
    public var certificateExpiresAt: Date?
    public var version: String?

    public init(at: Date, outcome: Outcome, health: String? = nil, latency: Double? = nil, reason: String? = nil,
                certificateExpiresAt: Date? = nil, version: String? = nil) {
        self.at = at; self.outcome = outcome; self.health = health; self.latency = latency; self.reason = reason
        self.certificateExpiresAt = certificateExpiresAt; self.version = version
    }

    /// The base URL without a trailing slash (both spellings name one instance).
    public static func normalized(_ url: String) -> String {
        var u = url
        while u.hasSuffix("/") { u.removeLast() }
        return u
    }

    public init?(fields: [String: String]) {
        guard let at = fields["at"].flatMap(Double.init), let outcome = fields["outcome"].flatMap(Outcome.init(rawValue:)) else { return nil }
        self.at = Date(timeIntervalSince1970: at); self.outcome = outcome
        health = fields["health"]; latency = fields["latency"].flatMap(Double.init); reason = fields["reason"]
        certificateExpiresAt = fields["certificate_expires_at"].flatMap(Double.init).map { Date(timeIntervalSince1970: $0) }
        version = fields["version"]
    }

    public var fields: [String] {
        var f = ["at", String(format: "%.3f", at.timeIntervalSince1970), "outcome", outcome.rawValue]
        if let health { f += ["health", health] }
        if let latency { f += ["latency", String(format: "%.3f", latency)] }
        if let reason { f += ["reason", reason] }
        if let c = certificateExpiresAt { f += ["certificate_expires_at", String(Int(c.timeIntervalSince1970))] }
        if let version { f += ["version", version] }
        return f
    }

    public static func read(_ redis: RedisConnection, url: String) throws(RedisError) -> SharedProbe? {
        SharedProbe(fields: LoadBalancerReading.pairs(try redis.command(["HGETALL", StateCacheKeys.probe(url)])))
    }

    public func write(_ redis: RedisConnection, url: String) throws(RedisError) {
        let key = StateCacheKeys.probe(url)
        _ = try redis.pipeline([["DEL", key], ["HSET", key] + fields, ["EXPIRE", key, String(Self.lifetime)]])
    }

    /// Claims the next probe of `url` for `seconds`; false when another console holds it.
    public static func claim(_ redis: RedisConnection, url: String, seconds: Double) throws(RedisError) -> Bool {
        let token = "\(ProcessInfo.processInfo.hostName):\(getpid()):\(UUID().uuidString.prefix(8))"
        let reply = try redis.command(["SET", StateCacheKeys.probeClaim(url), token, "NX", "PX", String(Int(seconds * 1000))])
        return reply.string == "OK"
    }
}
