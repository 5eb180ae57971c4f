import Foundation
import StudySpotCore
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
    /// `[notify]`: the bell and desktop notification for a new critical alert.
    public var notify = NotifySettings()
    /// `[console] clock_seconds`: the status bar's clock with seconds.
    public var clockSeconds = false

    public init(role: ConsoleRole = .operator, readOnly: Bool = false, themeName: String = "dark",
                keyBindings: [String: [String]] = [:], keyBindingLines: [String: Int] = [:]) {
        self.role = role; self.readOnly = readOnly; self.themeName = themeName
        self.keyBindings = keyBindings; self.keyBindingLines = keyBindingLines
    }
}

/// What one drawn frame cost, for benchmarks and the start-up trace.
public struct FrameReport {
    /// The state the frame was drawn from.
    public var state: State
    /// When `view` started and when `present` returned.
    public var started: ContinuousClock.Instant
    public var finished: ContinuousClock.Instant
    /// Cells the terminal was sent (0: the frame looked like the last one).
    public var cells: Int
}

/// The UI loop: the only code that touches ncurses. Everything else reaches
/// it through `events` (a thread-safe queue that wakes the loop).
public final class DashboardRunner {
    public let options: DashboardOptions
    /// Monitors push here from their own threads. Booking batches pushed
    /// while the loop is busy merge into one (see `Event.merge`).
    public let events = EventQueue<Event>(merge: Event.merge)
    private let catalog = ThemeCatalog()
    /// The frame cap: frames start at least this far apart. A change that
    /// arrives when no frame was drawn for that long is drawn at once; during
    /// a burst it waits at most this long, and the loop does not even look
    /// at the queue until then, so a burst becomes one fold and one frame.
    /// An idle console draws nothing until the screen would change by itself
    /// (`RedrawClock`: the minute clock, an age label).
    public static let defaultFrameMilliseconds = 8
    /// How long periodic readings may wait to be folded after the first of
    /// them arrived: one refresh interval (the monitors' round), so a round's
    /// readings become one fold and one frame, not one per monitor.
    static func quietMilliseconds(_ s: State) -> Int { 1_000 * min(max(1, s.refreshSeconds), 2) }
    /// This runner's frame cap (benchmarks compare others).
    public var frameMilliseconds = DashboardRunner.defaultFrameMilliseconds

    /// How monitors deliver their events, from any thread: booking batches
    /// and other prompt events wake the loop; periodic readings are folded
    /// within a second of the first (see `MonitorEvent.isPrompt`).
    public var post: @Sendable (MonitorEvent) -> Void { { [poster] in poster.post($0) } }
    private let poster: MonitorPoster

    /// Receives the effects that reach outside the UI (operator actions,
    /// pause, refresh interval); set by whoever started the monitors.
    public var effectHandler: (@Sendable (Effect) -> Void)?

