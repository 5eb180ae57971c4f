import Foundation
import Testing
import StudySpotCore
@testable import StudySpotConsole
@testable import TerminalUI

/// The Events pane: changes told in the update step, drawn newest first, searchable.
@Suite struct EventsPaneTests {
    static let t0 = Date(timeIntervalSince1970: 1_764_072_000)  // 12:00:00 UTC

    static func instance(_ state: InstanceState, error: String? = nil, failures: Int = 0) -> InstanceHealth {
        var i = InstanceHealth(config: InstanceConfig(name: "railway", provider: "railway", url: "http://x", priority: 1, weight: 60, sleeps: false))
        i.state = state; i.lastError = error; i.consecutiveFailures = failures
        i.lastProbeOutcome = error ?? "ok 41ms"
        return i
    }

    static func shard(_ reachable: Bool, error: String? = nil) -> ShardHealth {
        var h = ShardHealth(name: "neon", provider: "neon", role: .users, users: UserRange(lower: 1, upper: 7_500))
        h.reachable = reachable; h.error = error
        return h
    }

    static func cache(_ reachable: Bool) -> CacheHealth {
        var c = CacheHealth(name: "upstash", provider: "upstash", role: .state)
        c.reachable = reachable
        return c
    }

    /// Folds monitor events in, a second apart; returns the state and every effect.
    static func fold(_ state: State, _ events: [MonitorEvent]) -> (State, [Effect]) {
        var s = state, effects: [Effect] = []
        for e in events {
            s = update(s, .tick(s.now.addingTimeInterval(1))).0
            let (n, fx) = update(s, .data(e))
            s = n; effects += fx
        }
        return (s, effects)
    }

    /// An operator's console whose every source (quotas too) has reported: start-up is over.
    static func running(notify: NotifySettings = NotifySettings(), size: Size = Size(width: 120, height: 32)) -> State {
        var s = State(role: .operator, readOnly: false, size: size, now: t0, timeZone: TimeZone(identifier: "UTC")!)
        s.events.notify = notify
        s = fold(s, [.instances(.reading([instance(.up)], stateCacheError: nil)),
                     .shards(.configured([shard(true)])), .shards(.reading(shard(true))),
                     .caches(.configured([cache(true)])), .caches(.reading(cache(true))),
                     .quotas(.report(QuotaReport()))]).0
        return s
    }

    static func text(_ s: State, pane: Pane = .events) -> String {
        var s = s
        s.pane = pane
        var b = Buffer(size: s.size)
        view(s, into: &b)
        return b.trimmedTextDump
    }

    /// A collector whose token is refused, in the quota report, is an event;
    /// so is its recovery.
    @Test func aCollectorFailingAndRecoveringIsTold() {
        var failing = QuotaReport()
        failing.collectors = [CollectorStatus(provider: "netlify", failingSince: Self.t0, httpStatus: 401,
                                              error: "token refused", updatedAt: Self.t0)]
        var ok = QuotaReport()
        ok.collectors = [CollectorStatus(provider: "netlify", lastSuccessAt: Self.t0.addingTimeInterval(60), updatedAt: Self.t0.addingTimeInterval(60))]
        let s = Self.fold(Self.running(), [.quotas(.report(failing)), .quotas(.report(ok))]).0
        // Its alert is raised and cleared beside it, as alert events.
        let lines = s.events.ring.events.filter { $0.kind == .collector && $0.source.contains("netlify") }
        #expect(lines.count == 2, "\(s.events.ring.events)")
        #expect(Self.text(s).contains("netlify"))
    }

    @Test func anInstanceGoingDownAndBackIsTwoLinesNewestFirst() {
        let (s, _) = Self.fold(Self.running(), [
            .instances(.reading([Self.instance(.down, error: "connection refused", failures: 3)], stateCacheError: nil)),
            .instances(.reading([Self.instance(.up)], stateCacheError: nil)),
        ])
        let shown = EventsState.shown(s).filter { $0.kind == .instance }.map(\.text)
        #expect(shown == ["down → up: ok 41ms", "up → down: 3 failed probes: connection refused"])
        // The alert rules' reading of the same story is there too.
        let alerts = EventsState.shown(s).filter { $0.kind == .alert }.map(\.text)
        #expect(alerts.contains { $0.hasPrefix("raised: railway down") } && alerts.contains { $0.hasPrefix("cleared: railway down") })
        let screen = Self.text(s)
        let down = screen.range(of: "up → down"), up = screen.range(of: "down → up")
        #expect(down != nil && up != nil && up!.lowerBound < down!.lowerBound, "\(screen)")
    }

