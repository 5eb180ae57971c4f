import Foundation
import Testing
@testable import StudySpotCore

@Suite struct CostBudgetTests {
    let upstash = CostModel(kind: .commands, monthlyQuota: 500_000, quotaKey: "upstash/commands-month")

    @Test func overBudgetStretchesByTheOvershoot() {
        // 2% of 500,000 a month = 333.3 a day; polling INFO every 2 s is 43,200 a day.
        let p = CostBudget.project(target: "upstash", operationsToday: 100, operationsPerDay: 43_200, model: upstash,
                                   budgetPercent: 2, currentStretch: 1)
        #expect(abs(p.dailyBudget! - 333.33) < 0.01)
        #expect(abs(p.budgetShare - 129.6) < 0.01)
        #expect(abs(p.stretch - 144) < 0.01) // 129.6 ÷ 0.9 headroom
    }

    @Test func underBudgetRelaxesTowardsOne() {
        #expect(CostBudget.stretch(current: 100, dailyUse: 30, dailyBudget: 333) < 11)
        #expect(CostBudget.stretch(current: 1, dailyUse: 0, dailyBudget: 333) == 1)
        #expect(CostBudget.stretch(current: 1, dailyUse: 1e9, dailyBudget: 1) == CostBudget.maximumStretch)
    }

    @Test func wakeHoursModel() {
        let neon = CostModel(kind: .wakeHours(idleSeconds: 300, computeUnits: 0.25), monthlyQuota: 100, quotaKey: "neon/compute-hours")
        // Polls more often than every 5 minutes keep it awake all day: 24 h × 0.25 CU.
        #expect(neon.dailyUse(operationsPerDay: 43_200) == 6)
        // Half the day the platform keeps it awake anyway.
        #expect(neon.dailyUse(operationsPerDay: 43_200, platformAwakeShare: 0.5) == 3)
        // 12 polls a day wake it 12 × 5 min = 1 h.
        #expect(neon.dailyUse(operationsPerDay: 12) == 0.25)
    }

    @Test func targetWithoutMeteredQuotaCostsNothing() {
        let p = CostBudget.project(target: "redis-cloud", operationsToday: 500, operationsPerDay: 43_200, model: nil,
                                   budgetPercent: 2, currentStretch: 1)
        #expect(p.budgetShare == 0 && p.stretch == 1)
    }
}
