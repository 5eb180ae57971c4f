import Foundation
import Testing
@testable import TerminalUI

@Suite("The UI loop's event queue: one wake-up per drain, merging, quiet pushes")
struct EventQueueTests {
    /// Bytes waiting in the queue's pipe (each is one wake-up of the loop).
    func pipeBytes<E>(_ q: EventQueue<E>) -> Int { q.pipe.drain().count }

    @Test("A burst of pushes wakes the reader once; after a drain the next push wakes it again")
    func oneWakePerDrain() {
        let q = EventQueue<Int>()
        for i in 0..<1_000 { q.push(i) }
        #expect(q.waitForPush(timeoutMS: 0))
        #expect(pipeBytes(q) == 1)
        #expect(q.drain() == Array(0..<1_000))
        #expect(!q.waitForPush(timeoutMS: 0))
        q.push(7)
        #expect(q.waitForPush(timeoutMS: 0))
        #expect(q.drain() == [7])
    }

    @Test("merge folds an event into the newest queued one only, keeping order")
    func merging() {
        // Negative numbers merge into a negative predecessor by adding up.
        let q = EventQueue<Int>(merge: { last, next in
            guard last < 0 && next < 0 else { return false }
            last += next
            return true
        })
        for e in [-1, -2, 5, -3, -4, -5, 6] { q.push(e) }
        #expect(q.count == 4)
        #expect(q.drain() == [-3, 5, -12, 6])
    }

    @Test("A quiet push wakes the reader only into an empty queue; acknowledged, the rest wait until a prompt push")
    func quietPush() {
        let q = EventQueue<String>()
        q.push("reading 1", wake: false)
        #expect(q.waitForPush(timeoutMS: 0), "the first quiet event tells the reader something waits")
        #expect(!q.acknowledge(), "nothing prompt among them")
        #expect(!q.waitForPush(timeoutMS: 0) && q.count == 1)
        q.push("reading 2", wake: false)
        #expect(!q.waitForPush(timeoutMS: 0), "a quiet event into a waiting queue wakes nobody")
        q.push("key")
        #expect(q.waitForPush(timeoutMS: 0))
        #expect(q.acknowledge(), "a prompt event waits: drain now")
        #expect(q.drain() == ["reading 1", "reading 2", "key"])
        #expect(!q.waitForPush(timeoutMS: 0))
    }

    @Test("A prompt push that lands while the reader acknowledges is not lost")
    func promptDuringAcknowledge() {
        let q = EventQueue<String>()
        q.push("reading", wake: false)
        q.push("key")  // the pipe already holds the quiet event's byte: no second byte
        #expect(q.acknowledge(), "the flag, not the pipe, tells the reader")
        q.push("key 2")
        #expect(q.waitForPush(timeoutMS: 0), "after the acknowledgement a prompt push writes again")
    }

    @Test("The headless ANSI encoder writes the same bytes as the escape sequences spelled out")
    func encoderBytes() {
        var b = Buffer(width: 12, height: 2)
        b.put("ab", x: 0, y: 0)
        b.put("é世", x: 3, y: 1, style: Style(fg: .indexed(196), bg: .rgb(1, 2, 3), attributes: [.bold]))
        let bytes = AnsiEncoder(depth: .trueColor).encode(FrameDiff.updates(from: Buffer(width: 12, height: 2), to: b), clusters: b.clusters)
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text == "\u{1B}[1;1H\u{1B}[0ma" + "b" + "\u{1B}[2;4H\u{1B}[0;1;38;5;196;48;2;1;2;3mé世\u{1B}[0m")
    }
}