    @Test func theRenderedPaneHasTimeGlyphKindSourceAndText() {
        let (s, _) = Self.fold(Self.running(), [.shards(.reading(Self.shard(false, error: "connection refused"))), .shards(.reading(Self.shard(true)))])
        let lines = Self.text(s).split(separator: "\n").map(String.init)
        #expect(lines[0].contains("9 Events"), "\(lines[0])")
        #expect(lines[1].contains("Events") && lines[1].contains("events"))
        #expect(lines.contains { $0.contains("●") && $0.contains("12:00:08") && $0.contains("shard") && $0.contains("neon") && $0.contains("reachable again") })
        #expect(lines.contains { $0.contains("✕") && $0.contains("12:00:07") && $0.contains("neon") && $0.contains("unreachable: connection refused") })
        // An empty pane says why it is empty.
        #expect(Self.text(State(role: .admin, readOnly: false, size: Size(width: 100, height: 30), now: Self.t0))
            .contains("nothing has changed since the console started"))
    }

    @Test func searchKeepsTheMatchingEventsAndSaysSo() {
        var (s, _) = Self.fold(Self.running(), [
            .shards(.reading(Self.shard(false, error: "connection refused"))),
            .events(.audit([AuditEntry(id: 1, at: Self.t0, actor: "asha", role: "operator", action: "instances.drain", target: "railway")], problem: nil)),
        ])
        s.pane = .events
        for c in "/asha" { s = update(s, .key(Key(.char(c)))).0 }
        s = update(s, .key(Key(.enter))).0
        #expect(s.searchQuery == "asha")
        let screen = Self.text(s)
        #expect(screen.contains("instances.drain railway (operator)") && !screen.contains("neon"), "\(screen)")
        #expect(screen.contains("filter: asha · 1 of"))
    }

    @Test func nineShowsEventsForOperatorsAndAdminsNotOwners() {
        var s = State(role: .operator, readOnly: false, size: Size(width: 120, height: 32), now: Self.t0)
        s = update(s, .key(Key(.char("9")))).0
        #expect(s.pane == .events)
        s.pane = .alerts
        s = update(s, .key(Key(.tab))).0
        #expect(s.pane == .events)
        var owner = State(role: .owner, readOnly: true, size: Size(width: 120, height: 32), now: Self.t0)
        owner = update(owner, .key(Key(.char("9")))).0
        #expect(owner.pane != .events && !owner.visiblePanes.contains(.events))
        #expect(ConsoleKeyMap.standard.action(id: .showPane(.events))?.keys.map(\.description) == ["9"])
    }

    @Test func auditProblemsShowUnderTheList() {
        let (s, _) = Self.fold(Self.running(), [.events(.audit([], problem: "permission denied for schema ops"))])
        #expect(Self.text(s).contains("✕ audit log: permission denied for schema ops"))
    }
}

/// Text from the audit log and from errors is data: it shows as text, never acts.
@Suite struct EventsPaneHostileTests {
    @Test func escapeSequencesInAuditRowsAreShownNotSent() {
        let hostile = AuditEntry(id: 1, at: EventsPaneTests.t0, actor: "eve\u{1B}]0;pwned\u{07}", role: "operator",
                                 action: "instances.drain\u{1B}[2J", target: "fly\r\nkoyeb")
        var s = EventsPaneTests.running()
        s = update(s, .data(.events(.audit([hostile], problem: "bad \u{1B}[31mred")))).0
        s.pane = .events
        var b = Buffer(size: s.size)
        view(s, into: &b)
        var controls = 0
        for y in 0..<b.height { for x in 0..<b.width where b.grapheme(x, y).unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) { controls += 1 } }
        #expect(controls == 0)
        #expect(b.trimmedTextDump.contains("␛[2J"), "\(b.trimmedTextDump)")
    }
}
