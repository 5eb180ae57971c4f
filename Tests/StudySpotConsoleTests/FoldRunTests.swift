import Foundation
import Testing
import StudySpotCore
@testable import StudySpotConsole
@testable import TerminalUI

/// The UI loop folds what it took from the queue with `foldEvents`: a run of
/// readings runs the alert rules once, at its end, and ends where folding
/// them one at a time ends.
@Suite("A round of readings folds as one")
struct FoldRunTests {
    static func oneByOne(_ state: State, _ events: [Event]) -> (State, [Effect]) {
        var s = state, effects: [Effect] = []
        for e in events {
            let (next, fx) = update(s, e)
            s = next; effects += fx
        }
        return (s, effects)
    }

    /// Equal states but for the Events ring's revision (a change counter: the
    /// rules' entries are appended after the reading's instead of with them).
    static func sameBesidesRevision(_ a: State, _ b: State) -> Bool {
        var a = a
        guard a.events.ring.events == b.events.ring.events else { return false }
        a.events.ring = b.events.ring
        return a == b
    }

    static func tail(_ s: State) -> [String] { s.events.ring.newestFirst().prefix(6).map { "\($0.at.timeIntervalSince1970) \($0.text)" } }

    /// A round in which the shard stops answering and answers again (two of
    /// its polls in one round): the alert is raised and cleared, rung for
    /// and written to Events, as reading by reading.
    static func roundWithFailure(_ s: State, at t: Date) -> [Event] {
        var events = IdleRedrawTests.readings(s, at: t, 1).map { Event.data($0) }
        var shard = s.shards.shards[0]
        shard.reachable = false; shard.error = "connection refused"; shard.latency = nil; shard.checkedAt = t
        events.insert(.data(.shards(.reading(shard))), at: 1)
        return [.tick(t)] + events
    }

    @Test("A shard down and back within one round: the same alerts, Events entries, bell and state as reading by reading")
    func sameAsOneByOne() {
        var s = IdleRedrawTests.idle()
        s.events.watchingSince = IdleRedrawTests.at(-3_600)  // past the start-up grace: a new critical alert is rung for
        s = Self.oneByOne(s, IdleRedrawTests.readings(s, at: IdleRedrawTests.at(0), 0).map { .data($0) }).0
        let round = Self.roundWithFailure(s, at: IdleRedrawTests.at(2))
        let (batched, batchedFx) = foldEvents(s, round)
        let (single, singleFx) = Self.oneByOne(s, round)
        #expect(single.events.ring.newestFirst().contains { $0.text == "raised: neon unreachable: connection refused" })
        #expect(singleFx.contains { if case .notify = $0 { true } else { false } }, "the flap rings the bell reading by reading")
        #expect(batched.alerts.alerts == single.alerts.alerts)
        #expect(batched.events.ring.events == single.events.ring.events, "\(Self.tail(batched)) vs \(Self.tail(single))")
        #expect(Self.sameBesidesRevision(batched, single))
        #expect(batchedFx == singleFx)
        #expect(!batched.alerts.refresh.deferred && !batched.alerts.refresh.owed, "nothing left waiting after the run")
    }

