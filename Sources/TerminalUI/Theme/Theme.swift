/// What a style is for, so widgets and panes never name colours themselves.
public enum Role: String, Sendable, CaseIterable, Hashable {
    case text, background, muted, accent, border, title, selection
    case ok, warning, critical
    // Seat states.
    case free, reserved, checkedIn = "checked_in", maintenance, retired
}

/// A named mapping from roles to styles.
public struct Theme: Sendable, Equatable {
    public var name: String
    public var styles: [Role: Style]

    public init(name: String, styles: [Role: Style]) { self.name = name; self.styles = styles }

    /// The style for a role; roles a theme leaves out are plain.
    public subscript(role: Role) -> Style { styles[role] ?? .plain }

    /// The built-in dark theme, used when no theme file can be read.
    /// `Themes/dark.toml` holds the same values (a test keeps them equal).
    public static let dark = Theme(name: "dark", styles: [
        .text: Style(fg: .rgb(0xd0, 0xd4, 0xdc)),
        .background: Style(),
        .muted: Style(fg: .rgb(0x6b, 0x72, 0x80)),
        .accent: Style(fg: .rgb(0x61, 0xaf, 0xef), attributes: .bold),
        .border: Style(fg: .rgb(0x4b, 0x52, 0x63)),
        .title: Style(fg: .rgb(0xe5, 0xc0, 0x7b), attributes: .bold),
        .selection: Style(fg: .rgb(0xff, 0xff, 0xff), bg: .rgb(0x3e, 0x44, 0x51), attributes: .bold),
        .ok: Style(fg: .rgb(0x98, 0xc3, 0x79)),
        .warning: Style(fg: .rgb(0xe5, 0xc0, 0x7b), attributes: .bold),
        .critical: Style(fg: .rgb(0xe0, 0x6c, 0x75), attributes: .bold),
        .free: Style(fg: .rgb(0x98, 0xc3, 0x79)),
        .reserved: Style(fg: .rgb(0xe5, 0xc0, 0x7b)),
        .checkedIn: Style(fg: .rgb(0x61, 0xaf, 0xef)),
        .maintenance: Style(fg: .rgb(0xc6, 0x78, 0xdd)),
        .retired: Style(fg: .rgb(0x5c, 0x63, 0x70), attributes: .dim),
    ])
}
