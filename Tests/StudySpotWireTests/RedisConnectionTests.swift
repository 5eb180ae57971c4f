import Foundation
@testable import StudySpotWire
import Testing
import StudySpotTestSupport

@Suite struct RedisConnectionTests {
    let prefix = "studyspot:test:\(UInt32.random(in: 0...UInt32.max)):"

    @Test func everyReplyTypeDecodes() throws {
        let r = try RedisConnection(url: try TestEnvironment.redisURL())
        defer { _ = try? r.command(["DEL", prefix + "s", prefix + "l", prefix + "n"]) }
        #expect(try r.command(["SET", prefix + "s", "ज्ञान 👩‍💻"]) == .status("OK"))
        #expect(try r.command(["GET", prefix + "s"]).string == "ज्ञान 👩‍💻")
        #expect(try r.command(["GET", prefix + "missing"]) == .null)
        #expect(try r.command(["INCRBY", prefix + "n", "41"]) == .integer(41))
        try r.command(["RPUSH", prefix + "l", "a", "b"])
        #expect(try r.command(["LRANGE", prefix + "l", "0", "-1"]) == .array([.bulk(Array("a".utf8)), .bulk(Array("b".utf8))]))
        // Nested arrays: SCAN answers [cursor, [keys…]].
        let scan = try r.command(["SCAN", "0", "MATCH", prefix + "*", "COUNT", "1000"])
        #expect(scan.array?.count == 2)
        #expect(scan.array?[1].array != nil)
        // Error replies are values, and the connection stays usable.
        if case .error(let e) = try r.command(["INCR", prefix + "s"]) { #expect(e.contains("not an integer")) }
        else { Issue.record("expected an error reply") }
        #expect(try r.command(["PING"]) == .status("PONG"))
        #expect(try r.command(["LRANGE", prefix + "none", "0", "-1"]) == .array([]))
    }

    @Test func argumentsAreBinarySafe() throws {
        let r = try RedisConnection(url: try TestEnvironment.redisURL())
        let key: [UInt8] = Array((prefix + "bin").utf8) + [0, 13, 10, 37, 115]
        let value: [UInt8] = [0, 255, 13, 10, 0]
        defer { _ = try? r.command(bytes: [Array("DEL".utf8), key]) }
        #expect(try r.command(bytes: [Array("SET".utf8), key, value]) == .status("OK"))
        #expect(try r.command(bytes: [Array("GET".utf8), key]) == .bulk(value))
        // A format-string attack is just data.
        #expect(try r.command(["SET", prefix + "%s%n", "%s %n %x"]) == .status("OK"))
        #expect(try r.command(["GET", prefix + "%s%n"]).string == "%s %n %x")
        try r.command(["DEL", prefix + "%s%n"])
    }

    @Test func pipelineKeepsOrder() throws {
        let r = try RedisConnection(url: try TestEnvironment.redisURL())
        let replies = try r.pipeline([["SET", prefix + "p", "1"], ["INCR", prefix + "p"], ["GET", prefix + "p"], ["DEL", prefix + "p"]])
        #expect(replies == [.status("OK"), .integer(2), .bulk(Array("2".utf8)), .integer(1)])
    }

    @Test func infoParsesIntoTypedFields() throws {
        let r = try RedisConnection(url: try TestEnvironment.redisURL())
        let info = RedisInfo(parsing: try #require(try r.command(["INFO"]).string))
        #expect(info.redisVersion != nil)
        #expect((info.usedMemoryBytes ?? 0) > 0)
        #expect((info.connectedClients ?? 0) >= 1)
        #expect(info.keyspaceHits != nil && info.keyspaceMisses != nil)
        let stats = RedisInfo(parsing: try #require(try r.command(["INFO", "commandstats"]).string))
        #expect((stats.commandCalls["info"] ?? 0) >= 1)
    }

    @Test func wrongPasswordIsAConnectionErrorWithoutThePassword() throws {
        var url = try RedisURL(parsing: try TestEnvironment.redisURL())
        let bad = "redis://:Wr0ngPassw0rd@\(url.host):\(url.port)/0"
        url.password = nil
        expectError { try RedisConnection(url: bad) } matching: { e in
            !"\(e)".contains("Wr0ngPassw0rd") && (e as? RedisError)?.kind == .connection
        }
    }

    @Test func closedPortIsAConnectionError() throws {
        expectError { try RedisConnection(url: "redis://127.0.0.1:1/0", timeoutSeconds: 1) } matching: { ($0 as? RedisError)?.kind == .connection }
    }
}

@Suite struct RedisURLTests {
    @Test func parsesEveryPart() throws {
        let u = try RedisURL(parsing: "redis://me:p%40ss@10.0.0.5:6390/3")
        #expect(u.host == "10.0.0.5" && u.port == 6390 && u.database == 3 && u.user == "me" && u.password == "p@ss" && !u.tls)
        let v = try RedisURL(parsing: "rediss://:pw@cache.example.com")
        #expect(v.port == 6379 && v.database == 0 && v.user == nil && v.password == "pw" && v.tls)
        let w = try RedisURL(parsing: "redis://[::1]:7000")
        #expect(w.host == "::1" && w.port == 7000 && w.isLoopback)
    }

    @Test(arguments: ["http://x", "redis://:pw@host:99999/0", "redis://:pw@/0", "redis://h:6379/db"])
    func rejectsBadURLsWithoutLeakingThePassword(text: String) {
        expectError { try RedisURL(parsing: text) } matching: { !"\($0)".contains(":pw@") }
    }

    @Test func tlsToANonTLSServerFailsWithoutLeakingThePassword() throws {
        // A plain Redis never completes a TLS handshake: it fails (or times out) and nothing is sent in clear.
        let plain = try RedisURL(parsing: try TestEnvironment.redisURL())
        expectError { try RedisConnection(url: "rediss://:secretpw@127.0.0.1:\(plain.port)/0", timeoutSeconds: 1) } matching: {
            ($0 as? RedisError)?.isConnectionLost == true && "\($0)".contains("TLS handshake") && !"\($0)".contains("secretpw")
        }
    }
}

@Suite struct RedisInfoTests {
    @Test func parsesSectionsAndTypedFields() {
        let text = "# Server\r\nredis_version:7.0.15\r\nuptime_in_seconds:42\r\n\r\n# Memory\r\nused_memory:1048576\r\nmaxmemory:0\r\n# Stats\r\nkeyspace_hits:30\r\nkeyspace_misses:10\r\nevicted_keys:2\r\n# Commandstats\r\ncmdstat_get:calls=12,usec=30,usec_per_call=2.5\r\ncmdstat_set:calls=3,usec=1\r\n# Keyspace\r\ndb0:keys=12,expires=3,avg_ttl=0\r\n"
        let info = RedisInfo(parsing: text)
        #expect(info.redisVersion == "7.0.15")
        #expect(info.uptimeSeconds == 42)
        #expect(info.usedMemoryBytes == 1_048_576)
        #expect(info.maxMemoryBytes == nil)
        #expect(info.hitRate == 0.75)
        #expect(info.evictedKeys == 2)
        #expect(info.commandCalls == ["get": 12, "set": 3])
        #expect(info.keysPerDatabase == [0: 12])
    }

    @Test(arguments: ["", ":", "#", "no colon here", "# \u{0}\n:x\nkey:\n", String(repeating: "a:b,", count: 1000), "cmdstat_:calls=x"])
    func garbageNeverCrashes(text: String) {
        let info = RedisInfo(parsing: text)
        #expect(info.hitRate == nil)
    }
}
