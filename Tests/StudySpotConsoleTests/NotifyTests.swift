import Foundation
import Testing
import StudySpotCore
@testable import StudySpotConsole
@testable import TerminalUI

/// A new critical alert rings the bell and sends the desktop escape `[notify]` asks for:
/// once, only for alerts that become critical while the console runs, with clean text.
@Suite struct NotifyTests {
    typealias E = EventsPaneTests
    static let shardDown: MonitorEvent = .shards(.reading(E.shard(false, error: "connection refused")))

    static func notices(_ effects: [Effect]) -> [Effect] {
        effects.filter { if case .notify = $0 { true } else { false } }
    }

    @Test func aNewCriticalAlertRingsOnceAndAgainOnlyAfterItCleared() {
        let s0 = E.running()
        var (s, fx) = E.fold(s0, [Self.shardDown])
        #expect(Self.notices(fx) == [.notify(title: "StudySpot: critical alert", body: "neon unreachable: connection refused")])
        // Still down, read again and again: no second ring.
        (s, fx) = E.fold(s, [Self.shardDown, Self.shardDown, .instances(.reading([E.instance(.up)], stateCacheError: nil))])
        #expect(Self.notices(fx).isEmpty)
        // Back, then lost again: a new occurrence rings.
        (s, fx) = E.fold(s, [.shards(.reading(E.shard(true)))])
        #expect(Self.notices(fx).isEmpty)
        (s, fx) = E.fold(s, [Self.shardDown])
        #expect(Self.notices(fx).count == 1)
    }

    @Test func alertsStandingAtStartDoNotRing() {
        // The shard is down from the first reading, before every source reported.
        var s = State(role: .operator, readOnly: false, size: Size(width: 120, height: 32), now: E.t0)
        var effects: [Effect] = []
        for e: MonitorEvent in [.shards(.configured([E.shard(true)])), Self.shardDown,
                                .instances(.reading([E.instance(.up)], stateCacheError: nil)),
                                .caches(.configured([E.cache(true)])), .caches(.reading(E.cache(true))),
                                .quotas(.report(QuotaReport())), Self.shardDown] {
            let (n, fx) = E.fold(s, [e]); s = n; effects += fx
        }
        #expect(s.alerts.alerts.contains { $0.id == "shard.unreachable:neon" && $0.severity == .critical })
        #expect(Self.notices(effects).isEmpty)
        // A warning is not a notice either; a critical alert new after start-up is.
        let (_, fx) = E.fold(s, [.caches(.reading({ var c = E.cache(false); c.error = "timeout"; return c }()))])
        #expect(Self.notices(fx).count == 1)
    }

    @Test func aSourceThatNeverReportsEndsStartUpAfterTheGrace() {
        var s = State(role: .operator, readOnly: false, size: Size(width: 120, height: 32), now: E.t0)
        s = E.fold(s, [.shards(.configured([E.shard(true)])), .shards(.reading(E.shard(true)))]).0
        s = update(s, .tick(E.t0.addingTimeInterval(startUpGraceSeconds + 5))).0
        #expect(Self.notices(E.fold(s, [Self.shardDown]).1).count == 1)
    }

    @Test func quietSettingsSendNothing() {
        let (_, fx) = E.fold(E.running(notify: NotifySettings(bell: false, desktop: .off)), [Self.shardDown])
        #expect(Self.notices(fx).isEmpty)
    }

    @Test func theBytesForEachSetting() {
        let t = "StudySpot: critical alert", b = "neon unreachable"
        #expect(NotifyEscape.bytes(title: t, body: b, settings: NotifySettings()) == [0x07])
        #expect(NotifyEscape.bytes(title: t, body: b, settings: NotifySettings(bell: false, desktop: .osc9))
            == Array("\u{1B}]9;StudySpot: critical alert: neon unreachable\u{07}".utf8))
        #expect(NotifyEscape.bytes(title: t, body: b, settings: NotifySettings(bell: true, desktop: .osc777))
            == Array("\u{1B}]777;notify;StudySpot: critical alert;neon unreachable\u{07}\u{07}".utf8))
        #expect(NotifyEscape.bytes(title: t, body: b, settings: NotifySettings(bell: false, desktop: .off)).isEmpty)
    }

    @Test func controlCharactersFromDataNeverReachTheEscape() {
        let hostile = "neon\u{07}\u{1B}]0;pwned\u{1B}\\ down\u{9C}\r\n\u{202E}x"
        let bytes = NotifyEscape.bytes(title: "a;b", body: hostile, settings: NotifySettings(bell: false, desktop: .osc777))
        let inner = bytes.dropFirst(2).dropLast()  // ESC ] … BEL
        #expect(!inner.contains(0x1B) && !inner.contains(0x07) && !inner.contains(0x0D) && !inner.contains(0x0A))
        let text = String(decoding: inner, as: UTF8.self)
        #expect(text.hasPrefix("777;notify;a,b;neon"), "\(text)")
        #expect(!text.contains("\u{9C}") && !text.contains("\u{202E}"))
        let long = NotifyEscape.bytes(title: "t", body: String(repeating: "x", count: 5_000), settings: NotifySettings(bell: false, desktop: .osc9))
        #expect(long.count < 1_000)
    }

    @Test func theRunnerWritesTheBytesToTheTerminalAfterTheFrame() {
        var options = DashboardOptions(role: .operator)
        options.notify = NotifySettings(bell: true, desktop: .osc9)
        let runner = DashboardRunner(options: options)
        let terminal = HeadlessTerminal(width: 120, height: 32)
        var script: [[MonitorEvent]] = [
            [.instances(.reading([E.instance(.up)], stateCacheError: nil)),
             .shards(.configured([E.shard(true)])), .shards(.reading(E.shard(true))),
             .caches(.configured([E.cache(true)])), .caches(.reading(E.cache(true))), .quotas(.report(QuotaReport()))],
            [Self.shardDown], [Self.shardDown],
        ]
        var framesAtSignal: [Int] = []
        let deadline = Date().addingTimeInterval(10)
        let status = runner.runLoop(terminal: terminal, wait: { _, _ in
            if terminal.signals.count > framesAtSignal.count { framesAtSignal.append(terminal.framesWritten) }
            // With the script done, come back at once until the pending frame (and its bell) went out.
            guard !script.isEmpty else { return terminal.signals.isEmpty && Date() < deadline ? [] : [.terminate(15)] }
            for m in script.removeFirst() { runner.events.push(.data(m)) }
            return [.wake]
        })
        #expect(status == 128 + 15)
        #expect(terminal.signals == [Array("\u{1B}]9;StudySpot: critical alert: neon unreachable: connection refused\u{07}\u{07}".utf8)])
        #expect(framesAtSignal.first ?? 0 >= 2, "the bell follows the frame that shows the alert")
        #expect(terminal.text.contains("neon"))
    }
}
