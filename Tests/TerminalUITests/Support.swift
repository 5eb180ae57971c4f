@testable import TerminalUI

/// A theme with short style names so snapshot legends stay readable.
let testTheme = Theme(name: "test", styles: [
    .text: Style(), .background: Style(), .muted: Style(fg: .indexed(8)),
    .accent: Style(fg: .indexed(6)), .border: Style(fg: .indexed(4)),
    .title: Style(attributes: .bold), .selection: Style(attributes: .reverse),
    .ok: Style(fg: .indexed(2)), .warning: Style(fg: .indexed(3)), .critical: Style(fg: .indexed(1)),
    .free: Style(fg: .indexed(2)), .reserved: Style(fg: .indexed(3)), .checkedIn: Style(fg: .indexed(4)),
    .maintenance: Style(fg: .indexed(5)), .retired: Style(attributes: .dim),
])

/// Renders a widget on the headless terminal (the real rendering path) and
/// returns the terminal, so tests read what a screen would show.
func screen(_ widget: some Widget, _ width: Int, _ height: Int, theme: Theme = testTheme) -> HeadlessTerminal {
    var b = Buffer(width: width, height: height)
    b.render(widget, in: b.area, theme: theme)
    let t = HeadlessTerminal(width: width, height: height, depth: .trueColor)
    t.present(b)
    return t
}

/// Trailing blanks trimmed per line.
func trimmed(_ s: String) -> String {
    s.split(separator: "\n", omittingEmptySubsequences: false)
        .map { String($0.reversed().drop(while: { $0 == " " }).reversed()) }.joined(separator: "\n")
}