    @Test("Two sources failing in one round raise the same alerts and entries as reading by reading, and ring once for both")
    func twoSources() {
        var s = IdleRedrawTests.idle()
        s.events.watchingSince = IdleRedrawTests.at(-3_600)
        s = Self.oneByOne(s, IdleRedrawTests.readings(s, at: IdleRedrawTests.at(0), 0).map { .data($0) }).0
        let t = IdleRedrawTests.at(2)
        var shard = s.shards.shards[0], cache = s.caches.caches[0]
        shard.reachable = false; shard.error = "connection refused"; shard.latency = nil; shard.checkedAt = t
        cache.reachable = false; cache.error = "timeout"; cache.latency = nil; cache.checkedAt = t
        let round: [Event] = [.tick(t), .data(.shards(.reading(shard))), .data(.caches(.reading(cache)))]
        let (batched, batchedFx) = foldEvents(s, round)
        let (single, singleFx) = Self.oneByOne(s, round)
        #expect(batched.alerts.alerts.map(\.id).contains("shard.unreachable:neon"))
        #expect(batched.alerts.alerts.contains { $0.id.hasPrefix("cache.unreachable:") })
        #expect(batched.alerts.alerts == single.alerts.alerts)
        // Same entries at the same instant; the rules' ones come after both readings' instead of after each.
        let text = { (s: State) in s.events.ring.newestFirst().map { "\($0.at) \($0.text)" }.sorted() }
        #expect(text(batched) == text(single))
        // Reading by reading, two notices went out after the same frame; now one names both.
        #expect(singleFx.count == 2)
        #expect(batchedFx == [.notify(title: "StudySpot: 2 critical alerts",
                                      body: "neon unreachable: connection refused; railway-redis unreachable: timeout")], "\(batchedFx)")
        var a = batched, b = single
        a.events.ring = b.events.ring
        a.events.noticed = b.events.noticed
        #expect(a == b)
        #expect(batched.events.noticed == single.events.noticed)
    }

    @Test("Six instance readings in a round, as the probe threads post them: one run; a flap between them still raises and clears")
    func instanceReadings() throws {
        var s = IdleRedrawTests.idle()
        s.events.watchingSince = IdleRedrawTests.at(-3_600)
        s = Self.oneByOne(s, IdleRedrawTests.readings(s, at: IdleRedrawTests.at(0), 0).map { .data($0) }).0
        let t = IdleRedrawTests.at(2)
        var list = s.instances.instances
        let up = Array(list.indices.filter { list[$0].state != .down }.prefix(6))
        try #require(up.count >= 2, "\(list.map(\.state))")
        var round: [Event] = [.tick(t)]
        for (k, j) in up.enumerated() {
            list[j].apply(.probeOK(status: "200", latency: 0.02 + Double(k) / 1000), at: t)
            round.append(.data(.instances(.reading(list, stateCacheError: nil))))
        }
        let (batched, fx) = foldEvents(s, round)
        #expect(Self.sameBesidesRevision(batched, Self.oneByOne(s, round).0))
        #expect(fx == Self.oneByOne(s, round).1)
        // The first instance goes down and comes back within the round.
        var down = list, back = list
        let j = up[0]
        down[j].state = .down; down[j].lastError = "connection refused"; down[j].consecutiveFailures = 3; down[j].failingSince = t
        back[j].state = .up
        let flap = round + [.data(.instances(.reading(down, stateCacheError: nil))), .data(.instances(.reading(back, stateCacheError: nil)))]
        let (flapped, _) = foldEvents(s, flap)
        let (single, _) = Self.oneByOne(s, flap)
        let name = list[j].name
        #expect(single.events.ring.events.contains { $0.text.hasPrefix("raised: \(name) down") })
        #expect(flapped.events.ring.events == single.events.ring.events, "\(Self.tail(flapped)) vs \(Self.tail(single))")
        #expect(Self.sameBesidesRevision(flapped, single))
    }

    @Test("A key after readings in the same run sees the alerts those readings raised")
    func keysSeeFreshAlerts() {
        var s = IdleRedrawTests.idle()
        s = Self.oneByOne(s, IdleRedrawTests.readings(s, at: IdleRedrawTests.at(0), 0).map { .data($0) }).0
        // Readings, then "8" (Alerts) and "a" (acknowledge the selected alert), then more readings.
        let round = Self.roundWithFailure(s, at: IdleRedrawTests.at(2))
            + [.key(Key(.char("8"))), .key(Key(.char("a")))]
            + IdleRedrawTests.readings(s, at: IdleRedrawTests.at(2), 2).map { Event.data($0) }
        let (batched, _) = foldEvents(s, round)
        let (single, _) = Self.oneByOne(s, round)
        #expect(batched.alerts.pendingAck != nil, "the acknowledgement dialog opened on the new alert")
        #expect(batched.alerts.pendingAck == single.alerts.pendingAck)
        #expect(Self.sameBesidesRevision(batched, single))
    }

    @Test("Readings that change no alert leave the alerts as they were")
    func quietRound() {
        var s = IdleRedrawTests.idle()
        s = Self.oneByOne(s, IdleRedrawTests.readings(s, at: IdleRedrawTests.at(0), 0).map { .data($0) }).0
        let round: [Event] = [.tick(IdleRedrawTests.at(2))] + IdleRedrawTests.readings(s, at: IdleRedrawTests.at(2), 1).map { .data($0) }
        let (batched, fx) = foldEvents(s, round)
        #expect(batched.alerts.alerts == s.alerts.alerts)
        #expect(fx.isEmpty)
        #expect(Self.sameBesidesRevision(batched, Self.oneByOne(s, round).0))
    }
}
