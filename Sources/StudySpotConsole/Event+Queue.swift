import Foundation
import StudySpotCore
import TerminalUI

extension Event {
    /// Folds `next` into `pending` when both are booking-feed batches: the
    /// UI queue's merge rule (`EventQueue(merge:)`), so a feed burst that
    /// arrives while the loop draws waits as one batch, not thousands.
    @Sendable public static func merge(_ pending: inout Event, _ next: Event) -> Bool {
        guard case .data(.bookings(.batch(var batch))) = pending,
              case .data(.bookings(.batch(let more))) = next else { return false }
        // Let go of the queued copy first, so appending does not copy the changes.
        pending = .tick(batch.postedAt)
        batch.merge(more)
        pending = .data(.bookings(.batch(batch)))
        return true
    }
}

extension MonitorEvent {
    /// Worth a frame at once: the booking feed, seat maps, an operator
    /// action's result, a monitor's status line. Everything else (periodic
    /// readings of instances, shards, caches, quotas) is quiet: the loop folds
    /// what queued within a refresh interval of the first one in one go, so it
    /// draws once per round of readings however many monitors report.
    public var isPrompt: Bool {
        switch self {
        case .bookings, .seats, .status: true
        case .instances(.actionResult): true
        case .overview, .quotas, .instances, .shards, .caches, .alerts, .events: false
        }
    }
}

/// How monitors hand events to a `DashboardRunner` (`DashboardRunner.post`).
/// Until the first frame that shows the pane's data every event is prompt,
/// so start-up does not wait for a tick.
final class MonitorPoster: Sendable {
    let queue: EventQueue<Event>
    private let lock = NSLock()
    nonisolated(unsafe) private var eager = true

    init(queue: EventQueue<Event>) { self.queue = queue }

    func post(_ m: MonitorEvent) {
        lock.lock(); let now = eager; lock.unlock()
        queue.push(.data(m), wake: now || m.isPrompt)
    }

    func settle() { lock.lock(); eager = false; lock.unlock() }
}
