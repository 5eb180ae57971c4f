/// Turns bytes from the terminal into keys, mouse reports and pastes.
///
/// A lone ESC is ambiguous (Esc key, or the start of a sequence); the
/// decoder keeps it pending and the caller calls `flush()` once no more
/// bytes arrived within the escape delay (~25 ms), so Esc feels instant.
public struct InputDecoder: Sendable {
    private var pending: [UInt8] = []
    private var pasting = false
    private var pasteBytes: [UInt8] = []

    public init() {}

    /// True when bytes wait for more input or for `flush()`.
    public var hasPending: Bool { !pending.isEmpty }

    static let pasteEnd: [UInt8] = Array("\u{1B}[201~".utf8)

    /// Decodes as much as possible; incomplete sequences stay pending.
    public mutating func feed<S: Sequence>(_ bytes: S) -> [InputEvent] where S.Element == UInt8 {
        pending.append(contentsOf: bytes)
        var out: [InputEvent] = []
        var i = 0
        while i < pending.count {
            if pasting {
                // Everything up to ESC [201~ is pasted text, keys included.
                if let end = find(InputDecoder.pasteEnd, in: pending, from: i) {
                    pasteBytes.append(contentsOf: pending[i..<end])
                    out.append(.paste(Sanitizer.decode(pasteBytes).replacingNewlines()))
                    pasteBytes = []; pasting = false
                    i = end + InputDecoder.pasteEnd.count
                    continue
                }
                // Keep a possible partial terminator pending.
                let keep = min(InputDecoder.pasteEnd.count - 1, pending.count - i)
                pasteBytes.append(contentsOf: pending[i..<(pending.count - keep)])
                i = pending.count - keep
                break
            }
            guard let (event, used) = decodeOne(pending, i) else { break }
            if let event { out.append(event) }
            i += used
        }
        pending.removeFirst(i)
        return out
    }

    /// Called when the escape delay passed without more bytes: a pending
    /// ESC is the Esc key; other leftovers become what they most plausibly are.
    public mutating func flush() -> [InputEvent] {
        guard !pending.isEmpty, !pasting else { return [] }
        var out: [InputEvent] = []
        if pending == [0x1B] { out.append(.key(Key(.escape))) }
        else if pending.count == 2 && pending[0] == 0x1B, let e = decodeOne([pending[1]], 0)?.0, case .key(var k) = e {
            k.alt = true; out.append(.key(k))
        } else if pending.first == 0x1B {
            out.append(.key(Key(.escape)))
        }
        pending = []
        return out
    }

    private func find(_ needle: [UInt8], in hay: [UInt8], from: Int) -> Int? {
        guard hay.count - from >= needle.count else { return nil }
        var i = from
        while i + needle.count <= hay.count {
            if hay[i] == needle[0] && Array(hay[i..<(i + needle.count)]) == needle { return i }
            i += 1
        }
        return nil
    }

    /// One event from `b[i...]`: (event or nil for ignored input, bytes used),
    /// or nil when more bytes are needed.
    private mutating func decodeOne(_ b: [UInt8], _ i: Int) -> (InputEvent?, Int)? {
        let c = b[i]
        switch c {
        case 0x1B:
            guard i + 1 < b.count else { return nil }
            let n = b[i + 1]
            if n == UInt8(ascii: "[") { return csi(b, i) }
            if n == UInt8(ascii: "O") {
                guard i + 2 < b.count else { return nil }
                let k: Key? = switch b[i + 2] {
                case UInt8(ascii: "A"): Key(.up)
                case UInt8(ascii: "B"): Key(.down)
                case UInt8(ascii: "C"): Key(.right)
                case UInt8(ascii: "D"): Key(.left)
                case UInt8(ascii: "H"): Key(.home)
                case UInt8(ascii: "F"): Key(.end)
                case UInt8(ascii: "P")...UInt8(ascii: "S"): Key(.function(Int(b[i + 2]) - 0x50 + 1))
                case UInt8(ascii: "M"): Key(.enter)
                default: nil
                }
                return (k.map { .key($0) }, 3)
            }
            if n == 0x1B { return (.key(Key(.escape, alt: true)), 2) }
            // ESC + key = Alt + key.
            guard let (e, used) = decodeOne(b, i + 1) else { return nil }
            if case .key(var k)? = e { k.alt = true; return (.key(k), used + 1) }
            return (e, used + 1)
        case 0x0D, 0x0A: return (.key(Key(.enter)), 1)
        case 0x09: return (.key(Key(.tab)), 1)
        case 0x7F, 0x08: return (.key(Key(.backspace)), 1)
        case 0x00: return (.key(Key(.char(" "), ctrl: true)), 1)
        case 0x01...0x1A: return (.key(Key.ctrl(Character(Unicode.Scalar(c + 0x60)))), 1)
        case 0x1C...0x1F: return (nil, 1)
        case 0x20...0x7E: return (.key(.char(Character(Unicode.Scalar(c)))), 1)
        default:
            // UTF-8: lead byte tells the length; invalid bytes become U+FFFD.
            var len = c >= 0xF8 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1
            // A byte that is not a continuation ends the character early.
            var k = 1
            while k < len, i + k < b.count {
                if b[i + k] & 0xC0 != 0x80 { len = k; break }
                k += 1
            }
            guard i + len <= b.count else { return nil }
            let s = Sanitizer.decode(b[i..<(i + len)])
            return (s.first.map { .key(.char($0)) }, len)
        }
    }