    public init(options: DashboardOptions) {
        self.options = options
        poster = MonitorPoster(queue: events)
    }

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
        s.events.notify = options.notify
        s.clockSeconds = options.clockSeconds
        return s
    }

    /// Runs until quit or a terminating signal; returns the exit status
    /// (0 after `q`, 128 + signal otherwise). The terminal is restored on
    /// every way out, including thrown errors.
    public func run() throws(TerminalError) -> Int32 {
        let session = try TerminalSession(wakeFD: events.pipe.readFD)
        defer { session.close() }
        var observers: [(FrameReport) -> Void] = []
        // The end-to-end test proves the crash handler restores the terminal.
        if ProcessInfo.processInfo.environment["STUDYSPOT_TEST_CRASH"] == "1" {
            observers.append { _ in fatalError("STUDYSPOT_TEST_CRASH: deliberate crash after the first frame") }
        }
        if let trace = FrameTrace(environment: ProcessInfo.processInfo.environment) {
            observers.append { trace.record($0) }
        }
        return runLoop(terminal: session.terminal,
                       wait: { session.wait(timeoutMS: $0, watchWake: $1) },
                       onFrame: observers.isEmpty ? nil : { r in observers.forEach { $0(r) } })
    }

    /// The loop on any terminal. `wait(timeoutMS, watchWake)` blocks until
    /// input, a signal, a push into `events` (only when `watchWake`), or the
    /// timeout. `onFrame` sees every frame after it reached the terminal.
    public func runLoop(terminal: Terminal, wait: (_ timeoutMS: Int?, _ watchWake: Bool) -> [SessionEvent],
                        onFrame: ((FrameReport) -> Void)? = nil) -> Int32 {
        var state = initialState(size: terminal.size)
        var rendered: State? = nil
        var dirty = true
        let clock = ContinuousClock()
        let startedAt = clock.now
        var lastFrame = startedAt - .seconds(1)
        var nextTick = RedrawClock.nextChange(state, after: Date())
        // Set when quiet readings are known to wait: they are folded by then.
        var quietDeadline: ContinuousClock.Instant? = nil
        var buffer = Buffer(size: terminal.size)
        let frameInterval = Duration.milliseconds(frameMilliseconds)
        // Bells and notification escapes go out after the frame that shows their alert.
        var signals: [UInt8] = []
        while true {
            if dirty && clock.now - lastFrame >= frameInterval {
                let started = clock.now
                // The cluster table lives as long as the screen: frames keep sharing it.
                if buffer.size != terminal.size { buffer = Buffer(size: terminal.size, clusters: buffer.clusters) }
                view(state, into: &buffer)
                let cells = terminal.present(buffer)
                if !signals.isEmpty { terminal.signal(signals); signals = [] }
                lastFrame = started
                rendered = state
                dirty = false
                // Readings become lazy once the pane has its data, or after
                // 10 s whatever happens (a dead source must not keep every
                // reading waking the loop).
                if state.shownPaneLoaded || started - startedAt > .seconds(10) { poster.settle() }
                onFrame?(FrameReport(state: state, started: started, finished: clock.now, cells: cells))
            }
            // Sleep until the screen would change by itself, quiet readings'
            // deadline or, with a frame pending, its slot; the queue is left
            // alone until that slot comes.
            var timeout = DashboardRunner.milliseconds(until: nextTick)
            if let q = quietDeadline { timeout = min(timeout, DashboardRunner.roundedUpMilliseconds(q - clock.now)) }
            if dirty {
                let left = frameInterval - (clock.now - lastFrame)
                timeout = min(timeout, DashboardRunner.roundedUpMilliseconds(left))
            }
            var incoming: [Event] = []
            var tookQueue = false
            for e in wait(timeout, !dirty) {
                switch e {
                case .input(.key(let k)): incoming.append(.key(k))
                case .input(.mouse(let m)): incoming.append(.mouse(m))
                case .input(.paste(let p)): incoming.append(.paste(p))
                case .resize(let size): incoming.append(.resize(size)); rendered = nil; dirty = true
                case .terminate(let sig): return 128 + sig
                case .wake:
                    if events.acknowledge() {
                        incoming += events.drain(); tookQueue = true
                    } else if quietDeadline == nil {
                        quietDeadline = clock.now + .milliseconds(DashboardRunner.quietMilliseconds(state))
                    }
                }
            }
            if !tookQueue && ((dirty && clock.now - lastFrame >= frameInterval) || quietDeadline.map { clock.now >= $0 } == true) {
                // The frame slot or the readings' deadline came: take what queued meanwhile.
                incoming += events.drain()
                tookQueue = true
            }
            if tookQueue { quietDeadline = nil }
            let now = Date()
            if now >= nextTick || !incoming.isEmpty {
                // Whatever is folded sees the time it is folded at (alerts date their start by it).
                incoming.insert(.tick(now), at: 0)
            }
            guard !incoming.isEmpty else { continue }
            // A round's readings run the alert rules once, not once each.
            let (next, effects) = foldEvents(state, incoming)
            state = next
            for effect in effects {
                switch effect {
                case .quit: return 0
                case .loadTheme(let name):
                    let (theme, issue) = catalog.load(name)
                    state = update(state, .themeLoaded(theme, issue: issue)).0
                case .setPaused, .setRefreshInterval, .operatorCommand, .selectLibrary:
                    effectHandler?(effect)
                case .notify(let title, let body):
                    signals += NotifyEscape.bytes(title: title, body: body, settings: state.events.notify)
                }
            }
            if let r = rendered {
                // An idle Overview's round seldom changes what it shows: no
                // frame, and the state it would have drawn becomes the one on
                // screen (its clock and probe times are newer).
                if state == r { dirty = false }
                else if drawsTheSame(r, as: state) { rendered = state; dirty = false }
                else { dirty = true }
            } else {
                dirty = true
            }
            nextTick = RedrawClock.nextChange(state, after: now)
            if !dirty && !signals.isEmpty { terminal.signal(signals); signals = [] }
        }
    }

    static func milliseconds(until d: Date) -> Int {
        max(0, Int((d.timeIntervalSinceNow * 1000).rounded(.up)))
    }

    static func roundedUpMilliseconds(_ d: Duration) -> Int {
        let (s, atto) = d.components
        guard s >= 0 && atto >= 0 else { return 0 }
        return Int(s) * 1000 + Int((atto + 999_999_999_999_999) / 1_000_000_000_000_000)
    }
}
