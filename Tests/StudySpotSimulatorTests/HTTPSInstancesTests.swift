import Foundation
import StudySpotConfig
import StudySpotCore
@testable import StudySpotDevStack
import StudySpotMonitors
import StudySpotSimulator
import StudySpotTestSupport
import StudySpotWire
import Testing

/// The simulation's instances over HTTPS with the local CA `stack up
/// --https-instances` makes: the real binary serves them and `snapshot`
/// probes them through `ca_file`.
@Suite(.serialized) struct HTTPSInstancesTests {
    static func run(_ args: [String]) throws -> (out: String, status: Int32) {
        let binary = try #require(ProcessInfo.processInfo.environment["STUDYSPOT_BINARY"], "STUDYSPOT_BINARY is set by `make test`")
        let p = Process()
        p.executableURL = URL(fileURLWithPath: binary)
        p.arguments = args
        let out = Pipe()
        p.standardOutput = out
        p.standardError = out
        p.standardInput = FileHandle.nullDevice
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (String(decoding: data, as: UTF8.self), p.terminationStatus)
    }

    @Test func theSimulationsInstancesServedOverHTTPSByALocalCAAreUp() throws {
        let binary = try #require(ProcessInfo.processInfo.environment["STUDYSPOT_BINARY"], "STUDYSPOT_BINARY is set by `make test`")
        let dir = URL(fileURLWithPath: "/tmp/studyspot-https-instances-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: dir) }
        var stack = LocalStack(directory: dir)
        stack.httpsInstances = true
        try LocalStackTLS.ensure(stack.paths)
        var topo = try TestEnvironment.topology()
        // A state cache database of this test's own: no other suite's heartbeats or probes.
        for i in topo.caches.indices where topo.caches[i].role == .state {
            topo.caches[i].url = topo.caches[i].url.replacingOccurrences(of: "/0", with: "/9")
            _ = try RedisConnection(url: topo.caches[i].url).command(["FLUSHDB"])
        }
        var ports: Set<Int> = []
        topo.instances = stack.topology(password: "").instances.map { i in
            var i = i
            var port = TestEnvironment.freeServerPort()
            while ports.contains(port) { port = TestEnvironment.freeServerPort() }
            ports.insert(port)
            i.url = "https://127.0.0.1:\(port)"
            return i
        }
        #expect(topo.instances.allSatisfy { $0.caFile == dir.path + "/tls/ca.pem" })
        let config = dir.appendingPathComponent("config.toml").path
        try ConfigWriter.write(ConfigWriter.render(topology: topo), toPath: config)
        let check = try Self.run(["config", "check", "--config", config])
        #expect(check.status == 0, "\(check.out)")

        // One `simulate instance` process per instance, each serving TLS with the stack's certificate.
        var servers: [Process] = []
        defer { for p in servers where p.isRunning { kill(p.processIdentifier, SIGKILL); p.waitUntilExit() } }
        for inst in topo.instances {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: binary)
            p.arguments = ["simulate", "instance", inst.name, "--config", config]
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            try p.run()
            servers.append(p)
        }
        for (inst, p) in zip(topo.instances, servers) {
            #expect(TestEnvironment.waitUntilServing(timeout: 20, alive: { p.isRunning }) {
                (try? HTTPGet.get(inst.url + "/health", timeout: 1, caFile: inst.caFile).get().status) == 200
            }, "\(inst.name) never answered over https")
        }
        let snap = try Self.run(["snapshot", "--config", config, "--pane", "instances", "--format", "json", "--timeout", "20"])
        let obj = try #require(try JSONSerialization.jsonObject(with: Data(snap.out.utf8)) as? [String: Any], "\(snap.out)")
        let instances = try #require(obj["instances"] as? [[String: Any]])
        #expect(instances.count == 5)
        for i in instances {
            #expect(i["state"] as? String == "up", "\(i)")
            #expect(i["error"] is NSNull, "\(i)")
        }
    }

    @Test func anInstanceWhoseCertificateIsNotTrustedIsDownWithTheReason() throws {
        let dir = URL(fileURLWithPath: "/tmp/studyspot-https-untrusted-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: dir) }
        let stack = LocalStack(directory: dir)
        try LocalStackTLS.ensure(stack.paths)
        let tls = dir.path + "/tls"
        let fake = FakeInstance(name: "tls-fake-\(UUID().uuidString.prefix(6))", port: TestEnvironment.freeServerPort())
        fake.tls = try TLSServerContext(certFile: tls + "/instance.pem", keyFile: tls + "/instance.key")
        try fake.start()
        defer { fake.stop() }
        let url = "https://127.0.0.1:\(fake.port)"
        #expect(TestEnvironment.waitUntilServing(timeout: 10, alive: { true }) {
            (try? HTTPGet.get(url + "/health", timeout: 1, caFile: tls + "/ca.pem").get().status) == 200
        })
        final class Latest: @unchecked Sendable {
            let lock = NSLock(); var list: [InstanceHealth] = []
            func set(_ l: [InstanceHealth]) { lock.withLock { list = l } }
            var first: InstanceHealth? { lock.withLock { list.first } }
        }
        for (ca, expected) in [(tls + "/ca.pem", InstanceState.up), (nil, .down)] as [(String?, InstanceState)] {
            let latest = Latest()
            let config = InstanceConfig(name: fake.name, provider: "fly", url: url, priority: 1, weight: 1, sleeps: false, caFile: ca)
            let m = InstanceProbeMonitor(instances: [config], stateCache: nil) { list, _ in latest.set(list) }
            m.start()
            #expect(TestEnvironment.waitUntil(timeout: 5) { latest.first?.state == expected }, "\(String(describing: latest.first))")
            m.stop()
            if expected == .down {
                #expect(latest.first?.lastError == "certificate verify failed: unable to get local issuer certificate")
            } else {
                let days = try #require(latest.first?.certificateDaysLeft(now: Date()))
                #expect(days > 300 && latest.first?.certificateWarning(now: Date()) == nil)
            }
        }
    }
}
