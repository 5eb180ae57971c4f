import Foundation
import StudySpotSchema
@testable import StudySpotMonitors
@testable import StudySpotWire
import Testing
import StudySpotCore
import StudySpotConfig
import StudySpotTestSupport

/// Every unusable usage sample (negative, NaN, infinite, absurdly large) is
/// flagged on its gauge and in the data problems the Alerts pane lists,
/// whether or not a good sample followed it in the same hour.
@Suite struct UnusableSampleTests {
    @Test func aBadSampleFollowedByAGoodOneIsStillFlagged() throws {
        var topo = try TestEnvironment.isolatedTopology("unusable_samples")
        topo.caches = []; topo.instances = []
        #expect(SchemaApplier(topology: topo, ownerPassword: TestEnvironment.ownerPassword).applyAll().shards.allSatisfy { $0.error == nil })
        let ops = try PGConnection(dsn: try #require(topo.opsShard).dsn)
        func insert(_ resource: String, _ used: String, secondsAgo: Int) throws {
            try ops.query("""
                INSERT INTO ops.usage_samples (provider, resource, used, unit, period_start, observed_at)
                VALUES ('neon', $1, $2::float8, 'GB', date_trunc('month', now())::date, now() - make_interval(secs => $3))
                """, [resource, used, Double(secondsAgo)])
        }
        // Each bad figure, then a good one a minute later (the same hour).
        try insert("storage", "-50", secondsAgo: 120)
        try insert("storage", "0.2", secondsAgo: 60)
        try insert("egress", "NaN", secondsAgo: 120)
        try insert("egress", "1.5", secondsAgo: 60)
        try insert("compute-hours", "Infinity", secondsAgo: 120)
        try insert("compute-hours", "3", secondsAgo: 60)
        let report = try #require(QuotaMonitor(topology: topo, catalog: ConsoleConfig.defaults.quotas) { _ in }.round(now: Date(), force: true))
        func g(_ resource: String) throws -> QuotaGauge { try #require(report.gauges.first { $0.entry.key == "neon/\(resource)" }) }

        let storage = try g("storage")
        #expect(storage.rejectedSamples == 1 && storage.rejectedValue == -50)
        #expect(storage.used == 0.2, "the good figure is the gauge's, the bad one left out")
        #expect(try g("egress").rejectedSamples == 1 && g("egress").used == 1.5)
        #expect(try g("compute-hours").rejectedSamples == 1 && g("compute-hours").used == 3)

        let problems = PlatformChecks.usage(report.gauges)
        #expect(problems.contains { $0.kind == .negativeUsage && $0.place.contains("neon storage") && $0.detail.contains("-50") }, "\(problems)")
        #expect(problems.contains { $0.kind == .implausibleUsage && $0.place.contains("neon egress") })
        #expect(problems.contains { $0.kind == .implausibleUsage && $0.place.contains("neon compute-hours") })
    }

    @Test func negativeUsageIsNotArithmetic() {
        #expect(!QuotaMath.isPlausible(-50) && !QuotaMath.isPlausible(.nan) && !QuotaMath.isPlausible(.infinity) && !QuotaMath.isPlausible(1e16))
        #expect(QuotaMath.isPlausible(0) && QuotaMath.isPlausible(0.2))
    }
}
