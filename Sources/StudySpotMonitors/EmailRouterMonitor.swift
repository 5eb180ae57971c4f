import Foundation
import StudySpotCore
import StudySpotWire

/// Reads the e-mail router's counters on the state cache: per sender
/// `email:sent:{provider}:{YYYY-MM-DD}` for every day of this month (UTC), the
/// length of `email_queue` and its oldest entry's `queued_at`. Three round
/// trips: one MGET per sender in one pipeline, LLEN and LINDEX.
public enum EmailRouterReader {
    public struct Counts: Sendable, Hashable {
        public var sentToday: [String: Int]
        public var sentThisMonth: [String: Int]
        public var queueLength: Int
        public var oldestQueuedAt: Date?
    }

    public static func read(redis: RedisConnection, providers: [String], now: Date) throws -> Counts {
        let days = StateCacheKeys.daysOfMonthSoFar(now)
        var commands = providers.map { p in ["MGET"] + days.map { StateCacheKeys.emailSent(p, day: $0) } }
        commands.append(["LLEN", StateCacheKeys.emailQueue])
        commands.append(["LINDEX", StateCacheKeys.emailQueue, "0"])
        let replies = try redis.pipeline(commands)
        var today: [String: Int] = [:], month: [String: Int] = [:]
        for (p, reply) in zip(providers, replies) {
            let values = (reply.array ?? []).map { v in Int(v.integer ?? v.string.flatMap { Int64($0) } ?? 0) }
            today[p] = values.last ?? 0
            month[p] = SaturatingMath.sum(values)
        }
        let length = Int(replies[providers.count].integer ?? 0)
        var oldest: Date?
        if let text = replies[providers.count + 1].string,
           let json = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any],
           let at = json["queued_at"] as? String {
            oldest = PGTimestamp.parse(at)
        }
        return Counts(sentToday: today, sentThisMonth: month, queueLength: length, oldestQueuedAt: oldest)
    }
}
