/// `[notify]`: how a new critical alert gets noticed by someone not looking
/// at the console.
public struct NotifySettings: Sendable, Hashable {
    /// The terminal's desktop-notification escape, when asked for.
    public enum Desktop: String, Sendable, Hashable, CaseIterable {
        case off
        /// `ESC ] 9 ; text BEL` (iTerm2, Windows Terminal, ConEmu, kitty, WezTerm).
        case osc9
        /// `ESC ] 777 ; notify ; title ; body BEL` (rxvt-unicode, foot, Ghostty, VTE).
        case osc777
    }

    /// Ring the terminal bell on a new critical alert. On by default: a
    /// bell is what a terminal tool is expected to do, and terminals let
    /// users silence it.
    public var bell: Bool
    /// Off by default: an escape a terminal does not know may show as text.
    public var desktop: Desktop

    public init(bell: Bool = true, desktop: Desktop = .off) { self.bell = bell; self.desktop = desktop }

    /// Whether a new critical alert makes any noise at all.
    public var isQuiet: Bool { !bell && desktop == .off }
}
