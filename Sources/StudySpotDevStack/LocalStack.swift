import Foundation
import StudySpotCore
#if canImport(Glibc)
import Glibc
#endif

/// A local stack on 127.0.0.1: one PostgreSQL server per shard and one Redis
/// server per cache of the plan's topology, with data in one folder, and the
/// config file describing it (CONTRACT §1, §2, §6).
///
/// When run as root the servers run as the unprivileged `studyspot` system user.
/// Every operation is synchronous and idempotent; errors are `LocalStackError`.
public struct LocalStack: Sendable {
    /// The stack folder.
    public let directory: URL
    /// Shards listen on base+0…4, caches on base+10…12.
    public let basePort: Int

    let paths: LocalStackPaths
    /// Instances at https:// URLs, trusted through a local CA `up` makes in
    /// `<directory>/tls` (the simulation serves them with its certificate).
    public var httpsInstances = false

    public init(directory: URL, basePort: Int = LocalStack.defaultBasePort) {
        self.directory = directory.standardizedFileURL
        self.basePort = basePort
        self.paths = LocalStackPaths(root: self.directory.path)
    }

    /// `<directory>/config.toml`, written by `up` with mode 0600.
    public var configPath: URL { URL(fileURLWithPath: paths.config) }

    /// The stack's servers with their ports.
    public var servers: [LocalStackServer] { Self.servers(basePort: basePort) }

    /// The topology the config file describes, with the stack's password in DSNs and URLs.
    public func topology(password: String) -> Topology {
        var shards: [ShardConfig] = []
        var caches: [CacheConfig] = []
        for server in servers {
            switch server.kind {
            case .postgres:
                shards.append(ShardConfig(
                    name: server.name, provider: server.provider, role: server.shardRole ?? .users, users: server.users,
                    dsn: "host=127.0.0.1 port=\(server.port) dbname=studyspot user=studyspot password=\(password) connect_timeout=3"))
            case .redis:
                caches.append(CacheConfig(name: server.name, provider: server.provider, role: server.cacheRole ?? .cache,
                                          url: "redis://:\(password)@127.0.0.1:\(server.port)/0"))
            }
        }
        var instances = Self.instances(basePort: basePort)
        if httpsInstances {
            for i in instances.indices {
                instances[i].url = "https://" + instances[i].url.dropFirst("http://".count)
                instances[i].caFile = LocalStackTLS.caFile(paths)
            }
        }
        return Topology(shards: shards, caches: caches, instances: instances)
    }

    /// Brings every server up, waits until each answers, writes the config file and returns its path.
    /// Servers already running are left alone; existing data is reused.
    /// `progress` is called once per server, when it answers.
    @discardableResult
    public func up(progress: (LocalStackProgress) -> Void = { _ in }) throws -> URL {
        guard basePort > 1023, basePort + Self.portSpan - 1 <= 65535 else {
            throw LocalStackError.invalidBasePort(basePort)
        }
        let user = try ServerUser.resolve()
        try user.checkCanReach(paths.root)
        try FileSystem.directory(paths.root, mode: 0o755)
        let lock = try StackLock(paths.root)
        defer { lock.release() }
        try user.checkCanReach(paths.root)
        let binaries = try PostgresBinaries.find()
        let redisServer = try ProcessRunner.which("redis-server", in: ["/usr/bin", "/usr/local/bin", "/usr/sbin"])

        let postgres = servers.filter { $0.kind == .postgres }.map { LocalStackPostgres(server: $0, paths: paths, user: user, basePort: basePort) }
        let redis = servers.filter { $0.kind == .redis }.map { LocalStackRedis(server: $0, paths: paths, user: user, basePort: basePort) }
        let password = try LocalStackSecret.loadOrCreate(at: paths.password, mayCreate: !postgres.contains { $0.hasData },
                                                         stackDirectory: paths.root)

        // Check every port before starting anything, so a conflict leaves nothing half up.
        for server in postgres {
            if let running = server.running() {
                if running.port != server.server.port {
                    throw LocalStackError.runningOnOtherPort(server: server.server.name, running: running.port,
                                                             wanted: server.server.port)
                }
            } else if !LocalStackPorts.isFree(server.server.port) {
                throw LocalStackError.portTaken(server: "\(server.server.name) postgres", port: server.server.port, basePort: basePort)
            }
        }
        for server in redis {
            if server.runningPid() != nil {
                if let port = server.configuredPort(), port != server.server.port {
                    throw LocalStackError.runningOnOtherPort(server: server.server.name, running: port, wanted: server.server.port)
                }
            } else if !LocalStackPorts.isFree(server.server.port) {
                throw LocalStackError.portTaken(server: "\(server.server.name) redis", port: server.server.port, basePort: basePort)
            }
        }

        try user.ownedDirectory(paths.postgresRoot, mode: 0o700)
        try user.ownedDirectory(paths.redisRoot, mode: 0o700)
        try user.ownedDirectory(paths.logs, mode: 0o700)

        // initdb is the slow part of a first `up`: make the new clusters side by side.
        let fresh = Set(postgres.filter { !$0.hasData }.map(\.server.name))
        try Self.concurrently(postgres.filter { fresh.contains($0.server.name) }) {
            try $0.initialize(password: password, binaries: binaries)
        }
        for server in postgres {
            let outcome: LocalStackOutcome
            if server.running() != nil {
                outcome = .alreadyRunning
            } else {
                let reused = !fresh.contains(server.server.name)
                try server.configure()
                try server.start(binaries: binaries)
                outcome = reused ? .reusedData : .started
            }
            try server.waitUntilAnswering()
            try server.ensureDatabase(password: password)
            progress(LocalStackProgress(server: server.server, outcome: outcome))
        }
        for server in redis {
            let outcome: LocalStackOutcome
            if server.runningPid() != nil {
                outcome = .alreadyRunning
                try server.waitUntilAnswering(password: password, logOffset: server.logSize())
            } else {
                try server.configure(password: password)
                let offset = server.logSize()
                try server.start(executable: redisServer)
                try server.waitUntilAnswering(password: password, logOffset: offset)
                outcome = .started
            }
            progress(LocalStackProgress(server: server.server, outcome: outcome))
        }

        if httpsInstances { try LocalStackTLS.ensure(paths) }
        try FileSystem.write("\(basePort)\n", to: paths.basePort, mode: 0o644)
        try FileSystem.write(LocalStackConfigFile.render(topology(password: password)), to: paths.config, mode: 0o600)
        return configPath
    }