    private mutating func csi(_ b: [UInt8], _ i: Int) -> (InputEvent?, Int)? {
        var j = i + 2
        while j < b.count, !(0x40...0x7E).contains(b[j]) { j += 1 }
        guard j < b.count else { return b.count - i > 32 ? (nil, b.count - i) : nil }
        let final = b[j]
        let body = String(decoding: b[(i + 2)..<j], as: UTF8.self)
        let used = j - i + 1
        if body.hasPrefix("<"), final == UInt8(ascii: "M") || final == UInt8(ascii: "m") {
            return (mouse(body.dropFirst(), pressed: final == UInt8(ascii: "M")), used)
        }
        let params = body.split(separator: ";", omittingEmptySubsequences: false).map { Int($0) ?? 0 }
        let mod = params.count > 1 ? params[1] - 1 : 0
        func key(_ code: Key.Code) -> InputEvent {
            .key(Key(code, ctrl: mod & 4 != 0, alt: mod & 2 != 0, shift: mod & 1 != 0))
        }
        switch final {
        case UInt8(ascii: "A"): return (key(.up), used)
        case UInt8(ascii: "B"): return (key(.down), used)
        case UInt8(ascii: "C"): return (key(.right), used)
        case UInt8(ascii: "D"): return (key(.left), used)
        case UInt8(ascii: "H"): return (key(.home), used)
        case UInt8(ascii: "F"): return (key(.end), used)
        case UInt8(ascii: "P")...UInt8(ascii: "S"): return (key(.function(Int(final) - 0x50 + 1)), used)
        case UInt8(ascii: "Z"): return (.key(Key(.tab, shift: true)), used)
        case UInt8(ascii: "~"):
            let n = params.first ?? 0
            if n == 200 {
                pasting = true
                return (nil, used)
            }
            let code: Key.Code? = switch n {
            case 1, 7: .home
            case 2: .insert
            case 3: .delete
            case 4, 8: .end
            case 5: .pageUp
            case 6: .pageDown
            case 11...15: .function(n - 10)
            case 17...21: .function(n - 11)
            case 23, 24: .function(n - 12)
            default: nil
            }
            return (code.map { key($0) }, used)
        default:
            return (nil, used)
        }
    }

    private func mouse(_ body: Substring, pressed: Bool) -> InputEvent? {
        let p = body.split(separator: ";").compactMap { Int($0) }
        guard p.count == 3 else { return nil }
        let cb = p[0], x = max(0, p[1] - 1), y = max(0, p[2] - 1)
        let button = cb & 3
        let kind: MouseEvent.Kind
        if cb & 64 != 0 { kind = button == 0 ? .wheelUp : .wheelDown }
        else if cb & 32 != 0 { kind = .drag(button) }
        else { kind = pressed ? .press(button) : .release(button) }
        return .mouse(MouseEvent(kind: kind, x: x, y: y, shift: cb & 4 != 0, alt: cb & 8 != 0, ctrl: cb & 16 != 0))
    }
}

extension String {
    /// Pasted line breaks read as spaces in one-line inputs; the sanitiser
    /// already made them visible symbols.
    func replacingNewlines() -> String {
        String(String.UnicodeScalarView(unicodeScalars.map { $0 == "␍" || $0 == "␊" ? " " : $0 }))
    }
}
