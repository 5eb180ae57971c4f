import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A helper process the console starts and stops itself (the demo's
/// background simulation), with its output in a log file.
public struct ChildProcess: Sendable {
    public let pid: pid_t
    public let logPath: String

    /// Starts `executable` with `arguments`, stdout and stderr appended to `logPath`.
    public static func start(_ executable: String, _ arguments: [String], logPath: String) throws -> ChildProcess {
        let fd = open(logPath, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw LocalStackError.filesystem(path: logPath, reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        let pid = try ProcessSpawn.spawn(executable, arguments, output: fd, directory: nil)
        return ChildProcess(pid: pid, logPath: logPath)
    }

    public var isRunning: Bool {
        var status: Int32 = 0
        return waitpid(pid, &status, WNOHANG) == 0
    }

    /// SIGTERM, then waits up to `timeout` seconds; SIGKILL if it is still there.
    public func stop(timeout: Double = 10) {
        kill(pid, SIGTERM)
        let deadline = Date().addingTimeInterval(timeout)
        var status: Int32 = 0
        while Date() < deadline {
            let r = waitpid(pid, &status, WNOHANG)
            if r == pid || r < 0 { return }
            usleep(20_000) // polling a child's exit; there is no fd to wait on
        }
        kill(pid, SIGKILL)
        waitpid(pid, &status, 0)
    }

    /// This executable's own path, to start another copy of it.
    public static var currentExecutable: String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    }
}

extension LocalStack {
    /// The password the demo gives owner login roles: generated once, kept in
    /// the stack folder (mode 0600), never printed.
    public func ownerPassword() throws -> String {
        try LocalStackSecret.loadOrCreate(at: directory.appendingPathComponent("owner-password").path,
                                          mayCreate: true, stackDirectory: directory.path)
    }
}
