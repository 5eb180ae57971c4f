import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// What a finished command printed and how it ended.
struct ProcessResult: Sendable {
    var status: Int32
    var output: String
}

/// Runs commands to completion, optionally as the stack's server user.
///
/// Not Foundation's `Process`: on Linux it learns of a child's exit through a
/// socket the child inherits, and the daemons `pg_ctl` and `redis-server` leave
/// behind keep that socket open, so waiting hangs. Output likewise goes to an
/// unlinked temporary file, never a pipe a daemon could hold open.
enum ProcessRunner {
    static func run(_ executable: String, _ arguments: [String], as user: ServerUser? = nil,
                    in directory: URL? = nil) throws -> ProcessResult {
        var launchPath = executable
        var args = arguments
        if let user, user.needsSwitch {
            launchPath = try ProcessRunner.which("runuser", in: ["/usr/sbin", "/sbin", "/usr/bin", "/bin"])
            args = ["-u", user.name, "--", executable] + arguments
        }
        let outPath = FileManager.default.temporaryDirectory
            .appendingPathComponent("studyspot-run-\(UUID().uuidString).out").path
        let outFD = open(outPath, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard outFD >= 0 else {
            throw LocalStackError.filesystem(path: outPath, reason: "cannot create a temporary file: \(FileSystem.errnoText())")
        }
        unlink(outPath)
        defer { close(outFD) }

        let pid = try ProcessSpawn.spawn(launchPath, args, output: outFD, directory: directory?.path)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        lseek(outFD, 0, SEEK_SET)
        var data = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = buffer.withUnsafeMutableBytes { Glibc.read(outFD, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { break }
            data += buffer[0..<n]
        }
        // Exit code when it exited; 128 + signal when a signal ended it (as shells report it).
        let exited = status & 0x7f == 0
        let code = exited ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return ProcessResult(status: code, output: String(decoding: data, as: UTF8.self))
    }

    /// Runs and throws `commandFailed` (with the output's last lines) on a non-zero exit.
    @discardableResult
    static func check(_ executable: String, _ arguments: [String], as user: ServerUser? = nil,
                      in directory: URL? = nil) throws -> String {
        let result = try run(executable, arguments, as: user, in: directory)
        guard result.status == 0 else {
            let name = ([URL(fileURLWithPath: executable).lastPathComponent] + arguments).joined(separator: " ")
            throw LocalStackError.commandFailed(command: name, status: result.status,
                                                output: tail(result.output, lines: 12))
        }
        return result.output
    }

    /// The first executable named `name` in `directories`, then in `$PATH`.
    static func which(_ name: String, in directories: [String] = []) throws -> String {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for dir in directories + path.split(separator: ":").map(String.init) {
            let candidate = dir + "/" + name
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        throw LocalStackError.missingProgram(name, hint: "Install it (it is looked up in \(directories + ["$PATH"]))")
    }

    static func tail(_ text: String, lines: Int) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false)
            .suffix(lines + 1).joined(separator: "\n")
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
