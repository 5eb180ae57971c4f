import Foundation
import StudySpotDevStack
import StudySpotTestSupport
import StudySpotWire
#if canImport(Glibc)
import Glibc
#endif

/// A real PgBouncer (Debian's `pgbouncer`) in transaction mode in front of
/// one of the stack's servers, on a free port above the ephemeral range, with
/// its ini and userlist in a folder of its own under /tmp; always stopped and
/// removed. Run as root, it switches to the stack's unprivileged user.
struct PgBouncerFixture {
    static let binary = "/usr/sbin/pgbouncer"

    struct NotInstalled: Error, CustomStringConvertible {
        var description: String { "pgbouncer is not installed: scripts/ensure-deps.sh installs it (Debian package pgbouncer)" }
    }

    /// The pooled DSN to `body`: same database, user and password as `directDSN`.
    static func withPgBouncer<T>(inFrontOf directDSN: String, _ body: (String) throws -> T) throws -> T {
        guard FileManager.default.isExecutableFile(atPath: binary) else { throw NotInstalled() }
        let direct = PGConnInfo.parse(directDSN)
        let user = direct["user"] ?? "studyspot", password = direct["password"] ?? "", db = direct["dbname"] ?? "studyspot"
        let folder = "/tmp/studyspot-pgbouncer-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let port = TestEnvironment.freeServerPort()
        let ini = """
            [databases]
            \(db) = host=127.0.0.1 port=\(direct["port"] ?? "5432") dbname=\(db)
            [pgbouncer]
            listen_addr = 127.0.0.1
            listen_port = \(port)
            unix_socket_dir =
            auth_type = scram-sha-256
            auth_file = \(folder)/userlist.txt
            pool_mode = transaction
            default_pool_size = 2
            max_client_conn = 20
            ignore_startup_parameters = extra_float_digits,options
            logfile = \(folder)/pgbouncer.log

            """
        try ini.write(toFile: folder + "/pgbouncer.ini", atomically: true, encoding: .utf8)
        try "\"\(user)\" \"\(password)\"\n".write(toFile: folder + "/userlist.txt", atomically: true, encoding: .utf8)
        var arguments = [folder + "/pgbouncer.ini"]
        if geteuid() == 0, let pw = getpwnam("studyspot") {
            // PgBouncer will not run as root: it reads its files, then becomes the stack's user.
            for path in [folder, folder + "/pgbouncer.ini", folder + "/userlist.txt"] { chown(path, pw.pointee.pw_uid, pw.pointee.pw_gid) }
            arguments = ["-u", "studyspot"] + arguments
        }
        let process = try ChildProcess.start(binary, arguments, logPath: folder + "/stdout.log")
        defer { process.stop() }
        guard TestEnvironment.waitUntilServing(timeout: 15, alive: { process.isRunning }, answers: { TestEnvironment.hasListener(port: port) }) else {
            let log = (try? String(contentsOfFile: folder + "/pgbouncer.log", encoding: .utf8)) ?? ""
            let out = (try? String(contentsOfFile: folder + "/stdout.log", encoding: .utf8)) ?? ""
            throw StartFailed(description: "pgbouncer did not listen on \(port): \(out) \(log)")
        }
        return try body("host=127.0.0.1 port=\(port) dbname=\(db) user=\(user) password=\(password)")
    }

    struct StartFailed: Error, CustomStringConvertible { var description: String }
}
