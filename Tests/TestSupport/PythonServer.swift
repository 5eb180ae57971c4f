import Foundation
import StudySpotWire

/// A fake server written in Python (`scripts/fake-turso.py`,
/// `scripts/fake_providers/server.py`) started for a test: run, then waited
/// for until `GET /health` answers 200. A server that exits 98 found its port
/// taken, so the caller can pick another.
enum PythonServer {
    struct Failure: Error {
        var message: String
        var portTaken: Bool
    }

    static func start(_ script: URL, _ arguments: [String], port: Int, name: String,
                      stderr: FileHandle = .nullDevice) throws -> Process {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", script.path] + arguments
        p.standardOutput = FileHandle.nullDevice
        p.standardError = stderr
        try p.run()
        let answered = TestEnvironment.waitUntilServing(timeout: 15, alive: { p.isRunning }) {
            if case .success(let r) = HTTPGet.get("http://127.0.0.1:\(port)/health", timeout: 1), r.status == 200 { return true }
            return false
        }
        if !p.isRunning {
            p.waitUntilExit()
            throw Failure(message: "\(name) exited with \(p.terminationStatus) on port \(port)", portTaken: p.terminationStatus == 98)
        }
        guard answered else {
            stop(p)
            throw Failure(message: "\(name) did not answer on port \(port) within 15 s", portTaken: false)
        }
        return p
    }

    /// Kills it (SIGKILL, its own pid) and waits for it.
    static func stop(_ p: Process) {
        if p.isRunning { kill(p.processIdentifier, SIGKILL) }
        p.waitUntilExit()
    }
}