    /// Stops every server this stack started (found by its pid file) and waits until each is gone.
    /// Returns what it stopped; empty when nothing was running.
    @discardableResult
    public func down(progress: (LocalStackStopped) -> Void = { _ in }) throws -> [LocalStackStopped] {
        guard FileSystem.exists(paths.root) else { return [] }
        let lock = try StackLock(paths.root)
        defer { lock.release() }
        let user = try ServerUser.resolve()
        let binaries = try? PostgresBinaries.find()
        var stopped: [LocalStackStopped] = []
        var firstError: Error?
        // Keep going past a server that will not stop, so the rest still go down.
        for server in servers {
            do {
                let pid: pid_t?
                switch server.kind {
                case .postgres: pid = try LocalStackPostgres(server: server, paths: paths, user: user, basePort: basePort).stop(binaries: binaries)
                case .redis: pid = try LocalStackRedis(server: server, paths: paths, user: user, basePort: basePort).stop()
                }
                if let pid {
                    let report = LocalStackStopped(server: server, pid: pid)
                    stopped.append(report)
                    progress(report)
                }
            } catch {
                firstError = firstError ?? error
            }
        }
        if let firstError { throw firstError }
        return stopped
    }

    /// Each server: running (by pid file) and answering on its port. Starts and creates nothing.
    public func status() -> [LocalStackServerStatus] {
        let user = ServerUser(name: "", uid: geteuid(), gid: getegid(), needsSwitch: false)
        let password = LocalStackSecret.load(at: paths.password)
        return servers.map { server in
            switch server.kind {
            case .postgres:
                let pid = LocalStackPostgres(server: server, paths: paths, user: user, basePort: basePort).running()?.pid
                return LocalStackServerStatus(server: server, pid: pid,
                                              answering: pid != nil && LocalStackProbe.postgresAnswers(port: server.port))
            case .redis:
                let pid = LocalStackRedis(server: server, paths: paths, user: user, basePort: basePort).runningPid()
                return LocalStackServerStatus(server: server, pid: pid,
                                              answering: pid != nil && LocalStackProbe.redisAnswers(port: server.port, password: password))
            }
        }
    }

    /// Runs `work` on every item at once; throws the first error (by item order) after all finish.
    static func concurrently<Item: Sendable>(_ items: [Item], _ work: @Sendable (Item) throws -> Void) throws {
        let errors = ErrorSlots(count: items.count)
        DispatchQueue.concurrentPerform(iterations: items.count) { index in
            do { try work(items[index]) } catch { errors.set(index, error) }
        }
        if let first = errors.first { throw first }
    }
}

/// Errors from concurrent work, one slot per item.
private final class ErrorSlots: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [Error?]
    init(count: Int) { slots = Array(repeating: nil, count: count) }
    func set(_ index: Int, _ error: Error) { lock.withLock { slots[index] = error } }
    var first: Error? { lock.withLock { slots.compactMap { $0 }.first } }
}

/// An exclusive lock on the stack folder, so two `up`/`down` at once (say `make test`
/// and `make demo`) take turns instead of racing to start the same servers.
private struct StackLock {
    let fd: Int32

    init(_ root: String) throws {
        let path = root + "/.lock"
        fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw LocalStackError.filesystem(path: path, reason: "cannot open the lock: \(FileSystem.errnoText())") }
        while flock(fd, LOCK_EX) != 0 && errno == EINTR {}
    }

    func release() {
        flock(fd, LOCK_UN)
        close(fd)
    }
}
