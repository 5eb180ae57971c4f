import Foundation
@testable import StudySpotDevStack
import StudySpotTestSupport
import Testing
import StudySpotCore

/// Against real PostgreSQL and Redis servers; serialized because each test runs a whole stack.
@Suite(.serialized)
struct LocalStackTests {
    /// Also checks the config file: each fresh stack costs five initdb runs, so checks share one.
    @Test func upBringsEveryServerUpAndEachAnswersAndTheConfigIsPrivate() throws {
        try LocalStackFixture.withStack { stack in
            var reports: [LocalStackProgress] = []
            let config = try stack.up { reports.append($0) }
            #expect(config == stack.configPath)
            #expect(reports.map(\.server.name) == ["catalog", "neon", "supabase", "planetscale", "xata",
                                                   "upstash", "railway-redis", "redis-cloud"])
            #expect(reports.allSatisfy { $0.outcome == .started })

            let password = try LocalStackFixture.password(of: stack)
            #expect(!reports.contains { $0.line.contains(password) })
            let (dsns, urls) = try LocalStackFixture.connectionStrings(in: config)
            #expect(dsns.count == 5 && urls.count == 3)
            for dsn in dsns {
                #expect(try LocalStackProbe.postgresQuery(dsn, "SELECT current_database(), 1") == [["studyspot", "1"]])
            }
            for url in urls {
                let endpoint = try #require(LocalStackFixture.redisEndpoint(url))
                #expect(try LocalStackProbe.redisCommand(port: endpoint.port, password: endpoint.password, ["PING"]) == .status("PONG"))
                // Without the password the server refuses.
                guard case .error(let refusal) = try LocalStackProbe.redisCommand(port: endpoint.port, password: nil, ["PING"]) else {
                    Issue.record("redis on \(endpoint.port) answered without AUTH"); continue
                }
                #expect(refusal.hasPrefix("NOAUTH"))
            }
            let cloud = try #require(LocalStackFixture.redisEndpoint(urls[2]))
            #expect(try LocalStackProbe.redisCommand(port: cloud.port, password: cloud.password, ["CONFIG", "GET", "maxmemory"])
                    == .array([.string("maxmemory"), .string("31457280")]))
            #expect(stack.status().allSatisfy { $0.healthy })

            for path in [config.path, stack.directory.appendingPathComponent("password").path] {
                let mode = try #require(FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
                #expect(mode == 0o600, "\(path) has mode \(String(mode, radix: 8))")
            }
            let lines = try String(contentsOf: config, encoding: .utf8).split(separator: "\n")
            let holding = lines.filter { $0.contains(password) }
            #expect(holding.count == 8)
            #expect(holding.allSatisfy { $0.hasPrefix("dsn = ") || $0.hasPrefix("url = ") })
            #expect(lines.filter { $0 == "[[instance]]" }.count == 5)
            #expect(lines.contains("users = [10001, 0]"))
        }
    }

    @Test func upTwiceReusesDataAndAMissingPasswordIsAnError() throws {
        try LocalStackFixture.withStack { stack in
            let config = try stack.up()
            let (dsns, urls) = try LocalStackFixture.connectionStrings(in: config)
            let neon = dsns[1]
            _ = try LocalStackProbe.postgresQuery(neon, "CREATE TABLE kept(v text); INSERT INTO kept VALUES ('still here')")
            let state = try #require(LocalStackFixture.redisEndpoint(urls[1]))
            #expect(try LocalStackProbe.redisCommand(port: state.port, password: state.password, ["SET", "lb:kept", "yes"]) == .status("OK"))

            var again: [LocalStackProgress] = []
            #expect(try stack.up { again.append($0) } == config)
            #expect(again.count == 8 && again.allSatisfy { $0.outcome == .alreadyRunning })
            #expect(try LocalStackProbe.postgresQuery(neon, "SELECT v FROM kept") == [["still here"]])
            #expect(try LocalStackProbe.redisCommand(port: state.port, password: state.password, ["GET", "lb:kept"]) == .string("yes"))

            // After down, PostgreSQL data survives and the same password still works.
            try stack.down()
            var restarted: [LocalStackProgress] = []
            try stack.up { restarted.append($0) }
            #expect(restarted.filter { $0.server.kind == .postgres }.allSatisfy { $0.outcome == .reusedData })
            #expect(try LocalStackProbe.postgresQuery(neon, "SELECT v FROM kept") == [["still here"]])
            #expect(try LocalStackFixture.connectionStrings(in: config).dsns == dsns)

            // Without its password file the data is unusable: `up` says so rather than make a new one.
            try stack.down()
            let passwordFile = stack.directory.appendingPathComponent("password")
            try FileManager.default.removeItem(at: passwordFile)
            expectError {
                try stack.up()
            } matching: { error in
                guard let error = error as? LocalStackError, case .filesystem(let path, _) = error else { return false }
                return path == passwordFile.path
            }
            #expect(!FileManager.default.fileExists(atPath: passwordFile.path))
        }
    }

    @Test func downLeavesNoServerRunning() throws {
        try LocalStackFixture.withStack { stack in
            try stack.up()
            let pids = stack.status().compactMap(\.pid)
            #expect(pids.count == 8)

            let stopped = try stack.down()
            #expect(Set(stopped.map(\.pid)) == Set(pids))
            for pid in pids { #expect(!ProcessLiveness.isAlive(pid), "pid \(pid) still alive") }
            for server in stack.servers { #expect(!LocalStackPorts.isListening(server.port), "port \(server.port) still open") }
            #expect(stack.status().allSatisfy { !$0.running && !$0.answering })
            #expect(try stack.down().isEmpty)
        }
    }

    @Test func portTakenByAnotherProgramIsNamed() throws {
        try LocalStackFixture.withStack { stack in
            let taken = stack.basePort + 2
            let listener = try TestListener(port: taken)
            defer { listener.close() }
            expectError {
                try stack.up()
            } matching: { error in
                guard let error = error as? LocalStackError, case .portTaken(_, let port, _) = error else { return false }
                return port == taken && error.description.contains("\(taken)") && error.description.contains("--base-port")
            }
            // Checked before anything starts: nothing is left running.
            #expect(stack.status().allSatisfy { !$0.running })
        }
    }

    @Test(.enabled(if: geteuid() == 0, "only root switches to the server user"))
    func folderTheServerUserCannotReachIsReportedWithTheFix() throws {
        let locked = URL(fileURLWithPath: "/tmp/studyspot-locked-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: locked, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        defer { try? FileManager.default.removeItem(at: locked) }
        let stack = LocalStack(directory: locked.appendingPathComponent("stack"), basePort: LocalStackFixture.freeBasePort())
        expectError {
            try stack.up()
        } matching: { error in
            guard let error = error as? LocalStackError, case .notTraversable(_, let blocking, let user) = error else { return false }
            return blocking == locked.path && user == "studyspot" && error.description.contains("--dir")
                && error.description.contains("chmod o+x \(locked.path)")
        }
    }
}

/// A TCP listener on 127.0.0.1 standing in for "another program" on a port.
struct TestListener {
    let fd: Int32
    init(port: Int) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var yes: Int32 = 1 // the port may be in TIME_WAIT from the test before
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr = in_addr(s_addr: UInt32(0x7f00_0001).bigEndian)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 1) == 0 else { throw LocalStackError.filesystem(path: "port \(port)", reason: "test listener") }
    }
    func close() { _ = Glibc.close(fd) }
}
