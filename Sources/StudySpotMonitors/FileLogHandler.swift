import Foundation
import Logging
import StudySpotCore
import StudySpotWire

/// swift-log handler that appends to a file: the dashboard owns the terminal,
/// so nothing may log to stdout or stderr while it is up. Every message is
/// passed through secret masking on the way out.
public struct FileLogHandler: LogHandler {
    public var logLevel: Logger.Level
    public var metadata: Logger.Metadata = [:]
    private let label: String
    private let sink: FileLogSink

    public init(label: String, sink: FileLogSink, level: Logger.Level) {
        self.label = label
        self.sink = sink
        self.logLevel = level
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var merged = metadata
        if let extra = event.metadata { merged.merge(extra) { $1 } }
        let meta = merged.isEmpty ? "" : " " + merged.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        let line = "\(PGTimestamp.format(Date())) \(event.level) \(label): \(event.message)\(meta)\n"
        sink.write(SecretMasking.masked(line))
    }
}

/// One open log file shared by every logger of the process.
public final class FileLogSink: @unchecked Sendable {
    private let lock = NSLock()
    private let fd: Int32
    public let path: String

    public init(path: String) throws {
        let dir = (path as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path]) }
        self.fd = fd
        self.path = path
    }

    deinit { Foundation.close(fd) }

    func write(_ text: String) {
        lock.lock(); defer { lock.unlock() }
        var bytes = Array(text.utf8)
        _ = bytes.withUnsafeMutableBytes { Foundation.write(fd, $0.baseAddress, $0.count) }
    }
}

public enum StudySpotLogging {
    /// `$XDG_STATE_HOME/studyspot/studyspot.log` (XDG default `~/.local/state`).
    public static func defaultLogPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        let base = environment["XDG_STATE_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? ((environment["HOME"] ?? NSHomeDirectory()) + "/.local/state")
        return base + "/studyspot/studyspot.log"
    }

    /// Installs the file handler for the whole process. Safe to call once.
    public static func bootstrap(level: Logger.Level, path: String = defaultLogPath()) throws {
        let sink = try FileLogSink(path: path)
        LoggingSystem.bootstrap { label in FileLogHandler(label: label, sink: sink, level: level) }
    }
}
