import Foundation
@testable import StudySpotDevStack
import StudySpotSchema
import StudySpotTestSupport
import StudySpotCore
@testable import StudySpotWire

/// The fault suite's own stack (never the shared test stack): on a free base
/// above the kernel's ephemeral range, in a fresh folder under /tmp, seeded with
/// one library and one user per users shard. It finds each server's pid from
/// the stack's pid files, kills, stops and continues them, and restarts them
/// with `LocalStack.up()`.
final class FaultStack: @unchecked Sendable {
    let stack: LocalStack
    let topology: Topology
    let config: URL
    /// Servers currently SIGSTOPped, continued again by `tearDown` whatever happened.
    private var stopped: Set<String> = []
    /// Every process of the servers killed since the last restart.
    private var killed: [pid_t] = []

    init() throws {
        // Above the ephemeral range no client connection can hold one of the
        // ports between the check and the servers' bind; the start is random,
        // so fault runs of other clones at the same time pick other bases.
        let base = TestEnvironment.freeStackBase(Self.isFree)
        let dir = URL(fileURLWithPath: "/tmp/studyspot-faults-\(base)-\(UUID().uuidString.prefix(8))")
        stack = LocalStack(directory: dir, basePort: base)
        do {
            config = try stack.up()
            topology = stack.topology(password: try LocalStackFixture.password(of: stack))
        } catch {
            _ = try? stack.down()
            try? FileManager.default.removeItem(at: dir)
            throw error
        }
    }

    /// Whether a base's servers' and instances' ports are all free now.
    static func isFree(_ b: Int) -> Bool {
        (LocalStack.servers(basePort: b).map(\.port) + (20...24).map { b + $0 }).allSatisfy(LocalStackPorts.isFree)
    }

    /// Continues what is stopped, brings every server down, removes the folder.
    func tearDown() {
        for name in stopped { signalServer(name, SIGCONT) }
        _ = try? stack.down()
        try? FileManager.default.removeItem(at: stack.directory)
    }

    /// Schema on every shard; owner 1 with library 1 (20 seats) and library 2; a user per users shard.
    func seed() throws {
        let problems = SchemaApplier(topology: topology).applyAll()
        _ = problems
        let cat = try PGConnection(dsn: shard("catalog").dsn)
        try cat.query("INSERT INTO owners (id, display_name) VALUES (1, 'Fault Owner')")
        try cat.query("INSERT INTO libraries (id, name, city, owner_id) VALUES (1, 'Fault Library', 'Pune', 1), (2, 'Second Library', 'Kota', 1)")
        for n in 1...20 {
            try cat.query("INSERT INTO seats (id, library_id, label, row_no, col_no) VALUES ($1, 1, $2, 1, $3)", [Int64(n), "A\(n)", n])
        }
        for s in usersShards {
            try PGConnection(dsn: s.dsn).query("INSERT INTO users (id, display_name) VALUES ($1, 'Fault Tester')", [Self.user(s)])
        }
    }

    static func user(_ s: ShardConfig) -> Int64 { s.users!.lower }

    var usersShards: [ShardConfig] { topology.shards.filter { $0.role == .users } }
    func shard(_ name: String) -> ShardConfig { topology.shards.first { $0.name == name }! }

    // MARK: processes

    /// The server's main pid from the stack's pid file (postmaster.pid, redis.pid).
    func pid(_ name: String) -> pid_t? {
        guard let server = stack.servers.first(where: { $0.name == name }) else { return nil }
        let file = server.kind == .postgres ? stack.paths.postgresData(name) + "/postmaster.pid"
                                            : stack.paths.redisDirectory(name) + "/redis.pid"
        guard let text = try? String(contentsOfFile: file, encoding: .utf8) else { return nil }
        return pid_t(text.split(separator: "\n").first?.trimmingCharacters(in: .whitespaces) ?? "")
    }

    /// The main pid and, for PostgreSQL, every backend and helper it forked:
    /// stopping only the postmaster would leave open connections answering.
    func processes(_ name: String) -> [pid_t] {
        guard let main = pid(name) else { return [] }
        return [main] + ProcessTree.children(of: main)
    }

    /// `kill -9` of the server's main process (PostgreSQL's backends then exit on their own).
    func kill9(_ name: String) throws {
        guard let p = pid(name) else { throw FaultSetupError("\(name): no pid file") }
        killed += processes(name)
        guard kill(p, SIGKILL) == 0 else { throw FaultSetupError("\(name): kill -9 \(p) failed") }
    }

    /// SIGSTOP (hung, not dead) or SIGCONT of every process of the server.
    func signalServer(_ name: String, _ sig: Int32) {
        if sig == SIGSTOP { stopped.insert(name) } else if sig == SIGCONT { stopped.remove(name) }
        for p in processes(name) { kill(p, sig) }
    }

    /// Starts what is not running, once every process of the killed servers
    /// is gone: PostgreSQL's dying backends hold the old shared memory and a
    /// start before they exit is refused. (The servers are daemons, children
    /// of init, so a gone pid is gone, not a zombie of ours.)
    func restart(timeout: TimeInterval = 30) throws {
        let pids = killed
        guard TestEnvironment.waitUntil(timeout: timeout, { pids.allSatisfy { kill($0, 0) != 0 && errno == ESRCH } }) else {
            throw FaultSetupError("the killed servers' processes did not exit within \(Int(timeout)) s")
        }
        killed = []
        try stack.up()
    }
}

struct FaultSetupError: Error, CustomStringConvertible {
    var description: String
    init(_ d: String) { description = d }
}
