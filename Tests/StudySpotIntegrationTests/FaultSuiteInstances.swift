import Foundation
import StudySpotTestSupport
import StudySpotWire

/// The five API instances as real processes, one `studyspot simulate instance
/// NAME` each (a FakeInstance serving `/health` on the stack's instance port),
/// so one can be killed with SIGKILL and started again.
final class FaultInstances: @unchecked Sendable {
    let binary: String
    let config: URL
    private var running: [String: Process] = [:]

    init(config: URL) throws {
        self.config = config
        binary = try Self.binary()
    }

    /// `$STUDYSPOT_BINARY` (set by `make test`), else this package's debug build.
    static func binary() throws -> String {
        if let b = ProcessInfo.processInfo.environment["STUDYSPOT_BINARY"] { return b }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let b = root.appendingPathComponent(".build/debug/studyspot").path
        guard FileManager.default.isExecutableFile(atPath: b) else {
            throw FaultSetupError("no studyspot binary: run `swift build` or set STUDYSPOT_BINARY")
        }
        return b
    }

    /// Starts the instance's process and waits until it answers `GET /health`.
    /// The port (the stack layout's) lies in the kernel's ephemeral range, so
    /// nothing connects to it before the kernel shows the process listening
    /// there: a connection to a port nobody listens on yet can be connected
    /// to itself, which holds the port so the instance cannot bind it (`fly`
    /// then never came up, issue 14).
    func start(_ name: String, port: Int, timeout: TimeInterval = 15) throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: binary)
        p.arguments = ["simulate", "instance", name, "--config", config.path]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        running[name] = p
        var last = "not listening yet"
        let answers = {
            guard TestEnvironment.hasListener(port: port) else { return false }
            switch HTTPGet.get("http://127.0.0.1:\(port)/health", timeout: 2) {
            case .success(let r): last = "HTTP \(r.status)"; return r.status == 200
            case .failure(let e): last = "\(e)"; return false
            }
        }
        let began = Date()
        guard TestEnvironment.waitUntilServing(timeout: timeout, alive: { p.isRunning }, answers: answers) else {
            throw FaultSetupError("instance \(name) did not answer on port \(port) within \(Int(Date().timeIntervalSince(began))) s"
                                  + " (\(p.isRunning ? "running" : "exited"); last: \(last); load average \(Self.loadAverage))")
        }
    }

    static var loadAverage: String {
        ((try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)) ?? "?").split(separator: " ").prefix(3).joined(separator: " ")
    }

    /// `kill -9` of the instance's process; returns once it is gone.
    func kill9(_ name: String) throws {
        guard let p = running.removeValue(forKey: name) else { throw FaultSetupError("instance \(name) is not running") }
        kill(p.processIdentifier, SIGKILL)
        p.waitUntilExit()
    }

    func stopAll() {
        for p in running.values { kill(p.processIdentifier, SIGKILL); p.waitUntilExit() }
        running.removeAll()
    }
}
