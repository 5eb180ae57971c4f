import Foundation
import StudySpotCore
import StudySpotWire

/// How a fake instance behaves (CONTRACT §5).
public enum InstanceMode: String, Sendable, CaseIterable {
    /// 200 `{"status":"ok"}` at once.
    case healthy
    /// 200 `{"status":"degraded"}` after `slowSeconds`.
    case slow
    /// Falls asleep after `idleSeconds` without requests; the first request
    /// to a sleeping instance waits `coldStartSeconds` (a cold start).
    case sleeping
    /// HTTP 500.
    case failing
    /// Port closed.
    case down
    /// Alternates between healthy and failing every `flapSeconds`.
    case flapping
}

/// One fake API instance serving `GET /health` on loopback. Each connection is
/// answered on its own thread so that a cold start or a slow answer delays
/// only its own caller, like a real instance.
public final class FakeInstance: @unchecked Sendable {
    public let name: String
    public let port: Int
    public let version: String
    public let startedAt = Date()
    public var coldStartSeconds = 3.0
    public var idleSeconds = 20.0
    public var slowSeconds = 1.2
    public var flapSeconds = 15.0
    /// A /health body served as is instead of the contract's (hostile-data
    /// tests); set it before `start()`.
    public var healthBodyOverride: String?
    /// Serve HTTPS with this certificate instead of plain HTTP; set it before `start()`.
    public var tls: TLSServerContext?

    private let lock = NSLock()
    private var _mode: InstanceMode
    private var listener: Int32 = -1
    private var lastRequest = Date.distantPast
    private var _requests = 0
    private var awakeUntil = Date.distantPast

    public init(name: String, port: Int, mode: InstanceMode = .healthy, version: String = "2026.11.3") {
        self.name = name
        self.port = port
        self._mode = mode
        self.version = version
    }

    public var mode: InstanceMode { lock.withLock { _mode } }
    /// Requests received since start (what probing cost this instance).
    public var requestCount: Int { lock.withLock { _requests } }
    /// Whether a flapping instance is in its healthy phase now.
    public var flappingHealthy: Bool {
        Int(Date().timeIntervalSince(startedAt) / flapSeconds) % 2 == 0
    }

    /// Whether a sleeper is awake now (its heartbeats only run while awake).
    public var isAwake: Bool {
        lock.withLock { _mode != .sleeping || Date() < awakeUntil }
    }

    /// Opens the port (unless the mode is `down`) and starts answering.
    public func start() throws {
        try setMode(mode)
    }

    public func stop() {
        lock.withLock { closeListener() }
    }

    /// Changes the behaviour at once; `down` closes the port, any other mode reopens it.
    public func setMode(_ mode: InstanceMode) throws {
        try lock.withLock {
            _mode = mode
            if mode == .down {
                closeListener()
            } else if listener < 0 {
                listener = try openListener()
                let fd = listener
                Thread.detachNewThread { [weak self] in self?.acceptLoop(fd) }
            }
        }
    }

    private func closeListener() {
        if listener >= 0 {
            shutdown(listener, Int32(SHUT_RDWR))
            close(listener)
            listener = -1
        }
    }

    private func openListener() throws -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw SimulatorError("\(name): socket: \(String(cString: strerror(errno)))") }
        var one: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = in_port_t(UInt16(port).bigEndian)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        let rc = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        guard rc == 0, listen(fd, 64) == 0 else {
            let e = String(cString: strerror(errno))
            close(fd)
            throw SimulatorError("\(name): cannot listen on 127.0.0.1:\(port): \(e) (is another simulator running? `studyspot simulate` takes ports from the config's [[instance]] urls)")
        }
        return fd
    }

    private func acceptLoop(_ fd: Int32) {
        while true {
            let client = accept(fd, nil, nil)
            if client < 0 {
                if errno == EINTR { continue }
                return // listener closed
            }
            Thread.detachNewThread { [weak self] in
                self?.serve(client)
                close(client)
            }
        }
    }

    private func serve(_ client: Int32) {
        var tv = timeval(tv_sec: 5, tv_usec: 0)
        setsockopt(client, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(client, SOL_SOCKET, SO_SNDTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        var connection: TLSServerConnection?
        if let tls {
            // A client that refuses the certificate ends here, like at a real instance.
            guard let c = tls.accept(client) else { return }
            connection = c
        }
        defer { connection?.close() }
        var request: [UInt8] = []
        var buf = [UInt8](repeating: 0, count: 2048)
        while request.count < 16 * 1024 {
            let n = buf.withUnsafeMutableBytes { b in connection.map { $0.read(into: b) } ?? recv(client, b.baseAddress!, b.count, 0) }
            if n <= 0 { return }
            request += buf[0..<n]
            if request.count >= 4, request.suffix(4) == [13, 10, 13, 10] { break }
        }
        let line = String(decoding: request.prefix { $0 != 13 }, as: UTF8.self)
        let path = line.split(separator: " ").dropFirst().first.map(String.init) ?? "/"

        let (delay, status, statusText) = decide()
        if delay > 0 { Thread.sleep(forTimeInterval: delay) } // the simulated latency itself
        guard lock.withLock({ _mode != .down }) else { return }
        let body: String
        let code: Int
        if path == "/health" {
            code = status
            if status == 200, let custom = healthBodyOverride {
                body = custom
            } else {
                body = status == 200
                    ? "{\"status\":\"\(statusText)\",\"version\":\"\(version)\",\"uptime_s\":\(Int(Date().timeIntervalSince(startedAt)))}"
                    : "{\"error\":\"internal error\"}"
            }
        } else {
            code = 404
            body = "{\"error\":\"not found\"}"
        }
        let reason = code == 200 ? "OK" : code == 404 ? "Not Found" : "Internal Server Error"
        let response = "HTTP/1.1 \(code) \(reason)\r\nContent-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\nConnection: close\r\n\r\n\(body)"
        var bytes = Array(response.utf8)
        if let connection {
            _ = connection.write(bytes)
        } else {
            _ = bytes.withUnsafeMutableBytes { send(client, $0.baseAddress!, $0.count, Int32(MSG_NOSIGNAL)) }
        }
    }

    /// Delay, HTTP status and health status for a request arriving now.
    private func decide() -> (Double, Int, String) {
        lock.withLock {
            let now = Date()
            _requests += 1
            defer { lastRequest = now }
            switch _mode {
            case .healthy, .down: return (0, 200, "ok")
            case .slow: return (slowSeconds, 200, "degraded")
            case .failing: return (0, 500, "")
            case .flapping:
                let phase = Int(now.timeIntervalSince(startedAt) / flapSeconds) % 2
                return phase == 0 ? (0, 200, "ok") : (0, 500, "")
            case .sleeping:
                let asleep = now >= awakeUntil
                awakeUntil = now.addingTimeInterval(idleSeconds + (asleep ? coldStartSeconds : 0))
                return (asleep ? coldStartSeconds : 0, 200, "ok")
            }
        }
    }
}

public struct SimulatorError: Error, CustomStringConvertible, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }
}
