import Foundation

/// Why a stack operation failed. Every case names what and where; none holds a password.
public enum LocalStackError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A port the stack needs is held by a program the stack did not start.
    case portTaken(server: String, port: Int, basePort: Int)
    /// A server is running from this stack's data but on another port than asked.
    case runningOnOtherPort(server: String, running: Int, wanted: Int)
    /// A program the stack needs is not installed.
    case missingProgram(String, hint: String)
    /// A command failed; `output` is the tail of what it printed.
    case commandFailed(command: String, status: Int32, output: String)
    /// A server did not answer before the deadline; `log` names its log file.
    case notAnswering(server: String, port: Int, seconds: Int, log: String, logTail: String)
    /// A server exited while starting.
    case exited(server: String, log: String, logTail: String)
    /// A server did not stop before the deadline.
    case didNotStop(server: String, pid: Int32)
    /// The unprivileged server user cannot reach the stack folder.
    case notTraversable(directory: String, blocking: String, user: String)
    /// A file or folder could not be made.
    case filesystem(path: String, reason: String)
    /// The base port leaves no room for the stack's ports.
    case invalidBasePort(Int)
    /// A database statement failed (e.g. creating the `studyspot` database).
    case database(server: String, message: String)

    public var description: String {
        switch self {
        case let .portTaken(server, port, basePort):
            return "port \(port) on 127.0.0.1 (for \(server)) is already in use by another program. "
                + "Stop that program, or choose other ports with `--base-port N` "
                + "(the stack uses N…N+\(LocalStack.portSpan - 1); now \(basePort)…\(basePort + LocalStack.portSpan - 1))."
        case let .runningOnOtherPort(server, running, wanted):
            return "\(server) is already running from this stack folder on port \(running), not \(wanted): "
                + "run `studyspot stack down` first, or use `--base-port` matching the running stack."
        case let .missingProgram(name, hint):
            return "\(name) was not found. \(hint)"
        case let .commandFailed(command, status, output):
            let tail = output.isEmpty ? "" : ":\n\(output)"
            return "`\(command)` failed with exit status \(status)\(tail)"
        case let .notAnswering(server, port, seconds, log, logTail):
            return "\(server) did not answer on 127.0.0.1:\(port) within \(seconds) s; see \(log)"
                + (logTail.isEmpty ? "" : ":\n\(logTail)")
        case let .exited(server, log, logTail):
            return "\(server) exited while starting; see \(log)" + (logTail.isEmpty ? "" : ":\n\(logTail)")
        case let .didNotStop(server, pid):
            return "\(server) (pid \(pid)) did not stop in time; it is still running."
        case let .notTraversable(directory, blocking, user):
            return "the server user `\(user)` cannot reach \(directory): \(blocking) is not searchable by it. "
                + "Fix: choose a folder it can reach with `--dir` (e.g. /var/lib/studyspot/stack), "
                + "or allow it with `chmod o+x \(blocking)`."
        case let .filesystem(path, reason):
            return "\(path): \(reason)"
        case let .invalidBasePort(port):
            return "--base-port \(port) is out of range: the stack needs ports N…N+\(LocalStack.portSpan - 1) between 1024 and 65535."
        case let .database(server, message):
            return "\(server): \(message)"
        }
    }
}

extension LocalStackError: LocalizedError {
    public var errorDescription: String? { description }
}
