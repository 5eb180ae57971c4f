import Foundation
import StudySpotConsole
import StudySpotCore
import TerminalUI

/// The dashboard's own loop (`DashboardRunner.runLoop`, frame cap and all)
/// on a headless terminal, on a thread of its own, for the benchmarks that
/// measure commit to frame. A feed posts into `events`; after each frame
/// `shown` gets the bookings that frame shows for the first time (the feed's
/// newest entries down to the newest of the frame before) and the time the
/// frame finished, on the UI thread.
final class HeadlessConsole: @unchecked Sendable {
    let events: EventQueue<Event>
    private let runner: DashboardRunner
    private let lock = NSLock()
    private var done = false
    private var thread: Thread?

    init(role: ConsoleRole, frameMs: Int) {
        runner = DashboardRunner(options: DashboardOptions(role: role))
        runner.frameMilliseconds = frameMs
        events = runner.events
    }

    /// Starts the loop. `frame` sees every frame's state and duration (ms) before `shown` gets its new rows.
    func start(width: Int = 160, height: Int = 48,
               frame: @escaping @Sendable (State, Double) -> Void = { _, _ in },
               shown: @escaping @Sendable ([BookingRecord], Double) -> Void) {
        // Handed to the UI thread and used only there from then on.
        nonisolated(unsafe) let runner = runner
        let events = events
        let t = Thread { [self] in
            var lastNewest: Int64? = nil
            _ = runner.runLoop(terminal: HeadlessTerminal(width: width, height: height), wait: { [self] timeout, watchWake in
                if isDone { return [.terminate(0)] }
                if watchWake { return events.waitForPush(timeoutMS: timeout) ? [.wake] : [] }
                if let t = timeout, t > 0 { _ = poll(nil, 0, Int32(t)) }
                return []
            }, onFrame: { f in
                let t = Date().timeIntervalSince1970
                let elapsed = f.finished - f.started
                frame(f.state, Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000)
                let feed = f.state.bookings.feed
                var fresh: [BookingRecord] = []
                var i = 0
                while i < feed.count {
                    let r = feed.newest(i)
                    if r.id == lastNewest { break }
                    fresh.append(r)
                    i += 1
                }
                if feed.count > 0 { lastNewest = feed.newest(0).id }
                if !fresh.isEmpty { shown(fresh, t) }
            })
        }
        t.name = "headless-console"
        thread = t
        t.start()
    }

    private var isDone: Bool { lock.withLock { done } }

    /// Ends the loop and waits until its thread has left.
    func stop() {
        lock.withLock { done = true }
        events.push(.data(.status(source: "bench", text: "done")))
        while let t = thread, !t.isFinished { Thread.sleep(forTimeInterval: 0.005) }
    }
}
