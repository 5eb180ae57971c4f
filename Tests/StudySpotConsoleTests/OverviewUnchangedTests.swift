import Foundation
import Testing
import StudySpotCore
@testable import StudySpotConsole
@testable import TerminalUI

/// The loop skips an Overview frame when `drawsTheSame` says the screen
/// would not change. Whenever it says so, drawing would indeed give the same
/// cells; on a quiet minute it says so for most rounds.
@Suite("An idle Overview skips the frames that would change nothing")
struct OverviewUnchangedTests {
    static func draw(_ s: State) -> Buffer { IdleRedrawTests.draw(s) }

    static func quiet() -> State {
        var s = IdleRedrawTests.idle()
        for e in IdleRedrawTests.readings(s, at: IdleRedrawTests.at(0), 0) { s = update(s, .data(e)).0 }
        return s
    }

    @Test("A minute of rounds: every skipped round draws what is on screen, most rounds are skipped, the minute is not")
    func quietMinute() {
        var s = Self.quiet()
        var onScreen = s
        var skipped = 0, drawn = 0
        for k in 1..<30 {
            let t = IdleRedrawTests.at(Double(2 * k))
            s = foldEvents(s, [.tick(t)] + IdleRedrawTests.readings(s, at: t, k).map { .data($0) }).0
            if drawsTheSame(onScreen, as: s) {
                #expect(Self.draw(s) == Self.draw(onScreen), "round at \(2 * k) s skipped but draws otherwise")
                skipped += 1
            } else {
                drawn += 1
            }
            onScreen = s
        }
        #expect(skipped >= 25, "skipped \(skipped), drawn \(drawn)")
        let minute = update(s, .tick(IdleRedrawTests.at(60))).0
        #expect(!drawsTheSame(onScreen, as: minute), "the minute's turn moves the clock and the figures")
        #expect(Self.draw(minute) != Self.draw(onScreen))
    }

    /// Changes an Overview panel or the frame shows.
    static let visibleChanges: [(String, @Sendable (inout State) -> Void)] = [
        ("an instance goes down", { $0.instances.instances[0].state = .down; $0.instances.instances[0].lastError = "refused" }),
        ("an instance's requests", { $0.instances.instances[0].requestsToday += 1_000 }),
        ("an instance drained", { $0.instances.instances[0].drained = true }),
        ("a failed probe", { $0.instances.instances[0].consecutiveFailures += 1 }),
        ("an alert", { $0.alerts.alerts.append(Alert(id: "x", severity: .critical, source: "neon", message: "neon on fire", since: $0.now)) }),
        ("a shard unreachable", { s in
            var h = s.shards.shards[0]; h.reachable = false; h.error = "refused"
            s = update(s, .data(.shards(.reading(h)))).0 }),
        ("the quota closest to its limit", { s in
            let top = closestQuotas(s.quotas.gauges, count: 1)[0].entry.key
            let i = s.quotas.gauges.firstIndex { $0.entry.key == top }!
            s.quotas.gauges[i].percent = (s.quotas.gauges[i].percent ?? 0) + 40 }),
        ("the e-mail queue", { $0.quotas.email?.queueLength += 7 }),
        ("today's bookings", { $0.bookings.today["reserved", default: 0] += 1 }),
        ("a status message", { $0.message = StatusMessage("hello", role: .accent) }),
        ("paused", { $0.paused = true }),
        ("the size", { $0 = update($0, .resize(Size(width: 150, height: 48))).0 }),
        ("the next minute", { $0 = update($0, .tick(IdleRedrawTests.at(61))).0 }),
        ("another pane", { $0.pane = .shards }),
        ("help open", { $0.overlay = .help(offset: 0) }),
    ]

    @Test("Whatever an Overview panel or the frame shows, a change to it is drawn")
    func visibleChangesAreDrawn() {
        let s = Self.quiet()
        let before = Self.draw(s)
        for (name, change) in Self.visibleChanges {
            var t = s
            change(&t)
            #expect(!drawsTheSame(s, as: t), "\(name): skipped")
            // Sound either way: a skip is only ever claimed for the same cells.
            if drawsTheSame(s, as: t) { #expect(Self.draw(t) == before, "\(name)") }
        }
    }

    @Test("A quota report that moves figures by fractions is skipped; one that moves a figure shown is drawn")
    func quotaReports() throws {
        let s = Self.quiet()
        let i = try #require(s.quotas.gauges.indices.first { s.quotas.gauges[$0].projectedPercent != nil })
        var fraction = s
        fraction.quotas.gauges[i].projectedPercent! += 0.0001
        fraction.quotas.revision += 1
        #expect(drawsTheSame(s, as: fraction))
        #expect(Self.draw(fraction) == Self.draw(s))
        let top = closestQuotas(s.quotas.gauges, count: 1)[0].entry.key
        var shown = s
        let j = try #require(shown.quotas.gauges.firstIndex { $0.entry.key == top })
        shown.quotas.gauges[j].projectedPercent = (shown.quotas.gauges[j].projectedPercent ?? 0) + 3
        #expect(!drawsTheSame(s, as: shown))
        #expect(Self.draw(shown) != Self.draw(s))
    }

    @Test("What the Overview does not show (probe times, latencies within the minute, the Events ring) is skipped and draws the same")
    func invisibleChangesAreSkipped() {
        let s = Self.quiet()
        var t = s
        t = update(t, .tick(IdleRedrawTests.at(3))).0
        for j in t.instances.instances.indices where t.instances.instances[j].state == .up {
            t.instances.instances[j].lastProbeAt = IdleRedrawTests.at(3)
            t.instances.instances[j].latencies.add(0.5)
        }
        t.overview.latencies.record(.shard(t.shards.shards[0].name), 0.9, at: IdleRedrawTests.at(3))
        t.events.ring.append(contentsOf: [ConsoleEvent(at: IdleRedrawTests.at(3), kind: .shard, severity: .ok, source: "neon", text: "x")])
        #expect(drawsTheSame(s, as: t))
        #expect(Self.draw(t) == Self.draw(s))
    }
}
