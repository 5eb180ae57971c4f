import Foundation
import Testing
@testable import StudySpotConsole
@testable import TerminalUI

/// A monitor that cannot start says why on its pane, instead of "Waiting…" forever.
@Suite struct MonitorStatusPaneTests {
    static let why = "owner role needs [login] user and password in the config c.toml (--config): an owner's console connects as the owner's database role"

    static func render(_ pane: Pane, status: Bool) -> String {
        var s = State(role: .owner, readOnly: true, size: Size(width: 200, height: 32), now: Date(timeIntervalSince1970: 1_764_072_000),
                      timeZone: TimeZone(identifier: "UTC")!)
        if status {
            s = update(s, .data(.status(source: Pane.bookings.rawValue, text: why))).0
            s = update(s, .data(.status(source: Pane.seats.rawValue, text: why))).0
        }
        s.pane = pane
        var b = Buffer(size: s.size)
        view(s, into: &b)
        return b.trimmedTextDump
    }

    @Test(arguments: [(Pane.bookings, "Waiting for the booking feed…"), (.seats, "Waiting for the catalog…")])
    func ownerWithoutLoginSaysSo(_ pane: Pane, _ waiting: String) {
        let shown = Self.render(pane, status: true)
        #expect(shown.contains("owner role needs [login] user and password in the config"), "\(shown)")
        #expect(!shown.contains(waiting))
        #expect(Self.render(pane, status: false).contains(waiting))
    }
}
