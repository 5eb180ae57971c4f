import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One PostgreSQL server of the stack: its data folder, configuration, start and stop.
struct LocalStackPostgres: Sendable {
    let server: LocalStackServer
    let paths: LocalStackPaths
    let user: ServerUser
    let basePort: Int

    var dataDirectory: String { paths.postgresData(server.name) }
    var logFile: String { paths.log(server.name) }
    var hasData: Bool { FileSystem.exists(dataDirectory + "/PG_VERSION") }

    /// The postmaster's pid and port from `postmaster.pid`, if it is running.
    func running() -> (pid: pid_t, port: Int)? {
        guard let text = FileSystem.read(dataDirectory + "/postmaster.pid") else { return nil }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let pid = lines.first.flatMap({ pid_t($0.trimmingCharacters(in: .whitespaces)) }),
              ProcessLiveness.isRunning(pid, program: "postgres") else { return nil }
        let port = lines.count > 3 ? Int(lines[3].trimmingCharacters(in: .whitespaces)) ?? 0 : 0
        return (pid, port)
    }

    /// Creates the cluster: scram-sha-256 everywhere, superuser `studyspot` with the stack's password.
    func initialize(password: String, binaries: PostgresBinaries) throws {
        // initdb reads the password from a file the server user owns; it is removed right after.
        let passwordFile = paths.postgresRoot + "/.initdb-password-\(server.name)"
        try FileSystem.write(password + "\n", to: passwordFile, mode: 0o600)
        defer { unlink(passwordFile) }
        try user.give(passwordFile, mode: 0o600)
        try ProcessRunner.check(binaries.initdb, [
            "--pgdata=" + dataDirectory, "--auth=scram-sha-256", "--username=studyspot",
            "--pwfile=" + passwordFile, "--encoding=UTF8", "--locale=" + Self.locale, "--no-instructions",
            // Like fsync=off below: a dev stack need not flush a fresh cluster to disk.
            "--no-sync",
        ], as: user, in: URL(fileURLWithPath: paths.postgresRoot))
        let mainConfig = dataDirectory + "/postgresql.conf"
        let original = FileSystem.read(mainConfig) ?? ""
        try FileSystem.write(original + "\n# Settings of `studyspot stack`, rewritten at every start.\ninclude = 'studyspot.conf'\n",
                             to: mainConfig, mode: 0o600)
        try user.give(mainConfig, mode: 0o600)
    }

    /// Writes the settings that follow the stack's options (port above all), before every start.
    func configure() throws {
        let settings = """
            # Written by `studyspot stack up` before every start; put your own settings in postgresql.conf.
            listen_addresses = '127.0.0.1'
            port = \(server.port)
            unix_socket_directories = ''
            max_connections = 50
            shared_buffers = '32MB'
            shared_preload_libraries = 'pg_stat_statements'
            # A development stack trades durability for speed: a machine crash may lose data.
            fsync = off
            synchronous_commit = off
            full_page_writes = off
            log_line_prefix = '%m [%p] %q%u@%d '

            """
        let path = dataDirectory + "/studyspot.conf"
        try FileSystem.write(settings, to: path, mode: 0o600)
        try user.give(path, mode: 0o600)
    }

    /// Starts the server; `pg_ctl -w` returns once the postmaster says it is ready, or fails if it exits.
    func start(binaries: PostgresBinaries) throws {
        let result = try ProcessRunner.run(binaries.pgCtl, [
            "start", "-D", dataDirectory, "-l", logFile, "-w", "-t", "60", "-s",
        ], as: user, in: URL(fileURLWithPath: paths.postgresRoot))
        guard result.status == 0 else {
            let tail = FileSystem.tail(logFile)
            // Taken between the check and the start (e.g. by another stack starting at the same moment).
            if tail.contains("Address already in use") {
                throw LocalStackError.portTaken(server: "\(server.name) postgres", port: server.port, basePort: basePort)
            }
            throw LocalStackError.exited(server: "\(server.name) postgres", log: logFile,
                                         logTail: FileSystem.tail(logFile))
        }
    }

    /// Waits until the server answers on its TCP port.
    func waitUntilAnswering(timeout: Duration = .seconds(30)) throws {
        guard ProcessLiveness.waitUntil(timeout: timeout, { LocalStackProbe.postgresAnswers(port: server.port) }) else {
            throw LocalStackError.notAnswering(server: "\(server.name) postgres", port: server.port,
                                               seconds: Int(timeout.components.seconds), log: logFile,
                                               logTail: FileSystem.tail(logFile))
        }
    }

    /// Creates the `studyspot` database unless it exists.
    func ensureDatabase(password: String) throws {
        let conninfo = "host=127.0.0.1 port=\(server.port) dbname=postgres user=studyspot password=\(password) connect_timeout=3 application_name=studyspot-stack"
        let rows = try LocalStackProbe.postgresQuery(conninfo, "SELECT 1 FROM pg_database WHERE datname = 'studyspot'",
                                                     password: password)
        if rows.isEmpty {
            _ = try LocalStackProbe.postgresQuery(conninfo, "CREATE DATABASE studyspot", password: password)
        }
    }

    /// Stops the server this stack started; returns its pid, or nil if it was not running.
    func stop(binaries: PostgresBinaries?) throws -> pid_t? {
        guard let (pid, _) = running() else { return nil }
        if let binaries {
            _ = try? ProcessRunner.run(binaries.pgCtl, ["stop", "-D", dataDirectory, "-m", "fast", "-w", "-t", "60", "-s"],
                                       as: user, in: URL(fileURLWithPath: paths.postgresRoot))
        } else {
            kill(pid, SIGINT) // PostgreSQL's "fast" shutdown signal
        }
        guard ProcessLiveness.waitUntil(timeout: .seconds(60), { !ProcessLiveness.isAlive(pid) }) else {
            throw LocalStackError.didNotStop(server: "\(server.name) postgres", pid: pid)
        }
        return pid
    }

    /// C.UTF-8 when the C library has it, else C.
    static var locale: String {
        if let handle = newlocale((1 << LC_CTYPE) | (1 << LC_COLLATE), "C.UTF-8", nil) {
            freelocale(handle)
            return "C.UTF-8"
        }
        return "C"
    }
}

/// The PostgreSQL server programs.
struct PostgresBinaries: Sendable {
    var initdb: String
    var pgCtl: String

    /// From `pg_config --bindir`, else the newest /usr/lib/postgresql/*/bin that has initdb.
    static func find() throws -> PostgresBinaries {
        var candidates: [String] = []
        if let pgConfig = try? ProcessRunner.which("pg_config"),
           let result = try? ProcessRunner.run(pgConfig, ["--bindir"]), result.status == 0 {
            candidates.append(result.output.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? []
        candidates += versions.compactMap(Int.init).sorted(by: >).map { "/usr/lib/postgresql/\($0)/bin" }
        for dir in candidates where FileManager.default.isExecutableFile(atPath: dir + "/initdb")
            && FileManager.default.isExecutableFile(atPath: dir + "/pg_ctl") {
            return PostgresBinaries(initdb: dir + "/initdb", pgCtl: dir + "/pg_ctl")
        }
        throw LocalStackError.missingProgram("PostgreSQL server programs (initdb, pg_ctl)",
            hint: "Install them: apt-get install postgresql (looked in `pg_config --bindir` and /usr/lib/postgresql/*/bin).")
    }
}
