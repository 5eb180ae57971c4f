import Foundation
import Testing
import StudySpotCore

@Suite struct InstanceStateMachineTests {
    typealias S = InstanceState

    @Test(arguments: [
        // current, input, sleeps, failures, expected
        (S.unknown, InstanceInput.probeOK(status: "ok", latency: 0.04), false, 0, S.up),
        (.up, .probeOK(status: "degraded", latency: 0.04), false, 0, .degraded),
        (.up, .probeOK(status: "ok", latency: 2.5), false, 0, .degraded),
        (.up, .probeFailed, false, 1, .degraded),
        (.unknown, .probeFailed, false, 1, .down),
        (.degraded, .probeFailed, false, 2, .degraded),
        (.degraded, .probeFailed, false, 3, .down),
        (.down, .probeFailed, false, 1, .down),
        (.down, .probeOK(status: "ok", latency: 0.05), false, 0, .up),
        (.up, .heartbeat(fresh: false, status: nil), false, 0, .up),
        (.down, .heartbeat(fresh: true, status: "ok"), false, 3, .down),
        // Sleepers: slow first answer is waking, heartbeat decides otherwise.
        (.sleeping, .probeOK(status: "ok", latency: 3.1), true, 0, .waking),
        (.unknown, .probeOK(status: "ok", latency: 3.1), true, 0, .waking),
        (.sleeping, .probeOK(status: "ok", latency: 0.05), true, 0, .up),
        (.up, .probeOK(status: "ok", latency: 3.1), true, 0, .degraded),
        (.sleeping, .probeFailed, true, 1, .down),
        // No evidence: a lapsed heartbeat alone does not make a sleeper asleep.
        (.unknown, .heartbeat(fresh: false, status: nil), true, 0, .unknown),
        (.unknown, .probeTimedOut, true, 1, .unknown),
        (.unknown, .probeTimedOut, true, 2, .down),
        (.up, .probeTimedOut, false, 3, .down),
        (.up, .heartbeat(fresh: false, status: nil), true, 0, .sleeping),
        (.waking, .heartbeat(fresh: true, status: "ok"), true, 0, .up),
        (.sleeping, .heartbeat(fresh: true, status: "degraded"), true, 0, .degraded),
        (.up, .heartbeat(fresh: true, status: "failing"), true, 0, .down),
        (.down, .heartbeat(fresh: false, status: nil), true, 1, .down),
    ] as [(S, InstanceInput, Bool, Int, S)])
    func transitions(_ current: S, _ input: InstanceInput, sleeps: Bool, failures: Int, expected: S) {
        #expect(InstanceStateMachine.next(current, input, sleeps: sleeps, failures: failures) == expected,
                "\(current) + \(input) (sleeps \(sleeps), failures \(failures))")
    }

    @Test func threeFailedProbesMakeDownAndASuccessClearsTheStreak() {
        var h = InstanceHealth(config: InstanceConfig(name: "railway", provider: "railway", url: "http://x", priority: 1, weight: 60, sleeps: false))
        let t = Date(timeIntervalSince1970: 1_000)
        h.apply(.probeOK(status: "ok", latency: 0.02), at: t)
        #expect(h.state == .up)
        for i in 1...3 { h.apply(.probeFailed, error: "connection refused", at: t.addingTimeInterval(Double(i))) }
        #expect(h.state == .down && h.consecutiveFailures == 3 && h.lastError == "connection refused")
        #expect(h.failingSince == t.addingTimeInterval(1))
        #expect(!h.member.serving)
        h.apply(.probeOK(status: "ok", latency: 0.03), at: t.addingTimeInterval(10))
        #expect(h.state == .up && h.consecutiveFailures == 0 && h.lastError == nil)
        h.drained = true
        #expect(h.displayState == .drained && !h.member.eligibleForTest)
    }

    @Test func latencyPercentilesUseTheWindow() {
        var w = LatencyWindow(capacity: 100)
        #expect(w.p50 == nil)
        for i in 1...100 { w.add(Double(i) / 1000) }
        #expect(w.p50 == 0.05 && w.p95 == 0.095 && w.p99 == 0.099)
        for _ in 0..<100 { w.add(1) }
        #expect(w.samples.count == 100 && w.p50 == 1)
    }
}

extension LoadBalancer.Member {
    var eligibleForTest: Bool { serving && !drained && weight > 0 }
}
