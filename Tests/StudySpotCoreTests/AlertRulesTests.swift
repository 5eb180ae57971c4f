import Foundation
import Testing
import StudySpotCore

@Suite struct AlertRulesTests {
    static let now = Date(timeIntervalSince1970: 1_764_072_000) // 2025-11-25 12:00 UTC
    static func inst(_ name: String, _ pri: Int, _ state: InstanceState, drained: Bool = false) -> InstanceHealth {
        var h = InstanceHealth(config: InstanceConfig(name: name, provider: name, url: "http://x", priority: pri, weight: 10, sleeps: false))
        h.state = state; h.drained = drained
        if state == .down { h.consecutiveFailures = 3; h.lastError = "connection refused" }
        return h
    }
    static func shard(_ name: String, reachable: Bool, size: Int64? = nil, limit: Int64? = nil) -> ShardHealth {
        var s = ShardHealth(name: name, provider: name, role: .users, users: nil)
        s.reachable = reachable; s.sizeBytes = size; s.limitBytes = limit
        if !reachable { s.error = "connection refused" }
        return s
    }
    static func cache(_ name: String, reachable: Bool, queue: Int64? = nil) -> CacheHealth {
        var c = CacheHealth(name: name, provider: name, role: .state)
        c.reachable = reachable; c.emailQueueLength = queue
        return c
    }
    static func gauge(_ pct: Double, projected: Double? = nil) -> QuotaGauge {
        QuotaGauge(entry: QuotaEntry(provider: "neon", resource: "storage", category: .database, limit: 0.5, unit: "GB",
                                     period: .total, planLimit: 3, planText: "3 GB", currentText: "0.5 GB", source: "", checked: "", verdict: .changed),
                   used: 0.5 * pct / 100, percent: pct, projectedPercent: projected)
    }
    static func inputs(_ f: (inout AlertInputs) -> Void) -> AlertInputs {
        var i = AlertInputs(now: now)
        i.timeZone = TimeZone(identifier: "UTC")!
        f(&i)
        return i
    }

    @Test(arguments: [
        ("nothing wrong", inputs { $0.instances = [inst("railway", 1, .up)]; $0.shards = [shard("neon", reachable: true)] }, [String]()),
        ("one instance down", inputs { $0.instances = [inst("railway", 1, .up), inst("koyeb", 4, .down)] }, ["instance.down:koyeb/warning"]),
        ("drained instance down is not alerted", inputs { $0.instances = [inst("railway", 1, .up), inst("koyeb", 4, .down, drained: true)] }, []),
        ("every priority-1 down", inputs { $0.instances = [inst("railway", 1, .down), inst("render-1", 2, .up)] },
         ["instance.down:railway/warning", "instance.priority1-down/critical"]),
        ("shard unreachable", inputs { $0.shards = [shard("supabase", reachable: false)] }, ["shard.unreachable:supabase/critical"]),
        ("cache unreachable", inputs { $0.caches = [cache("upstash", reachable: false)] }, ["cache.unreachable:upstash/critical"]),
        ("quota 79%", inputs { $0.quotas = [gauge(79)] }, []),
        ("quota 80% warns", inputs { $0.quotas = [gauge(80)] }, ["quota:neon/storage/warning"]),
        ("quota 95% critical", inputs { $0.quotas = [gauge(95)] }, ["quota:neon/storage/critical"]),
        ("quota on pace over the limit", inputs { $0.quotas = [gauge(50, projected: 104)] }, ["quota:neon/storage/critical"]),
        ("database at 80% of its free tier", inputs { $0.shards = [shard("neon", reachable: true, size: 80, limit: 100)] }, ["shard.size:neon/warning"]),
        ("database at 96%", inputs { $0.shards = [shard("neon", reachable: true, size: 96, limit: 100)] }, ["shard.size:neon/critical"]),
        ("queue growing", inputs { $0.emailQueueHistory = [0, 3, 7, 12] }, ["email.queue-growing/warning"]),
        ("queue steady", inputs { $0.emailQueueHistory = [12, 12, 12] }, []),
        ("no bookings for 15 minutes at noon", inputs { $0.bookingsPerMinute = [4] + Array(repeating: 0, count: 15) }, ["bookings.quiet/warning"]),
        ("no bookings at night", inputs { $0.now = now.addingTimeInterval(12 * 3600); $0.bookingsPerMinute = Array(repeating: 0, count: 20) }, []),
        ("bookings not loaded", inputs { $0.bookingsPerMinute = [] }, []),
    ] as [(String, AlertInputs, [String])])
    func rules(_ name: String, _ inputs: AlertInputs, _ expected: [String]) {
        let got = AlertRules.evaluate(inputs).map { "\($0.id)/\($0.severity.rawValue)" }
        #expect(got.sorted() == expected.sorted(), "\(name)")
    }

    @Test func sinceSurvivesAndAcknowledgementSilencesTheStatus() {
        let first = AlertRules.merge(previous: [], current: AlertRules.evaluate(Self.inputs { $0.shards = [Self.shard("xata", reachable: false)] }), acknowledged: [])
        #expect(AlertRules.status(first) == .critical)
        let later = Self.inputs { $0.now = Self.now.addingTimeInterval(300); $0.shards = [Self.shard("xata", reachable: false)] }
        let second = AlertRules.merge(previous: first, current: AlertRules.evaluate(later), acknowledged: ["shard.unreachable:xata"])
        #expect(second.count == 1 && second[0].since == Self.now && second[0].acknowledged)
        #expect(AlertRules.status(second) == .ok)
    }
}
