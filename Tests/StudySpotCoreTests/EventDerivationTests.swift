import Foundation
import Testing
import StudySpotCore

/// The Events pane's lines, told from two readings.
@Suite struct EventDerivationTests {
    let t0 = Date(timeIntervalSince1970: 1_764_072_000)

    func instance(_ state: InstanceState, error: String? = nil, failures: Int = 0, outcome: String? = nil) -> InstanceHealth {
        var i = InstanceHealth(config: InstanceConfig(name: "railway", provider: "railway", url: "http://x", priority: 1, weight: 60, sleeps: false))
        i.state = state; i.lastError = error; i.consecutiveFailures = failures; i.lastProbeOutcome = outcome
        return i
    }

    @Test func anInstanceGoingDownAndBackGivesTwoEventsWithTheirReasons() {
        let up = instance(.up, outcome: "ok 41ms")
        let down = instance(.down, error: "connection refused", failures: 3, outcome: "connection refused")
        var events = EventDerivation.instances(previous: [up], current: [down], now: t0)
        events += EventDerivation.instances(previous: [down], current: [up], now: t0.addingTimeInterval(30))
        #expect(events.map(\.text) == ["up → down: 3 failed probes: connection refused", "down → up: ok 41ms"])
        #expect(events.map(\.severity) == [.critical, .ok])
        #expect(events.allSatisfy { $0.source == "railway" && $0.kind == .instance })
        // No change, and the first verdict after start, are not events.
        #expect(EventDerivation.instances(previous: [up], current: [up], now: t0).isEmpty)
        #expect(EventDerivation.instances(previous: [instance(.unknown)], current: [up], now: t0).isEmpty)
        var drained = up; drained.drained = true
        #expect(EventDerivation.instances(previous: [up], current: [drained], now: t0).map(\.text) == ["up → drained: drained by an operator"])
    }

    @Test func aShardLostAndBack() {
        let lost = EventDerivation.reachability(kind: .shard, previous: [("neon", true)], current: [("neon", false, "connection refused")], now: t0)
        let back = EventDerivation.reachability(kind: .shard, previous: [("neon", false)], current: [("neon", true, nil)], now: t0)
        #expect(lost.map(\.text) == ["unreachable: connection refused"] && lost.first?.severity == .critical)
        #expect(back.map(\.text) == ["reachable again"] && back.first?.severity == .ok)
        // A first reading that answers is not news; one that does not is.
        #expect(EventDerivation.reachability(kind: .cache, previous: [("u", nil)], current: [("u", true, nil)], now: t0).isEmpty)
        #expect(EventDerivation.reachability(kind: .cache, previous: [], current: [("u", false, nil)], now: t0).map(\.text) == ["unreachable: no answer"])
        #expect(EventDerivation.reachability(kind: .shard, previous: [("neon", true)], current: [("neon", true, nil)], now: t0).isEmpty)
    }

    @Test func anAlertRaisedEscalatedThenCleared() {
        let warn = Alert(id: "shard.size:neon", severity: .warning, source: "neon", message: "neon database at 85% of its free tier", since: t0)
        var crit = warn; crit.severity = .critical; crit.message = "neon database at 96% of its free tier"
        #expect(EventDerivation.alerts(previous: [], current: [warn], now: t0).map(\.text) == ["raised: neon database at 85% of its free tier"])
        #expect(EventDerivation.alerts(previous: [warn], current: [crit], now: t0).map(\.text) == ["now critical: neon database at 96% of its free tier"])
        let cleared = EventDerivation.alerts(previous: [crit], current: [], now: t0)
        #expect(cleared.map(\.text) == ["cleared: neon database at 96% of its free tier"] && cleared.first?.severity == .ok)
        // The same alert with a new figure is not news.
        var moved = warn; moved.message = "neon database at 86% of its free tier"
        #expect(EventDerivation.alerts(previous: [warn], current: [moved], now: t0).isEmpty)
    }

    @Test func auditRowsBecomeEventsInIdOrder() {
        let rows = [
            AuditEntry(id: 7, at: t0, actor: "ravi", role: "admin", action: "instances.weight", target: "railway", detail: #"{"weight": "40"}"#),
            AuditEntry(id: 5, at: t0, actor: "asha", role: "operator", action: "instances.drain", target: "fly", detail: "{}"),
        ]
        let events = EventDerivation.audit(rows)
        #expect(events.map(\.source) == ["asha", "ravi"])
        #expect(events.map(\.text) == ["instances.drain fly (operator)", #"instances.weight railway {"weight": "40"} (admin)"#])
        #expect(events.allSatisfy { $0.kind == .audit && $0.at == t0 })
    }

    @Test func aCollectorThatStartsFailingAndRecovers() {
        let ok = CollectorStatus(provider: "netlify", lastSuccessAt: t0, updatedAt: t0)
        var failing = ok; failing.failingSince = t0.addingTimeInterval(60); failing.httpStatus = 401; failing.error = "token refused"
        #expect(EventDerivation.collectors(previous: [ok], current: [failing], now: t0).map(\.text) == ["failing: 401 token refused"])
        #expect(EventDerivation.collectors(previous: [failing], current: [failing], now: t0).isEmpty)
        #expect(EventDerivation.collectors(previous: [failing], current: [ok], now: t0).map(\.text) == ["collecting again"])
    }

    @Test func theRingKeepsTheNewestInTimeOrderAndNoMore() {
        var ring = EventRing(capacity: 5)
        let events = (0..<12).map { ConsoleEvent(at: t0.addingTimeInterval(Double($0)), kind: .alert, severity: .warning, source: "s", text: "e\($0)") }
        ring.append(contentsOf: Array(events[0..<8]))
        ring.append(contentsOf: Array(events[8...]))
        #expect(ring.events.count == 5)
        #expect(ring.newestFirst().map(\.text) == ["e11", "e10", "e9", "e8", "e7"])
        // A late event slides back to its time.
        ring.append(contentsOf: [ConsoleEvent(at: t0.addingTimeInterval(9.5), kind: .audit, severity: .unknown, source: "asha", text: "late")])
        #expect(ring.newestFirst().map(\.text) == ["e11", "e10", "late", "e9", "e8"])
        #expect(ring.newestFirst(matching: "ASHA").map(\.text) == ["late"])
    }
}
