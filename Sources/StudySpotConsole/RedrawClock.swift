import Foundation
import StudySpotCore

/// When the screen would change by itself, with nothing reported: the clock,
/// an age label. The UI loop sleeps until then instead of waking every
/// second (an idle console's CPU and terminal bytes: Benchmarks/README.md, "Idle CPU").
public enum RedrawClock {
    /// The next moment after `now` at which `view(s)` may differ from now.
    /// The Overview shows time to the minute (clock, ages, per-minute figures),
    /// so it changes at the next minute or the next age label's step;
    /// the other panes, seconds (`clock_seconds`) and overlays tick every second.
    public static func nextChange(_ s: State, after now: Date) -> Date {
        let second = Date(timeIntervalSince1970: (now.timeIntervalSince1970).rounded(.down) + 1)
        guard !s.clockSeconds, s.pane == .overview, s.overlay == nil else { return second }
        var next = nextMinute(after: now)
        // The bookings chart moves on at the platform's minute, the server's clock (`chartClockOffset`).
        let offset = chartClockOffset(s.bookings.serverOffset)
        if offset != 0 { next = min(next, nextMinute(after: now.addingTimeInterval(offset)).addingTimeInterval(-offset)) }
        for a in s.alerts.alerts { next = min(next, nextAgeStep(since: a.since, now: now, underAnHour: OverviewAge.youngStep)) }
        for i in s.instances.instances {
            for d in [i.heartbeatAt, i.lastProbeAt].compactMap({ $0 }) { next = min(next, nextAgeStep(since: d, now: now)) }
        }
        // The e-mail queue's "oldest 1h 12m ago" keeps minutes past the hour.
        if let e = s.quotas.email?.oldestQueuedAt { next = min(next, nextAgeStep(since: e, now: now, minutesOnly: true)) }
        return max(next, second)
    }

    static func nextMinute(after d: Date) -> Date {
        Date(timeIntervalSince1970: ((d.timeIntervalSince1970 / 60).rounded(.down) + 1) * 60)
    }

    /// When an age shown to the minute ("<1m", "4m", "3h", "2d") next changes;
    /// `minutesOnly`: one that shows minutes at any age ("1h 12m");
    /// `underAnHour`: its step under an hour (an Overview alert's: the hour, "<1h").
    public static func nextAgeStep(since: Date, now: Date, minutesOnly: Bool = false, underAnHour: TimeInterval = 60) -> Date {
        let age = now.timeIntervalSince(since)
        guard age.isFinite, age >= 0 else { return since.addingTimeInterval(underAnHour) }
        let step: Double = minutesOnly ? 60 : age < 3_600 ? underAnHour : age < 86_400 ? 3_600 : 86_400
        return since.addingTimeInterval(((age / step).rounded(.down) + 1) * step)
    }
}
