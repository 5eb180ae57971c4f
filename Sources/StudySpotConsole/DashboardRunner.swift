import Foundation
import TerminalUI
#if canImport(Glibc)
import Glibc
#endif

/// How the dashboard was asked to start.
public struct DashboardOptions: Sendable {
    public var role: ConsoleRole
    public var readOnly: Bool
    public var themeName: String
    /// The config's `[keys]` table (action id → key names) and each entry's line.
    public var keyBindings: [String: [String]]
    public var keyBindingLines: [String: Int]

    public init(role: ConsoleRole = .operator, readOnly: Bool = false, themeName: String = "dark",
                keyBindings: [String: [String]] = [:], keyBindingLines: [String: Int] = [:]) {
        self.role = role; self.readOnly = readOnly; self.themeName = themeName
        self.keyBindings = keyBindings; self.keyBindingLines = keyBindingLines
    }
}

/// The UI loop: the only code that touches ncurses. Everything else reaches
/// it through `events` (a thread-safe queue that wakes the loop).
public final class DashboardRunner {
    public let options: DashboardOptions
    /// Monitors push here from their own threads.
    public let events = EventQueue<Event>()
    private let catalog = ThemeCatalog()
    /// At most ~60 frames per second, and only while something changes.
    static let frameInterval: Duration = .milliseconds(DashboardRunner.frameMilliseconds)
    /// The frame cap: a change waits at most this long for its frame during a
    /// burst (an idle console draws nothing at all).
    public static let frameMilliseconds = 16

    /// Receives the effects that reach outside the UI (operator actions,
    /// pause, refresh interval); set by whoever started the monitors.
    public var effectHandler: (@Sendable (Effect) -> Void)?

    public init(options: DashboardOptions) { self.options = options }

    /// The first state, before the terminal is known: theme and key map
    /// problems become a status message instead of stopping the console.
    public func initialState(size: Size) -> State {
        let (theme, themeIssue) = catalog.load(options.themeName)
        var keyMap = ConsoleKeyMap.standard
        let keyIssues = keyMap.remap(options.keyBindings, lines: options.keyBindingLines)
        var s = State(role: options.role, readOnly: options.readOnly, size: size, theme: theme,
                      themeNames: catalog.names, keyMap: keyMap)
        let problems = (themeIssue.map { [$0] } ?? []) + keyIssues.map(\.description)
        if !problems.isEmpty { s.message = StatusMessage(problems.joined(separator: "; "), role: .warning) }
        return s
    }

    /// Runs until quit or a terminating signal; returns the exit status
    /// (0 after `q`, 128 + signal otherwise). The terminal is restored on
    /// every way out, including thrown errors.
    public func run() throws(TerminalError) -> Int32 {
        let session = try TerminalSession(wakeFD: events.pipe.readFD)
        defer { session.close() }
        let terminal = session.terminal
        var state = initialState(size: terminal.size)
        var rendered: State? = nil
        var lastFrame = ContinuousClock.now - .seconds(1)
        var nextTick = Date()
        let crashForTest = ProcessInfo.processInfo.environment["STUDYSPOT_TEST_CRASH"] == "1"
        while true {
            // Render on change only, at most once per frame interval.
            if state != rendered {
                let since = ContinuousClock.now - lastFrame
                if since >= DashboardRunner.frameInterval {
                    var buffer = Buffer(size: terminal.size)
                    view(state, into: &buffer)
                    terminal.present(buffer)
                    rendered = state
                    lastFrame = ContinuousClock.now
                    // The end-to-end test proves the crash handler restores the terminal.
                    if crashForTest { fatalError("STUDYSPOT_TEST_CRASH: deliberate crash after the first frame") }
                }
            }
            let untilTick = max(0, Int(nextTick.timeIntervalSinceNow * 1000))
            var timeout = untilTick
            if state != rendered {
                let left = DashboardRunner.frameInterval - (ContinuousClock.now - lastFrame)
                let ms = left.components.seconds * 1000 + left.components.attoseconds / 1_000_000_000_000_000
                timeout = min(timeout, max(1, Int(ms)))
            }
            var incoming: [Event] = []
            for e in session.wait(timeoutMS: timeout) {
                switch e {
                case .input(.key(let k)): incoming.append(.key(k))
                case .input(.mouse(let m)): incoming.append(.mouse(m))
                case .input(.paste(let p)): incoming.append(.paste(p))
                case .resize(let size): incoming.append(.resize(size)); rendered = nil
                case .terminate(let sig): return 128 + sig
                case .wake: incoming += events.drain()
                }
            }
            if Date() >= nextTick {
                let now = Date()
                incoming.append(.tick(now))
                nextTick = Date(timeIntervalSince1970: floor(now.timeIntervalSince1970) + 1)
            }
            for e in incoming {
                let (next, effects) = update(state, e)
                state = next
                for effect in effects {
                    switch effect {
                    case .quit: return 0
                    case .loadTheme(let name):
                        let (theme, issue) = catalog.load(name)
                        state = update(state, .themeLoaded(theme, issue: issue)).0
                    case .setPaused, .setRefreshInterval, .perform, .selectLibrary:
                        effectHandler?(effect)
                    }
                }
            }
        }
    }
}
