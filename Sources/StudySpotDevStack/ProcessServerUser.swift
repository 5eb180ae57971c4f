import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The account the stack's servers run as. PostgreSQL refuses to run as root,
/// so when the console runs as root the servers run as the `studyspot` system user.
struct ServerUser: Sendable {
    var name: String
    var uid: uid_t
    var gid: gid_t
    /// True when commands must switch to this user (the caller is root).
    var needsSwitch: Bool

    static let systemUserName = "studyspot"

    /// The caller itself, or (when root) the `studyspot` system user, created if missing.
    static func resolve() throws -> ServerUser {
        guard geteuid() == 0 else {
            let name = getpwuid(geteuid()).map { String(cString: $0.pointee.pw_name) } ?? "uid \(geteuid())"
            return ServerUser(name: name, uid: geteuid(), gid: getegid(), needsSwitch: false)
        }
        if let user = lookup(systemUserName) { return user }
        let useradd = try ProcessRunner.which("useradd", in: ["/usr/sbin", "/sbin"])
        try ProcessRunner.check(useradd, ["--system", "--no-create-home", "--shell", "/usr/sbin/nologin",
                                          systemUserName])
        guard let user = lookup(systemUserName) else {
            throw LocalStackError.commandFailed(command: "useradd \(systemUserName)", status: 0,
                                                output: "the user does not exist after useradd")
        }
        return user
    }

    private static func lookup(_ name: String) -> ServerUser? {
        guard let pw = getpwnam(name) else { return nil }
        return ServerUser(name: name, uid: pw.pointee.pw_uid, gid: pw.pointee.pw_gid, needsSwitch: true)
    }

    /// Makes `path` a folder owned by this user with `mode`, creating it if needed.
    func ownedDirectory(_ path: String, mode: mode_t) throws {
        try FileSystem.directory(path, mode: mode)
        try give(path, mode: mode)
    }

    /// Hands an existing file or folder to this user with `mode`.
    func give(_ path: String, mode: mode_t) throws {
        if needsSwitch, chown(path, uid, gid) != 0 {
            throw LocalStackError.filesystem(path: path, reason: "cannot give it to \(name): \(FileSystem.errnoText())")
        }
        if chmod(path, mode) != 0 {
            throw LocalStackError.filesystem(path: path, reason: "cannot set its mode: \(FileSystem.errnoText())")
        }
    }

    /// Throws `notTraversable` naming the first folder on the way to `path`
    /// this user may not search. Only matters when switching users.
    func checkCanReach(_ path: String) throws {
        guard needsSwitch else { return }
        var prefix = ""
        for component in path.split(separator: "/") {
            prefix += "/" + component
            var info = stat()
            guard stat(prefix, &info) == 0 else { return } // not made yet: we make it searchable
            let mode = info.st_mode
            let searchable: Bool
            if info.st_uid == uid { searchable = mode & S_IXUSR != 0 }
            else if info.st_gid == gid { searchable = mode & S_IXGRP != 0 }
            else { searchable = mode & S_IXOTH != 0 }
            if !searchable {
                throw LocalStackError.notTraversable(directory: path, blocking: prefix, user: name)
            }
        }
    }
}

/// Small POSIX file helpers with errors that name the path.
enum FileSystem {
    static func errnoText() -> String { String(cString: strerror(errno)) }

    /// Creates `path` and missing parents; new folders get `mode`, existing ones are left as they are.
    static func directory(_ path: String, mode: mode_t) throws {
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDir) {
            guard isDir.boolValue else { throw LocalStackError.filesystem(path: path, reason: "exists and is not a folder") }
            return
        }
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: Int(mode)])
        } catch {
            throw LocalStackError.filesystem(path: path, reason: "cannot create the folder: \(error.localizedDescription)")
        }
    }

    /// Writes `text` to `path` with `mode` from the first byte on (no window with a looser mode),
    /// replacing the file atomically.
    static func write(_ text: String, to path: String, mode: mode_t) throws {
        let temporary = path + ".tmp-\(getpid())"
        unlink(temporary)
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard fd >= 0 else { throw LocalStackError.filesystem(path: temporary, reason: "cannot create: \(errnoText())") }
        let bytes = Array(text.utf8)
        var written = 0
        while written < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + written, bytes.count - written) }
            if n < 0 {
                if errno == EINTR { continue }
                let reason = errnoText()
                close(fd); unlink(temporary)
                throw LocalStackError.filesystem(path: temporary, reason: "cannot write: \(reason)")
            }
            written += n
        }
        fchmod(fd, mode) // umask may have narrowed it; never widened beyond `mode`
        close(fd)
        guard rename(temporary, path) == 0 else {
            let reason = errnoText()
            unlink(temporary)
            throw LocalStackError.filesystem(path: path, reason: "cannot replace: \(reason)")
        }
    }

    static func read(_ path: String) -> String? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    static func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: path) }

    /// The last `lines` lines of a log file, or "" if it cannot be read.
    static func tail(_ path: String, lines: Int = 8) -> String {
        guard let text = read(path) else { return "" }
        return ProcessRunner.tail(text, lines: lines)
    }
}
