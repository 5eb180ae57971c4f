import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One Redis server of the stack: its generated config, start and stop.
struct LocalStackRedis {
    let server: LocalStackServer
    let paths: LocalStackPaths
    let user: ServerUser
    let basePort: Int

    var directory: String { paths.redisDirectory(server.name) }
    var configFile: String { directory + "/redis.conf" }
    var pidFile: String { directory + "/redis.pid" }
    var logFile: String { paths.log(server.name) }

    /// The server's pid from its pid file, if that process is a running redis-server.
    func runningPid() -> pid_t? {
        guard let text = FileSystem.read(pidFile),
              let pid = pid_t(text.trimmingCharacters(in: .whitespacesAndNewlines)),
              ProcessLiveness.isRunning(pid, program: "redis-server") else { return nil }
        return pid
    }

    /// The port in the config the running server was started with.
    func configuredPort() -> Int? {
        guard let text = FileSystem.read(configFile) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix("port ") {
            return Int(line.dropFirst(5).trimmingCharacters(in: .whitespaces))
        }
        return nil
    }

    /// Writes redis.conf (it holds the password: mode 0600, owned by the server user).
    func configure(password: String) throws {
        try user.ownedDirectory(directory, mode: 0o700)
        var lines = [
            "# Written by `studyspot stack up` before every start.",
            "bind 127.0.0.1",
            "protected-mode yes",
            "port \(server.port)",
            "daemonize yes",
            "pidfile \(Self.quoted(pidFile))",
            "logfile \(Self.quoted(logFile))",
            "dir \(Self.quoted(directory))",
            "requirepass \(password)",
            // A development cache: nothing is written to disk, so data lasts while the server runs.
            "appendonly no",
            "save \"\"",
        ]
        if let memory = server.maxMemory { lines.append("maxmemory \(memory)") }
        if let policy = server.maxMemoryPolicy { lines.append("maxmemory-policy \(policy)") }
        try FileSystem.write(lines.joined(separator: "\n") + "\n", to: configFile, mode: 0o600)
        try user.give(configFile, mode: 0o600)
    }

    /// Starts the daemon; readiness is checked by `waitUntilAnswering`.
    func start(executable: String) throws {
        try ProcessRunner.check(executable, [configFile], as: user, in: URL(fileURLWithPath: directory))
    }

    /// Waits until PING with AUTH answers; fails early when the log shows the daemon gave up.
    func waitUntilAnswering(password: String, logOffset: Int, timeout: Duration = .seconds(30)) throws {
        var failed = false
        let answered = ProcessLiveness.waitUntil(timeout: timeout) {
            if LocalStackProbe.redisAnswers(port: server.port, password: password) { return true }
            failed = newLog(since: logOffset).contains { line in
                Self.fatalMarkers.contains { line.contains($0) }
            }
            return failed
        }
        guard answered, !failed else {
            let tail = newLog(since: logOffset).suffix(8).joined(separator: "\n")
            if failed && tail.contains("Address already in use") {
                throw LocalStackError.portTaken(server: "\(server.name) redis", port: server.port, basePort: basePort)
            }
            if failed { throw LocalStackError.exited(server: "\(server.name) redis", log: logFile, logTail: tail) }
            throw LocalStackError.notAnswering(server: "\(server.name) redis", port: server.port,
                                               seconds: Int(timeout.components.seconds), log: logFile, logTail: tail)
        }
    }

    /// Size of the log now, so only what a start adds is searched for failures.
    func logSize() -> Int {
        (try? FileManager.default.attributesOfItem(atPath: logFile)[.size] as? Int) ?? 0
    }

    private func newLog(since offset: Int) -> [String] {
        guard let data = FileManager.default.contents(atPath: logFile), data.count >= offset else { return [] }
        return String(decoding: data.dropFirst(offset), as: UTF8.self).split(separator: "\n").map(String.init)
    }

    private static let fatalMarkers = ["Could not create server TCP listening socket", "Fatal error", "FATAL", "Failed listening"]

    /// Stops the server this stack started (SIGTERM: with `save ""` it exits without writing);
    /// returns its pid, or nil if it was not running.
    func stop() throws -> pid_t? {
        guard let pid = runningPid() else {
            unlink(pidFile) // stale
            return nil
        }
        kill(pid, SIGTERM)
        guard ProcessLiveness.waitUntil(timeout: .seconds(30), { !ProcessLiveness.isAlive(pid) }) else {
            throw LocalStackError.didNotStop(server: "\(server.name) redis", pid: pid)
        }
        unlink(pidFile)
        return pid
    }

    /// A double-quoted redis.conf string.
    static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
