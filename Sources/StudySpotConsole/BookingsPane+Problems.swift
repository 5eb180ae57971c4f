import Foundation
import StudySpotCore
import TerminalUI

// Inconsistent bookings in the feed: each flagged row is marked
// "⚠ ends before start · <library>", the head counts them by kind, the
// details name them, and the Alerts pane gets one warning per kind.

/// Folds a batch's changes into the problem tally; true when what is flagged changed.
func foldBookingProblems(_ b: inout BookingsState, _ changes: [BookingRecord]) -> Bool {
    let before = b.problems.revision
    b.problems.record(changes)
    return b.problems.revision != before
}

/// The library cell of a feed row: marked with the row's problems when it has any.
func bookingLibraryCell(_ r: BookingRecord, _ library: String) -> TableCell {
    var library = library
    if let name = r.libraryName, name.allSatisfy(\.isWhitespace) {
        // An empty name would leave a bare ", " in the row.
        library = "library \(r.libraryId) (no name)" + (r.libraryCity.map { $0.allSatisfy(\.isWhitespace) ? "" : ", " + $0 } ?? "")
    }
    let f = BookingChecks.flags(r)
    return f.isEmpty ? TableCell(library) : TableCell("⚠ \(f.text) · \(library)", role: .warning)
}

/// The detail view's line about the booking's problems, if it has any.
func bookingProblemDetail(_ r: BookingRecord) -> (String, String, Role)? {
    let f = BookingChecks.flags(r)
    return f.isEmpty ? nil : ("problem", "⚠ " + f.text, .warning)
}

/// "⚠ 3 bookings end before they start (neon #42, …) · 2 bookings for seats not in the catalog (…)".
func bookingProblemsLine(_ b: BookingsState) -> String? {
    guard !b.problems.isEmpty else { return nil }
    return "⚠ " + b.problems.summaries(keep: 1).map(\.compactText).joined(separator: " · ")
}

/// Draws the problems line at (x, y) after the shard states.
func drawBookingProblems(_ s: State, x: Int, y: Int, clip: Rect, _ buffer: inout Buffer) {
    guard let line = bookingProblemsLine(s.bookings) else { return }
    buffer.put("  " + line, x: x, y: y, style: s.theme[.warning], clip: clip)
}
