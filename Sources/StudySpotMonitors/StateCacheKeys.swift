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
