import Foundation
import StudySpotSchema
import StudySpotMonitors
import StudySpotWire
import Testing
@testable import StudySpotSimulator
import StudySpotCore
import StudySpotConfig
import StudySpotTestSupport

/// The simulation's metering says it is the simulation's and whose account
/// each row is; the plan's two Render accounts are paced like instances.
@Suite struct UsageMeterAccountTests {
    static var compute: [QuotaEntry] {
        ConsoleConfig.defaults.quotas.filter { $0.category == .compute || $0.key == "vercel/bandwidth" }
    }

    @Test func anAccountsInstanceHoursCannotOutrunTheClock() throws {
        let model = UsageModel(entries: ConsoleConfig.defaults.quotas)
        let render2 = try #require(model.entries.first { $0.key == "render/compute@render-2" })
        // 2026-11-30 23:00 UTC: almost a whole month (30 days) in.
        let end = 1_796_079_600.0
        let used = model.used(render2, at: end).used
        #expect(used <= CapacityNeed.instanceHoursPerMonth && used > 600, "\(used)")
        #expect(used < render2.limit!, "an account running one instance stays within its 750 hours")
    }

    @Test func samplesCarryTheAccountAndSourceAndReadBackPerAccount() throws {
        var topo = try TestEnvironment.isolatedTopology("usage_meter_accounts")
        topo.caches = []; topo.instances = []
        #expect(SchemaApplier(topology: topo, ownerPassword: TestEnvironment.ownerPassword).applyAll().shards.allSatisfy { $0.error == nil })
        let ops = try PGConnection(dsn: try #require(topo.opsShard).dsn)
        let now = Date()
        let written = try UsageMeter(entries: Self.compute).sample(ops: ops, now: now.timeIntervalSince1970, emailUsed: [:])
        #expect(written == Self.compute.count)
        let rows = try ops.query("""
            SELECT provider, resource, coalesce(account, '-') AS account, source FROM ops.usage_samples
            WHERE provider = 'render' ORDER BY account
            """)
        #expect(try rows.rows.map { try "\($0.string("resource"))@\($0.string("account")) \($0.string("source"))" }
                == ["compute@render-1 simulation", "compute@render-2 simulation"])
        let report = try #require(QuotaMonitor(topology: topo, catalog: Self.compute) { _ in }.round(now: now.addingTimeInterval(1), force: true))
        let gauges = report.gauges.filter { $0.entry.provider == "render" }
        #expect(gauges.count == 2 && gauges.allSatisfy { $0.provenance?.source == .simulation && $0.used != nil })
        #expect(Set(gauges.compactMap(\.entry.account)) == ["render-1", "render-2"])
    }
}
