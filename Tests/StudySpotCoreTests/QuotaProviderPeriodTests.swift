import Foundation
import Testing
@testable import StudySpotCore

/// A figure read from a provider's API carries the provider's own period,
/// which need not begin on the 1st (Netlify's runs from the signup day).
@Suite struct QuotaProviderPeriodTests {
    func at(_ s: String) -> Date { ISO8601DateFormatter().date(from: s)! }

    @Test func aProviderPeriodStillRunningIsTheCurrentFigure() {
        let s = [QuotaSample(used: 25.3, periodStart: at("2026-11-17T00:00:00Z"), observedAt: at("2026-12-06T10:00:00Z"))]
        #expect(QuotaMath.used(s, period: .month, now: at("2026-12-06T10:05:00Z")) == 25.3)
    }

    @Test func aProviderPeriodThatHasEndedIsThePreviousPeriod() {
        let s = [QuotaSample(used: 25.3, periodStart: at("2026-10-17T00:00:00Z"), observedAt: at("2026-12-01T10:00:00Z"))]
        #expect(QuotaMath.used(s, period: .month, now: at("2026-12-06T10:05:00Z")) == 0)
    }
}
