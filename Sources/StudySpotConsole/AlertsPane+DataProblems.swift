import Foundation
import StudySpotCore

// Data problems as alerts: one warning per kind, naming the count
// and where, from what every pane has folded in.

/// Everything inconsistent the state holds now, outside the booking feed
/// (the feed's tally is summarised apart, since it can hold thousands).
func platformDataProblems(_ s: State) -> [DataProblem] {
    s.seats.problems.all + PlatformChecks.usage(s.quotas.gauges)
        + PlatformChecks.instances(s.instances.instances) + PlatformChecks.email(s.quotas.email)
}

/// The alerts for every data problem the state holds.
func dataProblemAlerts(_ s: State) -> [Alert] {
    var alerts = DataProblemAlerts.alerts(platformDataProblems(s), now: s.now)
    for summary in s.bookings.problems.summaries(keep: 3) {
        let id = "data.\(summary.kind.rawValue)"
        let text = summary.text()
        // A kind the seat map also found (seats not in the catalog) is said once, the feed's count first.
        if let i = alerts.firstIndex(where: { $0.id == id }) {
            alerts[i].message = text + "; in the shown library: " + alerts[i].message
        } else {
            alerts.append(Alert(id: id, severity: .warning, source: "bookings", message: text, since: s.now))
        }
    }
    return alerts
}
