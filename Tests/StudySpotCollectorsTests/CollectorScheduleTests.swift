import Foundation
import Testing
import StudySpotCore
@testable import StudySpotCollectors

/// The runner's timing as a pure function of (now, outcome, configuration).
@Suite struct CollectorScheduleTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    @Test func theIntervalIsEveryOrTheDefaultWhenTheRateLimitAllowsIt() {
        #expect(CollectorSchedule.interval(every: 90, defaultEvery: 900, rateLimit: .perMinute(500), callsPerPoll: 1) == 90)
        #expect(CollectorSchedule.interval(every: nil, defaultEvery: 900, rateLimit: .perMinute(500), callsPerPoll: 1) == 900)
        #expect(CollectorSchedule.interval(every: 60, defaultEvery: 900, rateLimit: .unknown, callsPerPoll: 5) == 60)
    }

    @Test func theIntervalStretchesToStayWithinTheShareOfTheRateLimit() {
        // 100 calls a day, 10% share = 10 calls a day, 2 calls a poll: a poll every 4.8 h.
        let i = CollectorSchedule.interval(every: 60, defaultEvery: 900, rateLimit: .perDay(100), callsPerPoll: 2)
        #expect(i == 86_400 / 5)
        #expect(CollectorSchedule.callsPerDay(interval: i, callsPerPoll: 2) <= 100 * CollectorSchedule.rateLimitShare + 1e-9)
    }

    @Test func aSuccessPollsAgainOneIntervalLater() {
        #expect(CollectorSchedule.next(after: now, interval: 900, failures: 0, retryAt: nil) == now.addingTimeInterval(900))
    }

    @Test func failuresInARowDoubleTheWaitUpToTheCap() {
        let waits = (1...12).map { CollectorSchedule.next(after: now, interval: 900, failures: $0, retryAt: nil).timeIntervalSince(now) }
        #expect(Array(waits.prefix(4)) == [900, 1_800, 3_600, 7_200])
        #expect(waits.last == CollectorSchedule.longestBackoff)
        // An interval longer than the cap is never shortened by it.
        #expect(CollectorSchedule.next(after: now, interval: 86_400, failures: 5, retryAt: nil) == now.addingTimeInterval(86_400))
    }

    @Test func retryAfterDefersTheNextPollButNeverBringsItForward() {
        let later = now.addingTimeInterval(3_000)
        #expect(CollectorSchedule.next(after: now, interval: 900, failures: 1, retryAt: later) == later)
        let sooner = now.addingTimeInterval(60)
        #expect(CollectorSchedule.next(after: now, interval: 900, failures: 1, retryAt: sooner) == now.addingTimeInterval(900))
    }

    @Test func thePlanShowsCallsADayAgainstTheLimit() {
        let plan = CollectorPlan(configs: [CollectorConfig(provider: "netlify", account: "a", token: "t", every: 600),
                                           CollectorConfig(provider: "render", token: "t")])
        #expect(plan.rows[0].callsPerDay == 144 && plan.rows[0].limitPerDay == 720_000)
        #expect(plan.text.contains("netlify (a)") && plan.text.contains("10m") && plan.text.contains("144"))
        #expect(plan.rows[1].problem?.contains("no collector for provider \"render\"") == true)
        #expect(CollectorPlan.duration(5_400) == "1h30m" && CollectorPlan.duration(90) == "1m30s")
    }
}
