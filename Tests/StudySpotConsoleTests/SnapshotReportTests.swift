import Foundation
import Testing
import StudySpotCore
@testable import StudySpotConsole
@testable import TerminalUI

@Suite("snapshot: exit status and the documented JSON fields")
struct SnapshotReportTests {
    static let noon = Date(timeIntervalSince1970: 1_764_072_000)

    /// Every operator pane loaded with healthy readings.
    static func healthy() -> State {
        var s = State(role: .operator, readOnly: true, size: Size(width: 120, height: 32), now: noon, timeZone: TimeZone(identifier: "UTC")!)
        var i = InstanceHealth(config: InstanceConfig(name: "railway", provider: "railway", url: "http://x", priority: 1, weight: 60, sleeps: false))
        i.apply(.probeOK(status: "ok", latency: 0.041), at: noon)
        var shard = ShardHealth(name: "neon", provider: "neon", role: .users, users: UserRange(lower: 1, upper: 7500))
        shard.reachable = true; shard.latency = 0.002; shard.sizeBytes = 100 << 20; shard.limitBytes = 512 << 20
        var cache = CacheHealth(name: "railway-redis", provider: "railway", role: .state)
        cache.reachable = true; cache.usedMemoryBytes = 1 << 20; cache.commandsToday = 500; cache.hitRate = 0.9; cache.emailQueueLength = 0
        for e: MonitorEvent in [.instances(.reading([i], stateCacheError: nil)), .shards(.configured([shard])), .shards(.reading(shard)),
                                .caches(.configured([cache])), .caches(.reading(cache))] {
            s = update(s, .data(e)).0
        }
        s.bookings.loaded = true; s.seats.loaded = true; s.quotas.loaded = true
        s.bookings.today = ["reserved": 12, "checked_in": 30]
        s.bookings.recent = [BookingSummary(id: 7, library: "Gyan Kendra", seat: "A-03", status: "reserved", updatedAt: noon)]
        s.quotas.cost = [CostLine(target: "neon", operationsToday: 120, budgetShare: 0.004)]
        return s
    }

    static func with(_ f: (inout State) -> Void) -> State {
        var s = healthy(); f(&s)
        return refreshAlerts(s)
    }

    static let entry = QuotaEntry(provider: "upstash", resource: "commands-month", category: .cache, limit: 500_000, unit: "commands",
                                  period: .month, planLimit: nil, planText: "—", currentText: "", source: "", checked: "", verdict: .changed)

    @Test(arguments: [
        ("all healthy", healthy(), Severity.ok),
        ("a quota at 85%", with { $0.quotas.gauges = [QuotaGauge(entry: entry, used: 425_000, percent: 85, severity: .warning)] }, .warning),
        ("a shard unreachable", with { $0.shards.shards[0].reachable = false; $0.shards.shards[0].error = "connection refused" }, .critical),
        ("a pane never loaded", with { $0.quotas.loaded = false }, .unknown),
        ("a certificate expiring in 3 days", with { $0.instances.instances[0].certificateExpiresAt = noon.addingTimeInterval(3 * 86_400) }, .warning),
        ("a certificate with 30 days left", with { $0.instances.instances[0].certificateExpiresAt = noon.addingTimeInterval(30 * 86_400) }, .ok),
        ("critical wins over unknown", with { $0.quotas.loaded = false; $0.caches.caches[0].reachable = false }, .critical),
    ] as [(String, State, Severity)])
    func exitStatus(_ name: String, _ s: State, _ expected: Severity) {
        let status = SnapshotReport.status(s, panes: s.visiblePanes)
        #expect(status == expected, "\(name)")
        #expect(status.exitCode == ["ok": 0, "warning": 1, "critical": 2, "unknown": 3][expected.rawValue])
    }

    @Test func anExpiringCertificateIsAnAlertInTheJSONAndTheInstancesPaneSaysWhy() throws {
        let s = Self.with { $0.instances.instances[0].certificateExpiresAt = Self.noon.addingTimeInterval(3 * 86_400 + 60) }
        let text = SnapshotReport.json(s, status: SnapshotReport.status(s, panes: s.visiblePanes), generatedAt: Self.noon)
        let obj = try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let alerts = try #require(obj["alerts"] as? [[String: Any]])
        #expect(alerts.contains { $0["message"] as? String == "railway certificate expires in 3 days" && $0["severity"] as? String == "warning" }, "\(alerts)")
        let pane = SnapshotReport.text(s, pane: .instances, size: s.size)
        #expect(pane.contains("⚠ cert 3d left;"), "\(pane)")
        #expect(pane.contains("certificate expires in 3 days"), "the selected row's line: \(pane)")
    }

