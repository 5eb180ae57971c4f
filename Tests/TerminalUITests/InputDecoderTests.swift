import Testing
@testable import TerminalUI

@Suite("Input decoding")
struct InputDecoderTests {
    func keys(_ s: String) -> [InputEvent] {
        var d = InputDecoder()
        return d.feed(Array(s.utf8)) + d.flush()
    }

    @Test("Printable keys, UTF-8, control keys")
    func plain() {
        #expect(keys("jé図") == [.key(.char("j")), .key(.char("é")), .key(.char("図"))])
        #expect(keys("\u{03}\r\t\u{7F}") == [.key(.ctrl("c")), .key(Key(.enter)), .key(Key(.tab)), .key(Key(.backspace))])
    }

    @Test("Arrows, paging, Home/End, function keys in both encodings",
          arguments: [
            ("\u{1B}[A", Key(.up)), ("\u{1B}OB", Key(.down)), ("\u{1B}[5~", Key(.pageUp)), ("\u{1B}[6~", Key(.pageDown)),
            ("\u{1B}[H", Key(.home)), ("\u{1B}[F", Key(.end)), ("\u{1B}[1~", Key(.home)), ("\u{1B}[4~", Key(.end)),
            ("\u{1B}OP", Key(.function(1))), ("\u{1B}[15~", Key(.function(5))), ("\u{1B}[24~", Key(.function(12))),
            ("\u{1B}[Z", Key(.tab, shift: true)), ("\u{1B}[1;5C", Key(.right, ctrl: true)), ("\u{1B}[3~", Key(.delete)),
          ])
    func special(_ c: (String, Key)) {
        #expect(keys(c.0) == [.key(c.1)])
    }

    @Test("A lone Esc waits for the escape delay, then is Esc")
    func escape() {
        var d = InputDecoder()
        #expect(d.feed([0x1B]).isEmpty)
        #expect(d.hasPending)
        #expect(d.flush() == [.key(Key(.escape))])
        #expect(!d.hasPending)
    }

    @Test("Alt combinations")
    func alt() {
        #expect(keys("\u{1B}x") == [.key(Key(.char("x"), alt: true))])
        var d = InputDecoder()
        #expect(d.feed([0x1B]).isEmpty)
        #expect(d.feed(Array("x".utf8)) == [.key(Key.alt("x"))])
    }

    @Test("Sequences split across reads are joined")
    func split() {
        var d = InputDecoder()
        #expect(d.feed([0x1B, 0x5B]).isEmpty)
        #expect(d.feed([0x31, 0x35]).isEmpty)
        #expect(d.feed([0x7E]) == [.key(Key(.function(5)))])
        #expect(d.feed([0xE5, 0x9B]).isEmpty)
        #expect(d.feed([0xB3]) == [.key(.char("図"))])
    }

    @Test("SGR mouse clicks and wheel")
    func mouse() {
        #expect(keys("\u{1B}[<0;10;5M\u{1B}[<0;10;5m") == [
            .mouse(MouseEvent(kind: .press(0), x: 9, y: 4)), .mouse(MouseEvent(kind: .release(0), x: 9, y: 4)),
        ])
        #expect(keys("\u{1B}[<64;1;1M\u{1B}[<65;1;1M") == [
            .mouse(MouseEvent(kind: .wheelUp, x: 0, y: 0)), .mouse(MouseEvent(kind: .wheelDown, x: 0, y: 0)),
        ])
    }

    @Test("Bracketed paste is text, never keys, and is sanitised")
    func paste() {
        var d = InputDecoder()
        var ev = d.feed(Array("\u{1B}[200~q1\u{1B}[2J".utf8))
        ev += d.feed(Array("x\r\ny\u{1B}[20".utf8))
        #expect(ev.isEmpty)
        ev += d.feed(Array("1~j".utf8))
        #expect(ev == [.paste("q1␛[2Jx  y"), .key(.char("j"))])
    }

    @Test("Invalid UTF-8 from the terminal becomes a placeholder character")
    func invalid() {
        var d = InputDecoder()
        #expect(d.feed([0xFF, 0x61]) == [.key(.char("\u{FFFD}")), .key(.char("a"))])
    }
}
