import Foundation
import StudySpotCore
import StudySpotMonitors
import StudySpotWire

/// The plan's e-mail router on the state cache: every confirmation goes to the
/// first sender with quota left today and this month (`email:sent:{p}:{day}`),
/// and waits in `email_queue` when every sender is spent. Queued mail is sent
/// first as soon as a sender has room again.
final class EmailTraffic {
    let router: EmailRouter
    private var day = ""
    private var month = ""
    private var sentToday: [String: Int] = [:]
    private var sentThisMonth: [String: Int] = [:]

    init(router: EmailRouter = .plan) { self.router = router }

    /// Sends (or queues) one message per booking id; returns what it did.
    func send(bookings: [Int64], redis: RedisConnection, now: Date) throws -> SimulationCounts {
        try roll(to: now, redis: redis)
        var counts = SimulationCounts()
        var commands: [[String]] = []
        // The queue drains first: it holds the oldest mail.
        var queueLength = try redis.command(["LLEN", StateCacheKeys.emailQueue]).integer ?? 0
        while queueLength > 0, let sender = router.next(sentToday: sentToday, sentThisMonth: sentThisMonth) {
            commands.append(["LPOP", StateCacheKeys.emailQueue])
            record(sender.provider, &counts, &commands)
            queueLength -= 1
        }
        for id in bookings {
            if let sender = router.next(sentToday: sentToday, sentThisMonth: sentThisMonth) {
                record(sender.provider, &counts, &commands)
            } else {
                let message = "{\"template\":\"booking_confirmation\",\"booking_id\":\(id),\"queued_at\":\"\(PGTimestamp.format(now))\"}"
                commands.append(["RPUSH", StateCacheKeys.emailQueue, message])
                counts.emailsQueued += 1
            }
        }
        if !commands.isEmpty { _ = try redis.pipeline(commands) }
        return counts
    }

    private func record(_ provider: String, _ counts: inout SimulationCounts, _ commands: inout [[String]]) {
        sentToday[provider, default: 0] += 1
        sentThisMonth[provider, default: 0] += 1
        counts.emailsSent[provider, default: 0] += 1
        let key = StateCacheKeys.emailSent(provider, day: day)
        commands.append(["INCR", key])
        commands.append(["EXPIRE", key, String(40 * 86_400)])
    }

    /// Reloads the counters from Redis when the UTC day changes (and at start),
    /// so several simulators or a restart agree with what is stored.
    private func roll(to now: Date, redis: RedisConnection) throws {
        let today = StateCacheKeys.utcDay(now)
        guard today != day else { return }
        day = today
        month = String(today.prefix(7))
        sentToday = [:]
        sentThisMonth = [:]
        let days = StateCacheKeys.daysOfMonthSoFar(now)
        for sender in router.senders {
            let keys = days.map { StateCacheKeys.emailSent(sender.provider, day: $0) }
            let values = try redis.command(["MGET"] + keys).array ?? []
            let counts = values.map { Int($0.integer ?? 0) }
            sentThisMonth[sender.provider] = counts.reduce(0, +)
            sentToday[sender.provider] = counts.last ?? 0
        }
    }
}