    @Test func theInstancesPaneSaysWhyEachStateIsBelieved() throws {
        var s = Self.healthy()
        var down = InstanceHealth(config: InstanceConfig(name: "koyeb", provider: "koyeb", url: "https://k", priority: 4, weight: 2, sleeps: true))
        down.apply(.probeFailed, error: "certificate verify failed: self-signed certificate", at: Self.noon.addingTimeInterval(-10))
        down.lastProbeOutcome = down.lastError
        var asleep = InstanceHealth(config: InstanceConfig(name: "render-1", provider: "render", url: "http://r", priority: 2, weight: 20, sleeps: true))
        asleep.heartbeatAt = Self.noon.addingTimeInterval(-12)
        asleep.apply(.heartbeat(fresh: true, status: "ok"), at: Self.noon)
        let unknown = InstanceHealth(config: InstanceConfig(name: "fly", provider: "fly", url: "http://f", priority: 3, weight: 3, sleeps: true))
        s = update(s, .data(.instances(.reading(s.instances.instances + [down, asleep, unknown], stateCacheError: nil)))).0
        let pane = SnapshotReport.text(s, pane: .instances, size: Size(width: 200, height: 32))
        #expect(pane.contains("probed 10s ago: certificate verify failed: self-signed certificate (failing 10s)"), "\(pane)")
        #expect(pane.contains("heartbeat 12s ago"))
        #expect(pane.contains("? unknown") && pane.contains("no heartbeat, not probed yet"))
    }

    @Test func jsonHasExactlyTheDocumentedFields() throws {
        let s = Self.with { $0.quotas.gauges = [QuotaGauge(entry: Self.entry, used: 425_000, percent: 85, projectedPercent: 120, severity: .critical)] }
        let text = SnapshotReport.json(s, status: SnapshotReport.status(s, panes: s.visiblePanes), generatedAt: Self.noon)
        let obj = try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(Set(obj.keys) == ["status", "generated_at", "shards", "caches", "instances", "quotas", "bookings", "alerts", "console_cost"])
        #expect(obj["status"] as? String == "critical")
        #expect(obj["generated_at"] as? String == "2025-11-25T12:00:00Z")
        func first(_ key: String) throws -> [String: Any] { try #require((obj[key] as? [[String: Any]])?.first) }
        #expect(Set(try first("shards").keys) == ["name", "reachable", "latency_ms", "size_bytes", "limit_bytes", "error"])
        #expect(try first("shards")["error"] is NSNull)
        #expect(try first("shards")["size_bytes"] as? Int == 100 << 20)
        #expect(Set(try first("caches").keys) == ["name", "reachable", "used_memory_bytes", "commands_today", "hit_rate", "error"])
        #expect(Set(try first("instances").keys) == ["name", "state", "latency_ms", "share", "error"])
        #expect(try first("instances")["state"] as? String == "up")
        #expect(try first("instances")["latency_ms"] as? Double == 41)
        #expect(try first("instances")["share"] as? Double == 1)
        #expect(Set(try first("quotas").keys) == ["provider", "resource", "used", "limit", "unit", "period", "percent", "projected_percent", "severity",
                                                    "account", "source", "observed_at", "collector_error"])
        #expect(try first("quotas")["severity"] as? String == "critical")
        let bookings = try #require(obj["bookings"] as? [String: Any])
        #expect(Set(bookings.keys) == ["today", "recent"])
        #expect(Set(try #require(bookings["today"] as? [String: Int]).keys) == ["reserved", "checked_in", "completed", "cancelled", "no_show"])
        #expect(Set(try #require((bookings["recent"] as? [[String: Any]])?.first).keys) == ["id", "library", "seat", "status", "updated_at"])
        #expect(Set(try first("alerts").keys) == ["severity", "source", "message", "since"])
        #expect(Set(try first("console_cost").keys) == ["target", "operations_today", "budget_share", "measuring"])
    }

    @Test func textRenderingsAreThePanes() {
        let s = Self.with { $0.shards.shards[0].reachable = false; $0.shards.shards[0].error = "connection refused" }
        let overview = SnapshotReport.text(s, pane: .overview, size: Size(width: 120, height: 32))
        #expect(overview.contains("Shards     ● 0 up  ✕ 1 (neon)"))
        #expect(overview.contains("neon unreachable: connection refused"))
        let alerts = SnapshotReport.text(s, pane: .alerts, size: Size(width: 120, height: 32))
        #expect(alerts.contains("✕  12:00:00    0s neon           neon unreachable: connection refused"))
        let shards = SnapshotReport.text(s, pane: .shards, size: Size(width: 120, height: 32))
        #expect(shards.contains("✕ unreachable"))
        // Tiny sizes never crash.
        for size in [Size(width: 1, height: 1), Size(width: 0, height: 0), Size(width: 80, height: 22)] {
            for p in Pane.allCases { _ = SnapshotReport.text(s, pane: p, size: size) }
        }
    }
}
