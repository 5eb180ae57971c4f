import Foundation

/// What `up` did for one server.
public enum LocalStackOutcome: String, Sendable, Hashable {
    /// Started on new data (a fresh cluster, or a Redis server).
    case started = "started"
    /// Started again on the data an earlier `up` made.
    case reusedData = "reused data"
    /// Was running already; left alone.
    case alreadyRunning = "already running"
}

/// One progress report of `up`: a server answers, and how it came to.
public struct LocalStackProgress: Sendable, Hashable {
    public var server: LocalStackServer
    public var outcome: LocalStackOutcome

    /// e.g. `neon           postgres  127.0.0.1:54321  started`
    public var line: String {
        LocalStack.columns(server) + "  " + outcome.rawValue
    }
}

/// A server `down` stopped.
public struct LocalStackStopped: Sendable, Hashable {
    public var server: LocalStackServer
    public var pid: Int32

    public var line: String { LocalStack.columns(server) + "  stopped (pid \(pid))" }
}

/// How one server of the stack stands.
public struct LocalStackServerStatus: Sendable, Hashable {
    public var server: LocalStackServer
    /// The pid from the stack's pid file, when that process runs.
    public var pid: Int32?
    /// Whether the server answers on its port (PQping, or Redis PING).
    public var answering: Bool

    public var running: Bool { pid != nil }
    public var healthy: Bool { running && answering }

    /// e.g. `neon           postgres  127.0.0.1:54321  running (pid 812)  answering`
    public var line: String {
        let state = pid.map { "running (pid \($0))" } ?? "stopped"
        return LocalStack.columns(server) + "  " + state.padding(toLength: 22, withPad: " ", startingAt: 0)
            + (answering ? "answering" : "not answering")
    }
}

extension LocalStack {
    static func columns(_ server: LocalStackServer) -> String {
        server.name.padding(toLength: 14, withPad: " ", startingAt: 0) + " "
            + server.kind.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0) + "  "
            + "127.0.0.1:\(server.port)"
    }
}
