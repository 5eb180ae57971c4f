import Testing
@testable import TerminalUI

@Suite("Frame diff and the headless terminal")
struct DiffTests {
    func frame(_ rows: [String], width: Int) -> Buffer {
        var b = Buffer(width: width, height: rows.count)
        for (y, r) in rows.enumerated() { b.put(r, x: 0, y: y) }
        return b
    }

    @Test("The first frame writes every cell; an unchanged frame writes nothing")
    func unchanged() {
        let t = HeadlessTerminal(width: 10, height: 2)
        let f = frame(["hello", "world"], width: 10)
        #expect(t.present(f) == 20)
        #expect(t.present(f) == 0)
        #expect(t.lastFrameBytes == 0)
        #expect(t.framesWritten == 1)
    }

    @Test("Only changed cells are written")
    func changedOnly() {
        let t = HeadlessTerminal(width: 10, height: 2)
        t.present(frame(["hello", "world"], width: 10))
        #expect(t.present(frame(["hellO", "world"], width: 10)) == 1)
        #expect(t.text == "hellO     \nworld     ")
    }

    @Test("Replacing a wide cluster by narrow ones redraws the columns it covered")
    func wideReplaced() {
        let t = HeadlessTerminal(width: 4, height: 1)
        t.present(frame(["図x"], width: 4))
        let n = t.present(frame(["ab x"], width: 4))
        #expect(n >= 2)
        #expect(t.text == "ab x")
        t.present(frame(["書書"], width: 4))
        #expect(t.text == "書書")
    }

    @Test("Styles reach the screen lowered to the colour depth")
    func stylesLowered() {
        let t = HeadlessTerminal(width: 3, height: 1, depth: .mono)
        var b = Buffer(width: 3, height: 1)
        b.put("ok", x: 0, y: 0, style: Style(fg: .indexed(2), bg: .rgb(1, 2, 3), attributes: .bold))
        t.present(b)
        #expect(t.styles == "AA.\nA: bold reverse")
    }

    @Test("A resize writes the whole new frame")
    func resize() {
        let t = HeadlessTerminal(width: 3, height: 1)
        t.present(frame(["abc"], width: 3))
        t.resize(width: 2, height: 1)
        #expect(t.present(frame(["ab"], width: 2)) == 2)
    }
}
