/// A centred question. Dangerous actions ask the user to type a phrase
/// (e.g. "drain koyeb") before Enter confirms.
public struct ConfirmDialog: Widget, Sendable, Hashable {
    public var title: String
    public var message: String
    /// The phrase to type; nil for a plain yes/no.
    public var phrase: String?
    /// What has been typed so far.
    public var typed: String

    public init(title: String, message: String, phrase: String? = nil, typed: String = "") {
        self.title = title; self.message = message; self.phrase = phrase; self.typed = typed
    }

    /// True when Enter may confirm.
    public var canConfirm: Bool { phrase == nil || typed == phrase }

    /// The dialog's rectangle inside `area` (re-computed on every resize).
    public func frame(in area: Rect) -> Rect {
        let w = min(area.width, max(40, min(64, DisplayWidth.of(Sanitizer.clean(message)) + 4)))
        let lines = TextFit.wrap(message, width: max(1, w - 4)).count
        let h = min(area.height, lines + (phrase == nil ? 4 : 6))
        return area.centered(width: w, height: h)
    }

    public func render(_ area: Rect, into buffer: inout Buffer, theme: Theme) {
        let f = frame(in: area)
        guard !f.isEmpty else { return }
        buffer.fill(f, style: theme[.background])
        let block = Block(title: title, borderRole: phrase == nil ? .accent : .critical, clearsInside: true)
        block.render(f, into: &buffer, theme: theme)
        let inner = block.inner(f).inset(left: 1, right: 1)
        guard !inner.isEmpty else { return }
        var y = inner.y
        for l in TextFit.wrap(message, width: inner.width) where y < inner.bottom {
            buffer.put(l, x: inner.x, y: y, style: theme[.text], clip: inner); y += 1
        }
        if let phrase {
            y += 1
            if y < inner.bottom { buffer.put("Type \"\(phrase)\" to confirm:", x: inner.x, y: y, style: theme[.muted], clip: inner); y += 1 }
            if y < inner.bottom {
                let st = canConfirm ? theme[.ok] : theme[.text]
                buffer.put("> " + typed + "▏", x: inner.x, y: y, style: st, clip: inner)
            }
        }
        let footer = canConfirm ? "Enter confirm · Esc cancel" : "Esc cancel"
        buffer.put(footer, x: inner.x, y: inner.bottom - 1 >= y + 1 ? inner.bottom - 1 : min(y + 1, inner.bottom - 1), style: theme[.muted], clip: inner)
    }
}

/// Key help drawn over the screen, generated from the key map.
public struct HelpOverlay: Widget, Sendable {
    public var entries: [HelpEntry]
    public var title: String
    public var offset: Int

    public init(entries: [HelpEntry], title: String = "Keys", offset: Int = 0) {
        self.entries = entries; self.title = title; self.offset = offset
    }

    public func render(_ area: Rect, into buffer: inout Buffer, theme: Theme) {
        guard !area.isEmpty else { return }
        let keyW = min(16, entries.map { DisplayWidth.of($0.keys) }.max() ?? 0)
        let textW = entries.map { DisplayWidth.of($0.description) + ($0.refusal.map { DisplayWidth.of($0) + 3 } ?? 0) }.max() ?? 0
        let f = area.centered(width: keyW + textW + 7, height: entries.count + 2)
        let block = Block(title: title, rightTitle: "Esc close", borderRole: .accent, clearsInside: true)
        block.render(f, into: &buffer, theme: theme)
        let inner = block.inner(f).inset(left: 1, right: 1)
        guard !inner.isEmpty else { return }
        for (i, e) in entries.dropFirst(max(0, min(offset, entries.count - inner.height))).prefix(inner.height).enumerated() {
            let y = inner.y + i
            let off = e.refusal != nil
            buffer.put(TextFit.pad(e.keys, to: keyW), x: inner.x, y: y, style: off ? theme[.muted] : theme[.accent], clip: inner)
            var x = inner.x + keyW + 2
            x += buffer.put(e.description, x: x, y: y, style: off ? theme[.muted] : theme[.text], clip: inner)
            if let r = e.refusal { buffer.put(" (\(r))", x: x, y: y, style: theme[.muted], clip: inner) }
        }
    }
}
