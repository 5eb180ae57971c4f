import Foundation
import TerminalUI

/// What monitors report: a status line per source, or a pane's own events.
public enum MonitorEvent: Sendable {
    case status(source: String, text: String)
    case overview(OverviewEvent)
    case bookings(BookingsEvent)
    case seats(SeatsEvent)
    case quotas(QuotasEvent)
    case instances(InstancesEvent)
    case shards(ShardsEvent)
    case caches(CachesEvent)
    case alerts(AlertsEvent)
    case events(EventsEvent)
}

/// Everything that can change the state.
public enum Event: Sendable {
    case key(Key)
    case mouse(MouseEvent)
    /// Bracketed paste: text only, never actions.
    case paste(String)
    case resize(Size)
    /// The clock moved (once a second).
    case tick(Date)
    case data(MonitorEvent)
    /// The result of `Effect.loadTheme`.
    case themeLoaded(Theme, issue: String?)
}

/// Work `update` asks the runner to do; `update` itself does no I/O.
public enum Effect: Sendable, Hashable {
    case quit
    case loadTheme(String)
    case setPaused(Bool)
    case setRefreshInterval(seconds: Int)
    /// A gated, confirmed change to the platform for the monitors (drain, weight, acknowledge).
    case operatorCommand(OperatorCommand)
    /// Load this library's seat map (the Seats pane's picker).
    case selectLibrary(id: Int64)
    /// Ring the bell and/or send the desktop notification `[notify]` asks for.
    case notify(title: String, body: String)
}
