import ArgumentParser
import Foundation
import StudySpotCommandLine
import StudySpotConfig
import StudySpotConsole
import StudySpotCore
import TerminalUI

/// `studyspot snapshot`: every pane once, without a terminal. Exit status 0 ok,
/// 1 warning, 2 critical, 3 unknown (the monitoring-plugin convention).
struct SnapshotCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "snapshot", abstract: "Every pane once, to stdout, as text or JSON; exit 0 ok, 1 warning, 2 critical, 3 unknown.")

    enum Format: String, ExpressibleByArgument { case text, json }

    @OptionGroup var options: ConfigOptions

    @Option(name: .long, help: "Who is asking: owner, operator or admin (owners see bookings and seats only).")
    var role: ConsoleRole = .operator

    @Option(name: .long, help: "text (the panes as the dashboard draws them) or json.")
    var format: Format = .text

    @Option(name: .long, help: "Only this pane: overview, bookings, seats, quotas, instances, shards, caches, alerts or events.")
    var pane: String?

    @Option(name: .long, help: "Width of the text renderings.")
    var width = 120

    @Option(name: .long, help: "Height of the text renderings.")
    var height = 32

    @Option(name: .long, help: "Seconds to wait for every pane's first data; panes still empty count as unknown.")
    var timeout = 8.0

    func run() throws {
        let config = try options.load()
        var panes = Pane.allCases.filter { $0.isVisible(to: role) }
        if let name = pane {
            guard let p = Pane(rawValue: name.lowercased()), p.isVisible(to: role) else {
                printError("snapshot: unknown pane \"\(name)\" for role \(role.rawValue); one of: \(panes.map(\.rawValue).joined(separator: ", "))")
                throw ExitCode(3)
            }
            panes = [p]
        }
        let dash = DashboardOptions(role: role, readOnly: true, themeName: "16-colour")
        let queue = EventQueue<MonitorEvent>()
        let monitors = Monitors.start(config: config, options: dash) { queue.push($0) }
        var state = State(role: role, readOnly: true, size: Size(width: max(20, width), height: max(5, height)),
                          theme: ThemeCatalog().load("16-colour").0)
        // An owner without [login] (or, on the relay, without [login] owner) gets no data at all: say so at once, as a critical alert.
        let ownerCannotStart = role == .owner ? config.ownerRelayLoginMissing ?? config.ownerLoginMissing : nil
        let deadline = Date().addingTimeInterval(ownerCannotStart == nil ? timeout : 0)
        while Date() < deadline {
            for e in queue.drain() { state = update(state, .data(e)).0 }
            if panes.allSatisfy({ SnapshotReport.isLoaded(state, $0) }) { break }
            // Wait on the queue's wake pipe: monitors wake us when they post.
            var pfd = pollfd(fd: queue.pipe.readFD, events: Int16(POLLIN), revents: 0)
            _ = poll(&pfd, 1, Int32(max(1, min(1_000, deadline.timeIntervalSinceNow * 1_000))))
        }
        monitors.stopAll()
        for e in queue.drain() { state = update(state, .data(e)).0 }
        state = update(state, .tick(Date())).0
        if let why = ownerCannotStart {
            state.alerts.alerts.append(Alert(id: "config.owner-login", severity: .critical, source: "config", message: why, since: Date()))
        }
        let status = SnapshotReport.status(state, panes: panes)
        switch format {
        case .json:
            print(SnapshotReport.json(state, status: status, generatedAt: Date()))
        case .text:
            for p in panes {
                print(SnapshotReport.text(state, pane: p, size: state.size))
                print("")
            }
            let missing = panes.filter { !SnapshotReport.isLoaded(state, $0) }.map(\.rawValue)
            print("status: \(status.rawValue)" + (missing.isEmpty ? "" : " (no data from: \(missing.joined(separator: ", ")))"))
        }
        finishProcess(status.exitCode)
    }
}
